// Builds throwaway Lockstep workspaces: a config, the workflows and templates generated from it, in the
// shapes the real generators write, so the CLI's tests don't depend on the generators' progress.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { infraStacks, resolveOrThrow, type LockstepConfig, type ResolvedConfig, type ResolvedRepo } from '@lockstep/model';
import { stringify } from 'yaml';
import { seedConfig } from '../../../model/test/support/seed-config';

export const BIN = path.resolve(__dirname, '..', '..', 'bin', 'lockstep.js');
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * The seed's default config (`lockstep.config.ts` as the repository ships it, frozen in the model's test
 * support): Option A for deployments, Option B for python-sdk.
 */
export const DEFAULT_CONFIG: LockstepConfig = seedConfig();

/**
 * The repository's `lockstep.config.ts` as it is now (after any onboarding), resolved: only for the tests
 * of this repository's own generated files, which must hold for whatever it says.
 */
export function repositoryConfig(): ResolvedConfig {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(path.join(REPO_ROOT, 'lockstep.config.ts')) as { default: LockstepConfig };
  return resolveOrThrow(loaded.default);
}

/** The seed's Terraform trust policy (aws-oidc-setup.md): repository-wide, no aud check. */
export const SEED_TERRAFORM_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::654654498014:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:honeyhiveai/deployments:*'] } },
    },
  ],
};

export interface WorkspaceOptions {
  readonly config?: LockstepConfig;
  /** Write `lockstep.config.ts` (default true). */
  readonly writeConfig?: boolean;
  /** Write trust policies with CloudFormation intrinsics, as a stack that creates its provider would (default false). */
  readonly intrinsics?: boolean;
  /**
   * `environment`: one template per environment with everything in it (the layout before role stacks);
   * `planned`: the stacks of the model's plan (`infraStacks`), the base stack `Lockstep-<env>` with the
   * provider and each role in its role stack `Lockstep-<env>--NN`, as apps/infra writes them. With
   * `intrinsics`, a role stack names the provider through `Fn::Sub` and the stack's pseudo parameters.
   * @default 'environment'
   */
  readonly layout?: 'environment' | 'planned';
}

export interface Workspace {
  readonly root: string;
  readonly config: ResolvedConfig;
  /** The generated workflow of a repository. */
  workflow(repo: string): string;
  /** Path inside the workspace. */
  file(...parts: string[]): string;
  /** Rewrites a file in place. */
  edit(file: string, change: (text: string) => string): void;
}

const temps: string[] = [];

/** A fresh temporary directory, removed by {@link removeTemps}. */
export function tempDir(prefix = 'lockstep-cli-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes a workspace generated from `options.config` (default: {@link DEFAULT_CONFIG}). */
export function makeWorkspace(options: WorkspaceOptions = {}): Workspace {
  const input = options.config ?? DEFAULT_CONFIG;
  const config = resolveOrThrow(input);
  const root = tempDir();
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  if (options.writeConfig !== false) {
    write('lockstep.config.ts', `import { defineConfig } from '@lockstep/model';\n\nexport default defineConfig(${JSON.stringify(input, null, 2)});\n`);
  }
  for (const repo of config.repos) {
    if (repo.lambdaTests) write(`apps/repos/${repo.name}/.github/workflows/lambda-tests.yml`, workflowYaml(config, repo));
  }
  if (options.layout === 'planned') {
    for (const stack of infraStacks(config)) {
      const resources: Record<string, unknown> = {};
      if (stack.kind === 'base' && stack.environment.provider.mode === 'create') {
        resources.GitHubOidcProvider = { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: stack.environment.provider.url, ClientIdList: [...stack.environment.provider.clientIds] } };
      }
      if (stack.kind === 'base') resources.SamArtifactBucket = { Type: 'AWS::S3::Bucket', Properties: { BucketName: stack.environment.artifactBucket } };
      for (const role of stack.roles) {
        const document = options.intrinsics ? withSubstitutedProvider(role.trustPolicy) : role.trustPolicy;
        resources[role.logicalId] = { Type: 'AWS::IAM::Role', Properties: { RoleName: role.name, Path: role.path, AssumeRolePolicyDocument: document } };
      }
      write(`apps/infra/templates/${stack.stackName}.template.json`, `${JSON.stringify({ Resources: resources }, null, 1)}\n`);
    }
  }
  for (const env of options.layout === 'planned' ? [] : config.environments) {
    const resources: Record<string, unknown> = {};
    if (options.intrinsics) {
      resources.GitHubOidcProvider = { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: env.provider.url, ClientIdList: [...env.provider.clientIds] } };
    }
    for (const role of config.roles.filter((r) => r.environment === env.name && r.managedBy === 'lockstep')) {
      const document = options.intrinsics ? withIntrinsics(role.trustPolicy) : role.trustPolicy;
      resources[role.logicalId] = { Type: 'AWS::IAM::Role', Properties: { RoleName: role.name, Path: role.path, AssumeRolePolicyDocument: document } };
      if (role.samTesting) {
        resources[`${role.logicalId}CfnExec`] = {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: role.samTesting.executionRoleName,
            AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudformation.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          },
        };
      }
    }
    write(`apps/infra/templates/${env.stackName}.template.json`, `${JSON.stringify({ Resources: resources }, null, 1)}\n`);
  }
  for (const role of config.roles.filter((r) => r.managedBy !== 'lockstep')) {
    write(`apps/infra/trust-policies/${role.name}.json`, `${JSON.stringify(role.trustPolicy, null, 2)}\n`);
  }
  return {
    root,
    config,
    workflow: (repo) => path.join(root, 'apps', 'repos', repo, '.github', 'workflows', 'lambda-tests.yml'),
    file: (...parts) => path.join(root, ...parts),
    edit: (file, change) => fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8'))),
  };
}

