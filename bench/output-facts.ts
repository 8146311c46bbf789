import * as fs from 'node:fs';
import * as path from 'node:path';
import { LAYOUT, TEMPLATE_SUFFIX } from '../packages/model/src/plan/artifact-layout';

/** Facts about a regeneration's output that the targets (#17) name besides timings. */
export interface OutputFacts {
  readonly stacks: number;
  /** The most resources in one stack (CloudFormation allows 500; the target is ≤ 400). */
  readonly maxStackResources: number;
  /** The longest Mermaid block of ACCESS.md, characters (Mermaid's default `maxTextSize` is 50,000). */
  readonly largestMermaidBlock: number;
}

/** Reads the templates and ACCESS.md that `npx projen` generated under `root`. */
export function outputFacts(root: string): OutputFacts {
  const templatesDir = path.join(root, LAYOUT.templatesDir);
  const templates = fs.readdirSync(templatesDir).filter((name) => name.endsWith(TEMPLATE_SUFFIX));
  const resources = templates.map((name) => {
    const template = JSON.parse(fs.readFileSync(path.join(templatesDir, name), 'utf8')) as { Resources?: Record<string, unknown> };
    return Object.keys(template.Resources ?? {}).length;
  });
  const report = fs.readFileSync(path.join(root, LAYOUT.accessReport), 'utf8');
  const blocks = [...report.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1].length);
  return { stacks: templates.length, maxStackResources: Math.max(0, ...resources), largestMermaidBlock: Math.max(0, ...blocks) };
}
