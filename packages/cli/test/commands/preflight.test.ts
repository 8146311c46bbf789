import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/main';
import { execFileSync } from 'node:child_process';
import { checkerPath, testWith } from '../../../../tools/checker-test';
import { LONG, REPO_ROOT, removeTemps, runAll, tempDir, type CliResult } from '../support/workspace';

// SAM templates of the rehearsal set (packages/constructs/test/rehearsal/templates.ts), as a repository writes them;
// the CI's cfn-lint checks them with the real SAM translator below.
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'sam');
const GOOD = fs.readdirSync(FIXTURES).filter((f) => f !== 'unsupported.yaml').sort();
const BOUNDARY = 'arn:aws:iam::654654498014:policy/GitHubActionsOIDCRole-PythonSDK-FunctionBoundary';

function inProcess(args: string[]): CliResult {
  let stdout = '';
  let stderr = '';
  const status = main(['preflight', ...args], { out: (t) => void (stdout += t), err: (t) => void (stderr += t), cwd: FIXTURES });
  return { status, stdout, stderr };
}

describe('lockstep preflight', () => {
  test('covers the rehearsal templates', () => {
    expect(GOOD.length).toBeGreaterThanOrEqual(9);
  });

  test.each(GOOD)('exits 0 on %s', (file) => {
    const result = inProcess([file]);
    expect(result).toEqual({ status: 0, stdout: `${file}: nothing the sam-lambda-testing role can't deploy\n`, stderr: '' });
  });

  test('exits 1 on an unsupported resource, a function without the boundary, fixed names and ScheduleV2, naming each resource and the fix', () => {
    const result = inProcess(['unsupported.yaml', '--json']);
    expect(result.status).toBe(1);
    const { findings } = JSON.parse(result.stdout) as { findings: Array<{ code: string; resource: string; fix: string }> };
    expect(findings.map((f) => [f.code, f.resource])).toEqual([
      ['unsupported-resource', 'Box'],
      ['name-escapes-scope', 'DepsLayer'],
      ['name-escapes-scope', 'NoBoundaryFunction'],
      ['missing-boundary', 'NoBoundaryFunction'],
      ['unsupported-event', 'NoBoundaryFunction'],
    ]);
    expect(findings[0].fix).toMatch(/remove Box from the test template, or give the role roles.<role>.extraStatements/);
    expect(findings[1].fix).toMatch(/LayerName: !Sub "\$\{AWS::StackName\}-depslayer"/);
    expect(findings[3].fix).toMatch(/set PermissionsBoundary under Globals.Function/);
  });

  test('prints each finding with its fix', () => {
    const result = inProcess(['unsupported.yaml']);
    expect(result.stdout).toContain('unsupported.yaml: error: Box: AWS::EC2::Instance is not in what the sam-lambda-testing role can deploy\n  fix: remove Box');
  });

  test('reads JSON templates and long-form intrinsics alike', () => {
    const dir = tempDir('lockstep-preflight-');
    const file = path.join(dir, 'template.json');
    fs.writeFileSync(file, JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': '${AWS::StackName}-q' } } }, T: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'fixed' } } } }));
    const result = main(['preflight', file, '--json'], { out: (t) => void fs.appendFileSync(path.join(dir, 'out'), t), err: () => undefined, cwd: dir });
    expect(result).toBe(1);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'out'), 'utf8')).findings.map((f: { resource: string }) => f.resource)).toEqual(['T']);
  });

  test.each([
    [['missing.yaml'], /missing\.yaml: no such template/],
    [[], /missing TEMPLATE/],
  ])('is a usage or file error (exit 2, the message and at most the usage line, no stack) for %p', (args, pattern) => {
    const result = inProcess(args);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(result.stderr).toMatch(pattern);
  });

  test('says so for a file that is not YAML', () => {
    const dir = tempDir('lockstep-preflight-');
    fs.writeFileSync(path.join(dir, 't.yaml'), 'Resources: [unclosed\n');
    const result = main(['preflight', 't.yaml'], { out: () => undefined, err: (t) => expect(t).toMatch(/t\.yaml: not a YAML or JSON template/), cwd: dir });
    expect(result).toBe(2);
  });
});

describe('lockstep preflight --repo (with the repository\'s lockstep.config.ts)', () => {
  let results: Record<'good' | 'wrongBoundary' | 'unknownRepo', CliResult>;
  beforeAll(async () => {
    const dir = tempDir('lockstep-preflight-');
    fs.writeFileSync(path.join(dir, 'wrong.yaml'), fs.readFileSync(path.join(FIXTURES, 'hello-world.yaml'), 'utf8').replace(BOUNDARY, 'arn:aws:iam::654654498014:policy/Other'));
    results = await runAll({
      good: [['preflight', path.join(FIXTURES, 'hello-world.yaml'), '--repo', 'python-sdk'], REPO_ROOT],
      wrongBoundary: [['preflight', path.join(dir, 'wrong.yaml'), '--repo', 'python-sdk', '--json'], REPO_ROOT],
      unknownRepo: [['preflight', path.join(FIXTURES, 'hello-world.yaml'), '--repo', 'nope'], REPO_ROOT],
    });
  }, LONG);
  afterAll(removeTemps);

  test('exits 0 on a template with the repository\'s boundary', () => {
    expect(results.good.status).toBe(0);
  });

  test('exits 1 on another boundary, naming the repository\'s', () => {
    expect(results.wrongBoundary.status).toBe(1);
    expect(JSON.parse(results.wrongBoundary.stdout).findings).toEqual([expect.objectContaining({ code: 'wrong-boundary', fix: `set PermissionsBoundary: ${BOUNDARY}` })]);
  });

  test('refuses an unknown repository with the choices', () => {
    expect(results.unknownRepo.status).toBe(2);
    expect(results.unknownRepo.stderr).toMatch(/--repo "nope" is not in lockstep.config.ts; expected one of .*"python-sdk"/);
  });
});

testWith('cfn-lint')('the fixtures are real SAM templates: cfn-lint (with the SAM translator) reports nothing', () => {
  expect(execFileSync(checkerPath('cfn-lint'), ['--', ...fs.readdirSync(FIXTURES).map((f) => path.join(FIXTURES, f))], { encoding: 'utf8' })).toBe('');
}, LONG);
