import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InfraSynthesis } from '@lockstep/infra';
import type { ResolvedConfig } from '@lockstep/model';

/** The sources and packages a synthesis depends on, besides the resolved config. */
// The model's sources too: the permission profiles the constructs render are data in packages/model/src/plan.
const SOURCE_DIRS = ['packages/model/src', 'packages/constructs/src', 'apps/infra/src'];
const PACKAGES = ['aws-cdk-lib', 'cdk-nag', 'constructs'];

/**
 * Returns the synthesis of the last `npx projen` whose inputs were the same, or runs `synthesize` and
 * remembers its result.
 *
 * Why: synthesizing the CDK app (loading aws-cdk-lib, building the stacks, running cdk-nag) is most of
 * what a regeneration costs, and most regenerations don't touch IAM. The key covers everything the
 * templates are a function of: the resolved config, the sources of the constructs and the app, and the
 * versions of aws-cdk-lib, cdk-nag and constructs. The cache lives in node_modules/.cache, so a fresh
 * clone (and CI) always synthesizes; the infra tests compare the committed templates with a fresh
 * synthesis, so a stale entry could not go unnoticed. `LOCKSTEP_NO_CACHE=1` bypasses it.
 */
export function cachedInfraSynthesis(root: string, config: ResolvedConfig, synthesize: () => InfraSynthesis): InfraSynthesis {
  // The same switch as the CLI's cache: measure or debug without it.
  if (process.env.LOCKSTEP_NO_CACHE) return synthesize();
  const file = path.join(root, 'node_modules', '.cache', 'lockstep', 'infra-synthesis.json');
  const key = synthesisKey(root, config);
  try {
    const cached = JSON.parse(fs.readFileSync(file, 'utf8')) as { key: string; synthesis: InfraSynthesis };
    if (cached.key === key) return cached.synthesis;
  } catch {
    // no cache yet, or an unreadable one: synthesize
  }
  const synthesis = synthesize();
  if (fs.existsSync(path.join(root, 'node_modules'))) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ key, synthesis }));
  }
  return synthesis;
}

function synthesisKey(root: string, config: ResolvedConfig): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(config));
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
