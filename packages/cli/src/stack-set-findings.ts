import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stackSetTemplateName, templateFile, type ResolvedConfig } from '@lockstep/model';
import type { CheckFinding } from './check-finding';
import { parseTemplate } from './template-json';
import { readTextFile } from './read-text-file';
import { displayPath, type Workspace } from './workspace';

/**
 * For each StackSet environment: the StackSet resource of its committed stack template
 * (`Lockstep-<env>.template.json`) must deploy exactly the committed instance template
 * (`Lockstep-<env>--stackset.template.json`) that `check` reads the roles of — inline (`TemplateBody`, the
 * same JSON) or in S3 (`TemplateURL`, whose file asset key is the SHA-256 of that JSON as the CDK app
 * writes it). Otherwise the roles checked are not the roles deployed.
 */
export function stackSetFindings(config: ResolvedConfig, workspace: Workspace, cwd: string): CheckFinding[] {
  const findings: CheckFinding[] = [];
  for (const env of config.environments.filter((e) => e.stackSet !== undefined)) {
    const outerFile = path.join(workspace.root, templateFile(env.stackName));
    const innerFile = path.join(workspace.root, templateFile(stackSetTemplateName(env.name)));
    if (!fs.existsSync(outerFile)) continue; // its roles are then in no template: role-not-synthesized
    const shown = displayPath(outerFile, cwd);
    const innerShown = displayPath(innerFile, cwd);
    if (!fs.existsSync(innerFile)) {
      findings.push({ severity: 'error', code: 'stackset-template-missing', file: shown, message: `the StackSet of environment "${env.name}" has no committed instance template ${innerShown}, so what it deploys can't be reviewed or checked`, fix: 'run `npx projen` to regenerate the templates from lockstep.config.ts' });
      continue;
    }
    const outer = parseTemplate(readTextFile(outerFile, 'template', shown), shown);
    const inner = JSON.stringify(parseTemplate(readTextFile(innerFile, 'template', innerShown), innerShown));
    const fix = 'run `npx projen` to regenerate both templates from lockstep.config.ts; never edit one of them by hand';
    for (const [id, resource] of Object.entries(outer.Resources).filter(([, r]) => r?.Type === 'AWS::CloudFormation::StackSet')) {
      const props = resource.Properties ?? {};
      const body = props.TemplateBody;
      if (typeof body === 'string') {
        let same = false;
        try {
          same = JSON.stringify(JSON.parse(body)) === inner;
        } catch {
          // not JSON: reported as different
        }
        if (!same) findings.push({ severity: 'error', code: 'stackset-template-differs', file: shown, message: `the TemplateBody of ${id} is not the instance template ${innerShown}: the StackSet would deploy roles other than the ones checked`, fix });
        continue;
      }
      const hash = createHash('sha256').update(inner).digest('hex');
      if (!JSON.stringify(props.TemplateURL ?? '').includes(`/${hash}.json`)) {
        findings.push({ severity: 'error', code: 'stackset-template-differs', file: shown, message: `the TemplateURL of ${id} does not name the instance template ${innerShown} (SHA-256 ${hash}): the StackSet would deploy roles other than the ones checked`, fix });
      }
    }
  }
  return findings;
}
