// Each class of hostile input issue #16 found crashing (exit 70) or stalling the CLI, with the exact message it
// now ends with. The fuzz suite (hostile-input.test.ts) generates the rest.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../src/main';
import { INPUT_LIMITS } from '../src/input-limits';
import { makeWorkspace, removeTemps, tempDir, type CliResult } from './support/workspace';

const PROVIDER = 'arn:aws:iam::654654498014:oidc-provider/token.actions.githubusercontent.com';
const SUB = 'token.actions.githubusercontent.com:sub';
const statement = (federated: unknown, sub: unknown = 'repo:o/r:ref:refs/heads/main') => ({
  Effect: 'Allow',
  Principal: { Federated: federated },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringEquals: { [SUB]: sub, 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
});
const policy = (federated: unknown = PROVIDER, sub?: unknown) => ({ Version: '2012-10-17', Statement: [statement(federated, sub)] });
const role = (document: unknown) => ({ Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: document } });

let dir: string;
beforeEach(() => {
  dir = tempDir('lockstep-hostile-');
});
afterAll(removeTemps);

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function run(argv: string[], cwd = dir): CliResult {
  let stdout = '';
  let stderr = '';
  const status = main(argv, { out: (t) => void (stdout += t), err: (t) => void (stderr += t), cwd });
  return { status, stdout, stderr };
}

describe('CloudFormation templates', () => {
  test('a null resource is a file error naming it', () => {
    write('t.json', JSON.stringify({ Resources: { R: null } }));
    expect(run(['audit', 't.json'])).toEqual({ status: 2, stdout: '', stderr: 'lockstep audit: t.json: Resources.R: expected a resource object with "Type", got null\n' });
  });

  test('a null parameter is a file error naming it', () => {
    write('t.json', JSON.stringify({ Parameters: { X: null }, Resources: { Role: role(policy()) } }));
    expect(run(['audit', 't.json'])).toEqual({ status: 2, stdout: '', stderr: 'lockstep audit: t.json: Parameters.X: expected a parameter object with "Type", got null\n' });
  });

  test('null Properties of a role is a file error naming it', () => {
    write('t.json', JSON.stringify({ Resources: { Role: { Type: 'AWS::IAM::Role', Properties: [] } } }));
    expect(run(['audit', 't.json']).stderr).toBe('lockstep audit: t.json: Resources.Role.Properties: expected an object, got a list\n');
  });

  test.each([
    ['Fn::GetAtt', { 'Fn::GetAtt': ['P', 'Arn'] }],
    ['Ref', { 'Fn::Join': ['', ['https://', { Ref: 'P' }]] }],
  ])('an OIDC provider whose Url refers to itself through %s is unresolved, not endless', (_, url) => {
    write('t.json', JSON.stringify({ Resources: { P: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: url } }, Role: role(policy({ Ref: 'P' })) } }));
    const result = run(['audit', 't.json']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('error   its trust policy uses the Url of P, which refers to P itself, so it cannot be audited before deployment');
  });

  test('two providers whose Urls refer to each other are unresolved', () => {
    const provider = (other: string) => ({ Type: 'AWS::IAM::OIDCProvider', Properties: { Url: { 'Fn::GetAtt': [other, 'Arn'] } } });
    write('t.json', JSON.stringify({ Resources: { P: provider('Q'), Q: provider('P'), Role: role(policy({ Ref: 'P' })) } }));
    expect(run(['audit', 't.json']).stdout).toContain('its trust policy uses the Url of P, which refers to P itself');
  });

  test('a provider Url that refers to a provider many times over resolves each once (no exponential work)', () => {
    const resources: Record<string, unknown> = { P0: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: 'token.actions.githubusercontent.com' } } };
    for (let i = 1; i <= 15; i++) {
      resources[`P${i}`] = { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: { 'Fn::Select': [0, [{ 'Fn::GetAtt': [`P${i - 1}`, 'Arn'] }, { 'Fn::GetAtt': [`P${i - 1}`, 'Arn'] }]] } } };
    }
    write('t.json', JSON.stringify({ Resources: { ...resources, Role: role(policy({ Ref: 'P15' })) } }));
    const start = performance.now();
    expect([0, 1]).toContain(run(['audit', 't.json']).status);
    expect(performance.now() - start).toBeLessThan(2_000);
  });

  test('a trust policy nested 3,000 levels deep inside Fn::Join is a file error stating the limit', () => {
    const deep = `${'{"Fn::Join":["",['.repeat(3_000)}"x"${']]}'.repeat(3_000)}`;
    write('deep.json', `{"Resources":{"Role":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[${deep}]}}}}}`);
    expect(run(['audit', 'deep.json'])).toEqual({ status: 2, stdout: '', stderr: `lockstep audit: deep.json: the template nests lists and maps more than ${INPUT_LIMITS.depth} levels deep (the limit)\n` });
  });

  test.each([
    ['check', ['check']],
    ['explain --repo', ['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'pull_request']],
  ])('%s reports a null resource of a template in the workspace as a file error', (_, argv) => {
    const ws = makeWorkspace();
    const templates = ws.file('apps', 'infra', 'templates');
    const file = fs.readdirSync(templates)[0];
    fs.writeFileSync(path.join(templates, file), JSON.stringify({ Resources: { R: null } }));
    const result = run(argv, ws.root);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`lockstep ${argv[0]}: apps/infra/templates/${file}: Resources.R: expected a resource object with "Type", got null\n`);
  });
});

