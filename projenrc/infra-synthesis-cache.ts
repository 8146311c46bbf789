import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InfraSynthesis, SynthesizedStack } from '@lockstep/infra';
import { infraStacks, type InfraStack, type ResolvedConfig } from '@lockstep/model';

/** The sources and packages a synthesis depends on, besides the resolved config. */
// The model's sources too: the permission profiles the constructs render are data in packages/model/src/plan.
const SOURCE_DIRS = ['packages/model/src', 'packages/constructs/src', 'apps/infra/src'];
const PACKAGES = ['aws-cdk-lib', 'cdk-nag', 'constructs'];

/** The cache file's shape: per stack, the key of its inputs and its template. */
interface CacheFile {
  readonly stacks: Record<string, { readonly key: string; readonly stack: SynthesizedStack }>;
}

/**
 * Returns every planned stack's template, synthesizing only the stacks whose inputs changed since the last
 * `npx projen` (one CDK app for all of them).
 *
 * Why: synthesizing the CDK app (loading aws-cdk-lib, building the stacks) is most of what a regeneration
 * costs, and a one-repository edit touches one role stack. A stack's key covers exactly what its template
 * is a function of: its environment, its roles, the repositories mapped to them, the sources of the model,
 * the constructs and the app, and the versions of aws-cdk-lib, cdk-nag and constructs. The cache lives in
 * node_modules/.cache, so a fresh clone (and CI) always synthesizes; the infra tests compare the committed
 * templates with a fresh synthesis, so a stale entry could not go unnoticed. `LOCKSTEP_NO_CACHE=1`
 * bypasses it.
 */
export function cachedInfraSynthesis(root: string, config: ResolvedConfig, synthesize: (only?: ReadonlySet<string>) => InfraSynthesis): InfraSynthesis {
  // The same switch as the CLI's cache: measure or debug without it.
  if (process.env.LOCKSTEP_NO_CACHE) return synthesize();
  const file = path.join(root, 'node_modules', '.cache', 'lockstep', 'infra-stacks.json');
  const planned = infraStacks(config);
  const base = sourcesKey(root);
  const keys = stackKeys(base, config, planned);
  let cached: CacheFile = { stacks: {} };
  try {
    cached = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
  } catch {
    // no cache yet, or an unreadable one: synthesize every stack
  }
  const stale = new Set(planned.filter((s) => cached.stacks[s.stackName]?.key !== keys.get(s.stackName)).map((s) => s.stackName));
  const fresh = new Map(stale.size > 0 ? synthesize(stale).stacks.map((s) => [s.stackName, s]) : []);
  const stacks = planned.map((s) => fresh.get(s.stackName) ?? cached.stacks[s.stackName].stack);
  if (stale.size > 0 && fs.existsSync(path.join(root, 'node_modules'))) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const entries = Object.fromEntries(stacks.map((stack) => [stack.stackName, { key: keys.get(stack.stackName)!, stack }]));
    fs.writeFileSync(file, JSON.stringify({ stacks: entries } satisfies CacheFile));
  }
  return { stacks };
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
