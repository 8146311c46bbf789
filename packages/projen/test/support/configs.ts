import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveOrThrow, type LockstepConfig, type ResolvedConfig } from '@lockstep/model';
import { Project } from 'projen';
import { seedConfig } from '../../../model/test/support/seed-config';
import { RepoFiles } from '../../src/repo-files';

export { seedConfig };

/** The repository root, where `lockstep.config.ts` lives. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/**
 * The repository's `lockstep.config.ts` as it is now (after any onboarding), as written (not resolved):
 * only for the tests of the committed files, which must hold for whatever it says. Tests of the seed's
 * facts use {@link seedConfig}. Loaded through `require` so the test's type-check stays inside this
 * package; jest compiles it like any test source.
 */
export function repositoryConfig(): LockstepConfig {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(path.join(REPO_ROOT, 'lockstep.config.ts')) as { default: LockstepConfig };
  return structuredClone(loaded.default);
}

/** A config for the tests: the seed's, changed by `change`. */
export function configWith(change: (config: LockstepConfig) => void): LockstepConfig {
  const config = seedConfig();
  change(config);
  return config;
}

/** The python-sdk entry of a config (the repository with generated lambda tests). */
export function pythonSdk(config: LockstepConfig): LockstepConfig['repos'][string] & { lambdaTests: NonNullable<LockstepConfig['repos'][string]['lambdaTests']> } {
  const repo = config.repos['python-sdk'];
  if (!repo?.lambdaTests) throw new Error('the config has no python-sdk with lambdaTests');
  return repo as ReturnType<typeof pythonSdk>;
}

/**
 * Moves python-sdk to the shared Terraform role (the seed's Option A), removing the role of its own, which
 * would trust no one then (resolve() refuses such a role).
 */
export function useOptionA(config: LockstepConfig): void {
  pythonSdk(config).role = 'GitHubActionsOIDCRoleDeployments-testing';
  delete config.roles['GitHubActionsOIDCRole-PythonSDK'];
}

/** A named config the generated workflow must be valid for. */
export interface ConfigVariant {
  readonly name: string;
  readonly config: LockstepConfig;
}

/**
 * The seed's default config and one variant per dimension that changes the workflow: triggers, a GitHub
 * environment, immutable subjects, the other partitions, a role managed elsewhere (Option A), a SAM
 * project at the repository root with a multi-line test command.
 */
export function configVariants(): ConfigVariant[] {
  return [
    { name: 'the default config', config: seedConfig() },
    {
      name: 'every trigger (schedule, tags, merge_group, workflow_dispatch branches)',
      config: configWith((c) => {
        pythonSdk(c).lambdaTests.on = {
          pullRequest: { branches: ['main', 'release'] },
          push: { branches: ['main', 'release/*'], tags: ['v*'] },
          workflowDispatch: { branches: ['main', 'release'] },
          schedule: ['17 5 * * 1-5'],
          mergeGroup: true,
        };
      }),
    },
    { name: 'a GitHub environment', config: configWith((c) => void (pythonSdk(c).lambdaTests.environment = 'testing')) },
    {
      name: 'a GitHub environment that is no AWS environment (integration, on AWS environment testing)',
      config: configWith((c) => void (pythonSdk(c).lambdaTests.githubEnvironment = 'integration')),
    },
    {
      name: 'a Node.js runtime (nodejs22.x, npm ci, jest)',
      config: configWith((c) => {
        Object.assign(pythonSdk(c).lambdaTests, { runtime: 'nodejs22.x', installCommand: 'npm ci', testCommand: 'npx jest tests/lambda' });
      }),
    },
    {
      name: 'a Java runtime (java21, Maven)',
      config: configWith((c) => {
        Object.assign(pythonSdk(c).lambdaTests, { runtime: 'java21', testCommand: 'mvn -B verify -Pintegration' });
        delete pythonSdk(c).lambdaTests.installCommand;
      }),
    },
    {
      name: 'a .NET runtime (dotnet10)',
      config: configWith((c) => {
        Object.assign(pythonSdk(c).lambdaTests, { runtime: 'dotnet10', installCommand: 'dotnet restore', testCommand: 'dotnet test tests/Lambda.Tests' });
      }),
    },
    {
      name: 'a Ruby runtime (ruby3.4)',
      config: configWith((c) => {
        Object.assign(pythonSdk(c).lambdaTests, { runtime: 'ruby3.4', installCommand: 'bundle install', testCommand: 'bundle exec rspec spec/lambda' });
      }),
    },
    {
      name: 'a custom runtime (provided.al2023, make)',
      config: configWith((c) => {
        Object.assign(pythonSdk(c).lambdaTests, { runtime: 'provided.al2023', testCommand: 'make integration-test' });
        delete pythonSdk(c).lambdaTests.installCommand;
      }),
    },
    {
      name: 'immutable subjects',
      config: configWith((c) => {
        c.github.ownerId = '143587224';
        Object.assign(pythonSdk(c), { id: '812385991', subjectFormat: 'immutable' });
      }),
    },
    {
      name: 'both subject formats, with an environment',
      config: configWith((c) => {
        c.github.ownerId = '143587224';
        Object.assign(pythonSdk(c), { id: '812385991', subjectFormat: 'both' });
        pythonSdk(c).lambdaTests.environment = 'testing';
      }),
    },
    { name: 'GovCloud (us-gov-west-1)', config: configWith((c) => void (c.environments.testing = { account: '123456789012', region: 'us-gov-west-1' })) },
    { name: 'China (cn-north-1)', config: configWith((c) => void (c.environments.testing = { account: '123456789012', region: 'cn-north-1' })) },
    { name: 'Option A (the shared Terraform role)', config: configWith(useOptionA) },
    {
      name: 'a SAM project at the repository root and a multi-line test command',
      config: configWith((c) => {
        Object.assign(pythonSdk(c).lambdaTests, {
          workingDirectory: './',
          installCommand: 'python -m pip install --upgrade pip\npython -m pip install -e ".[lambda]" pytest',
          testCommand: 'python -m pytest tests/lambda -v -k "not slow"',
          runtime: 'python3.13',
          pythonVersion: '3.13',
          timeoutMinutes: 45,
        });
      }),
    },
  ];
}

/** The generated files of one synthesis, by path relative to the project, with their mode. */
export type SynthesizedFiles = Record<string, { readonly text: string; readonly mode: number }>;

/**
 * Synthesizes `RepoFiles` for a resolved config in a projen project at `outdir` (a fresh temp directory by
 * default) and returns the files under `apps/repos/`.
 */
export function synthRepoFiles(config: ResolvedConfig, outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-projen-'))): SynthesizedFiles {
  const project = new Project({ name: 'lockstep-test', outdir });
  new RepoFiles(project, { config });
  project.synth();
  return readTree(outdir, 'apps/repos');
}

/** Every file under `dir` (relative to `root`), read. */
export function readTree(root: string, dir: string): SynthesizedFiles {
  const files: SynthesizedFiles = {};
  const walk = (rel: string) => {
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs)) return;
    for (const entry of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else files[child] = { text: fs.readFileSync(path.join(root, child), 'utf8'), mode: fs.statSync(path.join(root, child)).mode & 0o777 };
    }
  };
  walk(dir);
  return files;
}

/** {@link resolveOrThrow}, re-exported so tests read as "resolve the config". */
export const resolveConfig: (config: LockstepConfig) => ResolvedConfig = resolveOrThrow;