describe('policy files', () => {
  test('a condition value nested thousands of lists deep is refused at its field', () => {
    write('p.json', JSON.stringify(policy(PROVIDER, 'x')).replace('"x"', `${'['.repeat(3_000)}"x"${']'.repeat(3_000)}`));
    expect(run(['audit', 'p.json']).stderr).toBe(`lockstep audit: p.json: Statement[0].Condition.StringEquals["${SUB}"]: expected a string, a boolean or a list of strings, got a list of 1 item\n`);
  });

  test.each([
    ['UTF-16 (little-endian, with its BOM)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(policy()), 'utf16le')]), 'the policy file is UTF-16 text; save it as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8`)'],
    ['invalid UTF-8', Buffer.concat([Buffer.from('{"Version":'), Buffer.from([0xc3, 0x28])]), 'the policy file is not valid UTF-8 text (at byte 11)'],
    ['a NUL character', Buffer.from(`${JSON.stringify(policy())}\0`), `the policy file holds a NUL character (at offset ${JSON.stringify(policy()).length}); expected text`],
  ])('a file in %s is a file error', (_, bytes, message) => {
    write('p.json', bytes);
    expect(run(['audit', 'p.json'])).toEqual({ status: 2, stdout: '', stderr: `lockstep audit: p.json: ${message}\n` });
  });

  test('a UTF-8 byte-order mark is read past, as Windows editors write one', () => {
    write('p.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(policy()))]));
    expect(run(['explain', '--trust-policy', 'p.json', '--sub', 'repo:o/r:ref:refs/heads/main'])).toMatchObject({ status: 0, stderr: '' });
  });

  test('a file over the size limit is refused without reading it whole', () => {
    const file = path.join(dir, 'big.json');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, INPUT_LIMITS.bytes + 10);
    expect(run(['audit', 'big.json']).stderr).toBe(`lockstep audit: big.json: the policy file is ${INPUT_LIMITS.bytes + 1} bytes, above the limit of ${INPUT_LIMITS.bytes} bytes\n`);
  });
});

describe('explain arguments', () => {
  const args = ['explain', '--trust-policy', 'p.json', '--sub', 'repo:o/r:ref:refs/heads/main'];
  test.each([
    [[], 'token.actions.githubusercontent.com:sub=repo:o/r:pull_request', 'conflicts with --sub: a token has one sub; give it once, with --sub SUB'],
    [[], 'sub=repo:o/r:pull_request', 'conflicts with --sub: a token has one sub; give it once, with --sub SUB'],
    [['--aud', 'sts.amazonaws.com'], 'aud=other', 'conflicts with --aud: a token has one aud; give it once, with --aud AUD'],
    [[], 'aud=other', 'sets the aud, which --aud gives (default sts.amazonaws.com): a token has one aud; give it once, with --aud AUD'],
  ])('%p --claim %s is a usage error, not a silent replacement', (extra, claim, message) => {
    write('p.json', JSON.stringify(policy()));
    const result = run([...args, ...extra, '--claim', claim]);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`lockstep explain: --claim "${claim}" ${message}`);
  });
});

describe('workflow files', () => {
  // js-yaml 4.3.2, lib/loader.js: `this.maxDepth = … : 100`, and composeNode throws 'nesting exceeded maxDepth'.
  test('YAML nested 20,000 levels deep is a file error: js-yaml\'s own limit (maxDepth 100) stops it', () => {
    write('w.yml', `on: push\njobs: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    expect(run(['check', '--workflow', 'w.yml', '--repo', 'honeyhiveai/python-sdk']).stderr)
      .toBe('lockstep check: w.yml:2:106: not valid YAML: nesting exceeded maxDepth (100)\n');
  });

  test('YAML nested 80 levels deep (within js-yaml\'s limit) is a file error stating Lockstep\'s', () => {
    write('w.yml', `on: push\njobs: ${'['.repeat(80)}${']'.repeat(80)}\n`);
    expect(run(['check', '--workflow', 'w.yml', '--repo', 'honeyhiveai/python-sdk']).stderr)
      .toBe(`lockstep check: w.yml: the workflow file nests lists and maps more than ${INPUT_LIMITS.depth} levels deep (the limit)\n`);
  });

  test('an if: nested 20,000 groups deep is read as no branch restriction, in time', () => {
    const ws = makeWorkspace();
    const guard = `\${{ ${'( '.repeat(20_000)}github.ref == 'refs/heads/main'${' || false )'.repeat(20_000)} }}`;
    ws.edit(ws.workflow('python-sdk'), (text) => text.replace(/^(\s+)if: .*$/m, (_, indent: string) => `${indent}if: "${guard}"`));
    const start = performance.now();
    const result = run(['check', '--workflow', ws.workflow('python-sdk'), '--repo', 'honeyhiveai/python-sdk'], ws.root);
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('[dispatch-any-branch]');
  });

  test('more jobs than the limit is a file error', () => {
    write('w.yml', `on: push\njobs:\n${Array.from({ length: INPUT_LIMITS.jobs + 1 }, (_, i) => `  j${i}: {runs-on: x}\n`).join('')}`);
    expect(run(['check', '--workflow', 'w.yml']).stderr).toBe(`lockstep check: w.yml: the workflow has ${INPUT_LIMITS.jobs + 1} jobs, above the limit of ${INPUT_LIMITS.jobs}\n`);
  });
});

describe('SAM templates', () => {
  test('an alias bomb is refused at the value limit', () => {
    let yaml = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++) yaml += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    write('template.yaml', `${yaml}Resources: {R: {Type: AWS::SQS::Queue, Properties: {Tags: *a8}}}\n`);
    expect(run(['preflight', 'template.yaml'])).toEqual({ status: 2, stdout: '', stderr: `lockstep preflight: template.yaml: the template holds more than ${INPUT_LIMITS.values} values once its aliases are expanded (the limit)\n` });
  });

  test('a template that contains itself is refused at the depth limit', () => {
    write('template.yaml', 'Resources: &r {R: *r}\n');
    expect(run(['preflight', 'template.yaml']).stderr).toBe(`lockstep preflight: template.yaml: the template nests lists and maps more than ${INPUT_LIMITS.depth} levels deep (the limit)\n`);
  });
});

describe('--help', () => {
  test.each(['check', 'explain', 'audit', 'sync', 'preflight', 'scan', 'migrate'])('%s states the input limits', (command) => {
    expect(run([command, '--help']).stdout).toContain(`Limits: a file of at most 10 MB of UTF-8 text, nested at most ${INPUT_LIMITS.depth} levels deep; a YAML file at most 100,000 values with its aliases expanded; a workflow at most 1,000 jobs, a job at most as many steps.`);
  });
});
