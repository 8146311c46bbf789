import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InfraSynthesis } from '@lockstep/infra';
import type { RenderingReuse } from '@lockstep/projen';
import { infraStacks, templateFile, type InfraStack, type ResolvedConfig } from '@lockstep/model';

/** The sources and packages a synthesis depends on, besides the resolved config. */
// The model's sources too: the permission profiles the constructs render are data in packages/model/src/plan.
const SOURCE_DIRS = ['packages/model/src', 'packages/constructs/src', 'apps/infra/src'];
const PACKAGES = ['aws-cdk-lib', 'cdk-nag', 'constructs'];
/**
 * How many stacks one CDK app synthesizes at most. A CDK app holds every construct of its stacks until it is
 * synthesized; apps of a bounded size keep a full synthesis of thousands of stacks within a bounded memory.
 */
const SYNTHESIS_BATCH = 100;

/** One planned stack's template: freshly synthesized, or the text written for the same inputs before. */
export type StackTemplate =
  | { readonly stackName: string; readonly template: Record<string, unknown> }
  | { readonly stackName: string; readonly text: string };

/**
 * Returns every planned stack's template, in the plan's order, synthesizing only the stacks whose inputs
 * changed since their template was last written (one CDK app per batch of them).
 *
 * Why: synthesizing the CDK app (loading aws-cdk-lib, building the stacks) is most of what a regeneration
 * costs, and a one-repository edit touches one role stack. A stack's key covers exactly what its template
 * is a function of: its environment, its roles, the repositories mapped to them, the sources of the model,
 * the constructs and the app, and the versions of aws-cdk-lib, cdk-nag and constructs. `reuse` (the
 * rendering record, see `RenderingCache`) hands back the template file of a stack whose key is unchanged,
 * as written, so neither the synthesis nor projen's JSON rendering runs for it. The record lives in
 * node_modules/.cache, so a fresh clone (and CI) always synthesizes; the infra tests compare the committed
 * templates with a fresh synthesis, so a stale entry could not go unnoticed. `LOCKSTEP_NO_CACHE=1`
 * bypasses it.
 */
export function cachedInfraSynthesis(
  root: string,
  config: ResolvedConfig,
  reuse: RenderingReuse,
  synthesize: (only: ReadonlySet<string>) => InfraSynthesis,
): StackTemplate[] {
  const planned = infraStacks(config);
  const keys = stackKeys(sourcesKey(root), config, planned);
  const reused = new Map<string, string>();
  for (const stack of planned) {
    const text = reuse.reuse(templateFile(stack.stackName), keys.get(stack.stackName));
    if (text !== undefined) reused.set(stack.stackName, text);
  }
  const stale = planned.filter((s) => !reused.has(s.stackName)).map((s) => s.stackName);
  const fresh = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < stale.length; i += SYNTHESIS_BATCH) {
    for (const s of synthesize(new Set(stale.slice(i, i + SYNTHESIS_BATCH))).stacks) fresh.set(s.stackName, s.template);
  }
  return planned.map((s) => {
    const text = reused.get(s.stackName);
    return text !== undefined ? { stackName: s.stackName, text } : { stackName: s.stackName, template: fresh.get(s.stackName)! };
  });
}

/** Per stack: the hash of the sources and of the part of the config its template is made of. */
function stackKeys(base: string, config: ResolvedConfig, planned: readonly InfraStack[]): Map<string, string> {
  const reposByRole = new Map<string, ResolvedConfig['repos'][number][]>();
  for (const repo of config.repos) reposByRole.set(repo.role, [...(reposByRole.get(repo.role) ?? []), repo]);
  return new Map(planned.map((stack) => {
    // A base stack holds per-environment resources that may read any role or repository of the
    // environment; it is small, so its key takes them all. A role stack's key takes its roles and their
    // repositories only: that is what makes a one-repository edit one stack's synthesis.
    const roles = stack.kind === 'base' ? config.roles.filter((r) => r.environment === stack.environment.name) : stack.roles;
    const inputs = { stack: { ...stack, roles: undefined }, roles, repos: roles.map((r) => reposByRole.get(r.name) ?? []) };
    return [stack.stackName, createHash('sha256').update(base).update(JSON.stringify(inputs)).digest('hex')];
  }));
}

/** The hash of the synthesis's sources and package versions, shared by every stack. */
function sourcesKey(root: string): string {
  const hash = createHash('sha256');
  for (const dir of SOURCE_DIRS) {
    for (const file of filesUnder(path.join(root, dir))) {
      hash.update(`\0${path.relative(root, file)}\0`);
      hash.update(fs.readFileSync(file));
    }
  }
  for (const name of PACKAGES) {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    hash.update(`\0${name}@${manifest.version}`);
  }
  return hash.digest('hex');
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}
