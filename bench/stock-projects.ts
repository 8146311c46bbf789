import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The two stock projen projects the size-1 figures are compared with. */
export interface StockProjects {
  /** `projen new typescript` as generated: its `.projenrc.ts` runs through ts-node with type checking. */
  readonly asGenerated: string;
  /** The same project launched as Lockstep launches its own `.projenrc.ts` (the fair baseline). */
  readonly sameRunner: string;
  /** The projen version both run. */
  readonly projenVersion: string;
}

/**
 * Creates a stock `projen new typescript` project under `workDir`, and a copy of it that runs its
 * `.projenrc.ts` the way Lockstep's `npx projen` runs its own.
 *
 * Lockstep's default task is `tsx --tsconfig tsconfig.projen.json .projenrc.ts` (no type check; tsx from
 * the workspace's node_modules/.bin) and its tasks' PATH is a shell `echo`, not projen's
 * `$(npx -c "node --print process.env.PATH")` (see .projenrc.ts and projenrc/fast-task-path.ts). The stock
 * project gets both, with the very tsx binary `tsxBin` of the benchmark's copy, so that what remains
 * between the two is the work of synthesizing, not the choice of runner. The stock projects have their
 * own install (npm's cache first): they must not share the repository's node_modules, since their first
 * synthesis runs `npm install`, which would prune every package they don't declare.
 */
export function createStockProjects(workDir: string, projenBin: string, tsxBin: string, env: NodeJS.ProcessEnv): StockProjects {
  const asGenerated = path.join(workDir, 'stock-ts-node');
  const sameRunner = path.join(workDir, 'stock-tsx');
  fs.mkdirSync(asGenerated, { recursive: true });
  const installEnv = { ...env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
  execFileSync(process.execPath, [projenBin, 'new', 'typescript', '--no-git'], { cwd: asGenerated, stdio: 'ignore', env: installEnv });
  settle(asGenerated, installEnv);

  fs.cpSync(asGenerated, sameRunner, { recursive: true, verbatimSymlinks: true });
  const projenrc = path.join(sameRunner, '.projenrc.ts');
  const source = fs.readFileSync(projenrc, 'utf8');
  const launch = [
    "// The benchmark's change (bench/stock-projects.ts): launched the way Lockstep launches its .projenrc.ts.",
    `project.defaultTask!.reset(${JSON.stringify(`${tsxBin} --tsconfig projenrc/tsconfig.json .projenrc.ts`)});`,
    `project.tasks.addEnvironment('PATH', ${JSON.stringify('$(echo "$(pwd)/node_modules/.bin:$PATH")')});`,
    'project.synth();',
  ].join('\n');
  if (!source.includes('project.synth();')) throw new Error(`stock project: ${projenrc} has no "project.synth();" to launch differently`);
  fs.writeFileSync(projenrc, source.replace('project.synth();', launch));
  settle(sameRunner, installEnv);

  const manifest = JSON.parse(fs.readFileSync(path.join(asGenerated, 'node_modules', 'projen', 'package.json'), 'utf8')) as { version: string };
  return { asGenerated, sameRunner, projenVersion: manifest.version };
}

/** The first syntheses resolve the project's unpinned dependencies and install; after them a run is steady. */
function settle(dir: string, env: NodeJS.ProcessEnv): void {
  for (let i = 0; i < 2; i++) execFileSync('npx', ['projen'], { cwd: dir, stdio: 'ignore', env });
}
