import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_FILES, repoFile } from '@lockstep/model';
import { cli, LONG, REPO_ROOT, removeTemps, repositoryConfig, tempDir, type CliResult } from '../support/workspace';

/**
 * The repository's own workspace (lockstep.config.ts has `sweeper: { repo: 'deployments' }`, and
 * deployments has no lambdaTests): `sync deployments` delivers the sweeper workflow, and the check
 * that follows reads it like any generated workflow.
 */
const config = repositoryConfig();
const sweeper = config.sweeper!;
const generatedFile = path.join(REPO_ROOT, repoFile(sweeper.repo, REPO_FILES.sweeperWorkflow));

function checkout(): string {
  const dir = path.join(tempDir('lockstep-target-'), sweeper.repo);
  execFileSync('git', ['init', '-q', dir]);
  execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', `https://github.com/${sweeper.fullName}.git`]);
  return dir;
}

const target = checkout();
// A copy whose job lost its environment: its token would say ref:refs/heads/main, like any push to main.
const tampered = checkout();
const tamperedFile = path.join(tampered, REPO_FILES.sweeperWorkflow);
fs.mkdirSync(path.dirname(tamperedFile), { recursive: true });
fs.writeFileSync(tamperedFile, fs.readFileSync(generatedFile, 'utf8').replace(/^ {4}environment: .*\n/m, ''));
let result: CliResult;
let check: CliResult;
beforeAll(() => {
  result = cli(['sync', sweeper.repo, '--to', target], { cwd: REPO_ROOT });
  check = cli(['check', '--workflow', tamperedFile], { cwd: REPO_ROOT });
}, LONG);
afterAll(removeTemps);

describe('lockstep sync of the sweeper repository', () => {
  it('copies the sweeper workflow, although the repository has no lambdaTests, and checks it', () => {
    expect(config.repos.find((r) => r.name === sweeper.repo)?.lambdaTests).toBeUndefined();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(target, REPO_FILES.sweeperWorkflow), 'utf8')).toBe(fs.readFileSync(generatedFile, 'utf8'));
    expect(result.stdout).toMatch(new RegExp(`^lockstep sync: wrote 1 file of ${sweeper.fullName}`, 'm'));
    expect(result.stdout).toMatch(/^✓ lockstep check passed/m);
  });
});

describe('lockstep check of an edited sweeper workflow', () => {
  it('refuses a job without the environment, pointing at the environment rather than another role', () => {
    expect(fs.readFileSync(tamperedFile, 'utf8')).not.toMatch(/environment:/);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/\[denied-subject\]/);
    expect(check.stdout).toContain('sub "repo:honeyhiveai/deployments:ref:refs/heads/main"');
    expect(check.stdout).toContain(`add \`environment: ${sweeper.githubEnvironment}\` to the job`);
    expect(check.stdout).not.toMatch(/set role-to-assume to/);
  });
});
