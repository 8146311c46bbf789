import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configWith, pythonSdk, readTree, REPO_ROOT, repositoryConfig, resolveConfig, seedConfig, synthRepoFiles, type SynthesizedFiles } from './support/configs';
import { github } from 'projen';
import { RepoFiles } from '../src/repo-files';
import { scaleConfig } from '../../model/test/support/scale-config';

const PYTHON_SDK_FILES = [
  'apps/repos/python-sdk/.github/workflows/lambda-tests.yml',
  'apps/repos/python-sdk/docs/development/testing/lambda-testing.rst',
];

/** The seed's default config plus `sdk-go`, a second repository with lambda tests on python-sdk's role. */
const withSdkGo = () =>
  configWith((c) => {
    c.repos['sdk-go'] = {
      role: pythonSdk(c).role,
      lambdaTests: { on: { push: { branches: ['main'] } }, workingDirectory: 'lambda', testCommand: 'go test ./lambda/...' },
    };
  });

test('writes the workflow and the docs page of every repository with lambdaTests, and nothing for deployments', () => {
  const files = synthRepoFiles(resolveConfig(seedConfig()));
  expect(Object.keys(files)).toEqual(PYTHON_SDK_FILES);
});

test('adding a repository adds its files; removing it removes them and leaves the others as they were', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-projen-'));
  const added = synthRepoFiles(resolveConfig(withSdkGo()), outdir);
  expect(Object.keys(added)).toEqual([
    ...PYTHON_SDK_FILES,
    'apps/repos/sdk-go/.github/workflows/lambda-tests.yml',
    'apps/repos/sdk-go/docs/development/testing/lambda-testing.rst',
  ]);

  // The same project directory, synthesized again without sdk-go: projen deletes the files it no longer manages.
  const removed = synthRepoFiles(resolveConfig(seedConfig()), outdir);
  expect(Object.keys(removed)).toEqual(PYTHON_SDK_FILES);
  // python-sdk's role now trusts python-sdk alone again; its docs say so, its workflow is the same.
  expect(removed[PYTHON_SDK_FILES[0]]).toEqual(added[PYTHON_SDK_FILES[0]]);
});

test('the files in apps/repos are what `npx projen` generates from lockstep.config.ts', () => {
  // Whatever the config onboards: every file it generates is there with its exact bytes, and no other.
  const texts = (files: SynthesizedFiles) => Object.fromEntries(Object.entries(files).map(([file, { text }]) => [file, text]));
  const generated = synthRepoFiles(resolveConfig(repositoryConfig()));
  expect(texts(readTree(REPO_ROOT, 'apps/repos'))).toEqual(texts(generated));
});