/** The provider ARN as a stack that creates the provider writes it: `{"Ref": "GitHubOidcProvider"}`; the partition as a Fn::Join. */
/** The provider's ARN as a role stack in another stack than the provider could write it: from the stack's pseudo parameters. */
function withSubstitutedProvider(document: unknown): unknown {
  return JSON.parse(JSON.stringify(document), (key, value: unknown) => {
    if (key === 'Federated' && typeof value === 'string') {
      return { 'Fn::Sub': value.replace(/^arn:[^:]+:iam::\d{12}:/, 'arn:${AWS::Partition}:iam::${AWS::AccountId}:') };
    }
    return value;
  });
}

function withIntrinsics(document: unknown): unknown {
  return JSON.parse(JSON.stringify(document), (key, value: unknown) => {
    if (key === 'Federated' && typeof value === 'string') return { Ref: 'GitHubOidcProvider' };
    return value;
  });
}

/** A lambda-tests workflow in the generated shape (triggers, job `if:`, permissions, pinned actions). */
export function workflowYaml(config: ResolvedConfig, repo: ResolvedRepo): string {
  const tests = repo.lambdaTests!;
  const t = tests.triggers;
  const env = config.environments.find((e) => e.name === repo.environment)!;
  const on: Record<string, unknown> = {};
  if (t.pullRequest) on.pull_request = t.pullRequest.branches.length > 0 ? { branches: [...t.pullRequest.branches] } : {};
  if (t.pushBranches.length > 0 || t.pushTags.length > 0) {
    on.push = { ...(t.pushBranches.length > 0 ? { branches: [...t.pushBranches] } : {}), ...(t.pushTags.length > 0 ? { tags: [...t.pushTags] } : {}) };
  }
  if (t.workflowDispatch) on.workflow_dispatch = {};
  if (t.schedule.length > 0) on.schedule = t.schedule.map((cron) => ({ cron }));
  const conditions: string[] = [];
  if (t.pullRequest) conditions.push("(github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository)");
  if (t.workflowDispatch) {
    const refs = t.workflowDispatch.branches.map((b) => `github.ref == 'refs/heads/${b}'`).join(' || ') || 'false';
    conditions.push(`(github.event_name != 'workflow_dispatch' || ${refs})`);
  }
  const job: Record<string, unknown> = {
    'name': 'Lambda tests on AWS',
    'runs-on': 'ubuntu-24.04',
    ...(conditions.length > 0 ? { if: conditions.join(' && ') } : {}),
    ...(tests.environment ? { environment: tests.environment } : {}),
    'permissions': { 'id-token': 'write', 'contents': 'read' },
    'steps': [
      { name: 'Check out', uses: 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1', with: { 'persist-credentials': false } },
      {
        'id': 'credentials',
        'name': 'Assume the AWS role through GitHub OIDC',
        'uses': 'aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c',
        'with': { 'role-to-assume': repo.roleArn, 'audience': env.audience, 'aws-region': env.region },
      },
      { 'name': 'sam build', 'working-directory': tests.workingDirectory, 'run': 'sam build\n' },
    ],
  };
  const header = '# ~~ Generated by projen from lockstep.config.ts. To modify, edit lockstep.config.ts and run "npx projen".\n';
  return header + stringify({ name: 'lambda-tests', on, permissions: {}, jobs: { 'lambda-tests': job } }, { lineWidth: 0 });
}

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/lockstep.js …` as a process, as `npx lockstep …` would. */
export function lockstep(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** {@link lockstep}, without blocking: start several, then await them together. */
export function lockstepAsync(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? REPO_ROOT, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A case: `args`, or `[args, cwd]`. */
type Case = readonly string[] | readonly [readonly string[], string];

function argsAndCwd(c: Case, cwd: string | undefined): readonly [readonly string[], string | undefined] {
  return Array.isArray(c[0]) ? (c as readonly [readonly string[], string]) : [c as readonly string[], cwd];
}

/**
 * Runs every case as a process — `args`, or `[args, cwd]` — a few at a time (one per core: more only
 * thrash), and returns the results by case name: for the end-to-end tests of the bin (exit codes, streams,
 * a process's stack). Use in `beforeAll(…, LONG)` and assert in the tests.
 */
export async function runProcesses<K extends string>(cases: Readonly<Record<K, Case>>, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Record<K, CliResult>> {
  const queue = Object.entries(cases) as [K, Case][];
  const results = {} as Record<K, CliResult>;
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [name, c] = next;
      const [args, cwd] = argsAndCwd(c, options.cwd);
      results[name] = await lockstepAsync(args, { ...options, cwd });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, os.cpus().length) }, worker));
  return results;
}

/**
 * Modules loaded from outside this repository by in-process runs (the `lockstep.config.ts` of throwaway
 * workspaces, and what they import), with their text when loaded.
 */
const loadedOutside = new Map<string, string | undefined>();

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Runs `lockstep …` in this process, through the `main` the bin calls (src/main.ts), with `cwd` as the
 * current directory: the same code, less node's start-up and module loading per run.
 *
 * A process reads a workspace's `lockstep.config.ts` afresh; jest's module registry would hand back the
 * module it loaded first. So when a config (or anything else loaded from outside the repository) changed
 * since a run loaded it, the registry is reset and the run loads everything anew.
 */
export function cli(args: readonly string[], options: { cwd?: string } = {}): CliResult {
  if ([...loadedOutside].some(([file, text]) => readText(file) !== text)) {
    jest.resetModules();
    loadedOutside.clear();
  }
  // Required per run, after any reset: the registry's current copy.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../../src/main') as typeof import('../../src/main');
  let stdout = '';
  let stderr = '';
  const status = main(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t), cwd: options.cwd ?? REPO_ROOT });
  for (const file of Object.keys(require.cache)) {
    if (!file.startsWith(`${REPO_ROOT}${path.sep}`) && !loadedOutside.has(file)) loadedOutside.set(file, readText(file));
  }
  return { status, stdout, stderr };
}

/**
 * Runs every case — `args`, or `[args, cwd]` — in this process with {@link cli}, one after another, and
 * returns the results by case name. Use in `beforeAll` and assert in the tests.
 */
export async function runAll<K extends string>(cases: Readonly<Record<K, Case>>, options: { cwd?: string } = {}): Promise<Record<K, CliResult>> {
  const results = {} as Record<K, CliResult>;
  for (const [name, c] of Object.entries(cases) as [K, Case][]) {
    const [args, cwd] = argsAndCwd(c, options.cwd);
    results[name] = cli(args, { cwd });
  }
  return Promise.resolve(results);
}

/** Timeout for a hook that runs the CLI several times. */
export const LONG = 120_000;

/**
 * Runs `cases` once before the file's tests (see {@link runAll}) and removes the temporary folders after
 * them; returns the results object, filled when the tests run.
 */
export function runCasesOnce<K extends string>(cases: Readonly<Record<K, Case>>, options: { cwd?: string } = {}): Record<K, CliResult> {
  const results = {} as Record<K, CliResult>;
  beforeAll(async () => {
    Object.assign(results, await runAll(cases, options));
  }, LONG);
  afterAll(removeTemps);
  return results;
}

/** A user error: exit 2, one line on stderr, no stack trace. */
export function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
}