describe('a config Lockstep cannot honour, end to end in a copy of the repository', () => {
  // `npx projen` in a copy (sources copied, node_modules linked), so the real files are never at risk.
  let copy: string;
  beforeAll(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-e2e-'));
    const skip = new Set(['node_modules', '.git', '.nx', 'cdk.out', 'lib', 'coverage']);
    fs.cpSync(REPO_ROOT, copy, { recursive: true, filter: (src) => !skip.has(path.basename(src)) });
    for (const dir of ['.', ...['packages', 'apps'].flatMap((d) => fs.readdirSync(path.join(REPO_ROOT, d)).map((p) => `${d}/${p}`))]) {
      const modules = path.join(REPO_ROOT, dir, 'node_modules');
      if (fs.existsSync(modules)) fs.symlinkSync(modules, path.join(copy, dir, 'node_modules'));
    }
  });
  afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

  test('is refused with the field and the fix, and leaves the previously generated files as they were', () => {
    // Files to protect: those `npx projen` last wrote, whatever the repository's config onboards (none only
    // when no repository of it has lambda tests).
    const before = readTree(copy, 'apps/repos');
    const manifest = fs.readFileSync(path.join(copy, '.projen/files.json'), 'utf8');
    expect(Object.keys(before).length > 0).toBe(resolveConfig(repositoryConfig()).repos.some((r) => r.lambdaTests !== undefined));

    // The seed's config, with python-sdk's tests outside its repository.
    const bad = configWith((c) => void (pythonSdk(c).lambdaTests.workingDirectory = '../outside/tests'));
    fs.writeFileSync(path.join(copy, 'lockstep.config.ts'), `import { defineConfig } from '@lockstep/model';\n\nexport default defineConfig(${JSON.stringify(bad, null, 2)});\n`);

    // PROJEN_DISABLE_POST: should synthesis ever be reached, no `npm install` runs through the linked node_modules.
    const result = spawnSync('npx', ['projen'], { cwd: copy, encoding: 'utf8', env: { ...process.env, CI: 'true', PROJEN_DISABLE_POST: 'true' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'repos.python-sdk.lambdaTests.workingDirectory: "../outside/tests" leaves the repository; expected a path inside it',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /); // a person's mistake: no stack trace

    expect(readTree(copy, 'apps/repos')).toEqual(before);
    expect(fs.readFileSync(path.join(copy, '.projen/files.json'), 'utf8')).toBe(manifest);
  }, 120_000);

  test('a role whose policies pass IAM\'s size limit, which only synthesis shows, is refused the same way', () => {
    const before = { repos: readTree(copy, 'apps/repos'), templates: readTree(copy, 'apps/infra/templates') };
    // 40 more repositories on python-sdk's role, its trust policy quota raised so that resolve() accepts them:
    // the execution role's inline policy grows past IAM's 10,240 characters.
    const crowded = configWith((c) => {
      const roleName = pythonSdk(c).role;
      c.roles[roleName] = { ...c.roles[roleName], trustPolicyQuota: 4096 };
      for (let i = 0; i < 40; i++) c.repos[`repository-${i}`] = { role: roleName, lambdaTests: { testCommand: 'pytest', on: { pullRequest: true } } };
    });
    fs.writeFileSync(path.join(copy, 'lockstep.config.ts'), `import { defineConfig } from '@lockstep/model';\n\nexport default defineConfig(${JSON.stringify(crowded, null, 2)});\n`);

    const result = spawnSync('npx', ['projen'], { cwd: copy, encoding: 'utf8', env: { ...process.env, CI: 'true', PROJEN_DISABLE_POST: 'true' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/lockstep\.config\.ts has 1 problem\(s\):\nroles\.GitHubActionsOIDCRole-PythonSDK: \S+ \((inline|managed) polic(y|ies)\): \d+ characters without whitespace, over IAM's limit of (10240|6144); map fewer repositories to the role/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect({ repos: readTree(copy, 'apps/repos'), templates: readTree(copy, 'apps/infra/templates') }).toEqual(before);
  }, 120_000);
});

describe('.gitignore and .gitattributes do not grow with the repositories', () => {
  const synthIgnoreFiles = (repos: number) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-projen-'));
    // A GitHubProject, as this repository's root is: it marks committed generated files linguist-generated.
    const project = new github.GitHubProject({ name: 'lockstep-test', outdir, github: false });
    new RepoFiles(project, { config: resolveConfig(scaleConfig(repos)) });
    project.synth();
    return { outdir, gitignore: fs.readFileSync(path.join(outdir, '.gitignore'), 'utf8'), gitattributes: fs.readFileSync(path.join(outdir, '.gitattributes'), 'utf8') };
  };

  test('one glob marks every generated repository file; neither file names them one by one', () => {
    const few = synthIgnoreFiles(1);
    const many = synthIgnoreFiles(50);
    expect(many.gitignore).toBe(few.gitignore);
    expect(many.gitattributes).toBe(few.gitattributes);
    expect(few.gitattributes).toContain('/apps/repos/** linguist-generated');
    expect(few.gitignore).not.toContain('apps/repos');
  });

  test('git itself marks a generated file linguist-generated and does not ignore it (this repository)', () => {
    const file = 'apps/repos/python-sdk/.github/workflows/lambda-tests.yml';
    const git = (...args: string[]) => spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(git('check-attr', 'linguist-generated', '--', file).stdout.trim()).toBe(`${file}: linguist-generated: set`);
    expect(git('check-ignore', '-q', file).status).toBe(1);
  });
});
