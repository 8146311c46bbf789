// The fuzz suite of issue #16: every command, fed generated hostile files, ends with exit 0, 1 or 2 — a user
// error as one line without a stack trace, never exit 70 — within a time and memory bound.
//
// The seed is fixed (printed at the start, and by fast-check with any failure, with the path to the failing
// case). A longer run for local use:
//   LOCKSTEP_FUZZ_RUNS=100000 npx jest test/hostile-input.test.ts
//   LOCKSTEP_FUZZ_SEED=123 LOCKSTEP_FUZZ_RUNS=5000 npx jest test/hostile-input.test.ts
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { main } from '../src/main';
import { LONG, makeWorkspace, removeTemps, runProcesses, tempDir, type CliResult, type Workspace } from './support/workspace';

const SEED = Number(process.env.LOCKSTEP_FUZZ_SEED ?? 16_2026);
/** Cases per property (five times as many for the fast readers); the default keeps the suite to seconds. */
const RUNS = Number(process.env.LOCKSTEP_FUZZ_RUNS ?? 15);
const FAST = RUNS * 5;
/** One in-process run may take this long (the slowest hostile file, a 10 MB one, reads in well under). */
const PER_RUN_MS = 3_000;
/** Heap one run may leave grown (a parser that expanded an alias bomb would hold gigabytes). */
const HEAP_BOUND = 512 * 1024 * 1024;

const PROVIDER = 'arn:aws:iam::654654498014:oidc-provider/token.actions.githubusercontent.com';
const POLICY = {
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow',
    Principal: { Federated: PROVIDER },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:honeyhiveai/python-sdk:pull_request'] },
    },
  }],
};
const TEMPLATE = {
  Parameters: { Org: { Type: 'String', Default: 'honeyhiveai' } },
  Resources: {
    P: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: 'https://token.actions.githubusercontent.com' } },
    Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'R', AssumeRolePolicyDocument: { ...POLICY, Statement: [{ ...POLICY.Statement[0], Principal: { Federated: { Ref: 'P' } } }] } } },
  },
};
const WORKFLOW = `on:
  pull_request:
  workflow_dispatch:
jobs:
  test:
    if: github.event_name != 'workflow_dispatch' || github.ref == 'refs/heads/main'
    runs-on: ubuntu-latest
    permissions:
      id-token: write
      contents: read
    steps:
      - uses: aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502 # v4
        with:
          role-to-assume: arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-PythonSDK
          aws-region: us-west-2
`;
const SAM = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    PermissionsBoundary: !Sub arn:aws:iam::\${AWS::AccountId}:policy/b
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Events:
        Api: {Type: Api}
`;

/** A JSON value of any type, nulls and empty containers included, a few levels deep. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1e308, '', '*', '%', '\u202e', [], {}, [null], { '': null }, { Ref: 'P' }, { 'Fn::GetAtt': ['P', 'Arn'] }, { 'Fn::Join': ['', null] }, { 'Fn::Sub': null }, { 'Fn::Select': ['9', []] }, { 'Fn::Split': [null, null] }),
  fc.jsonValue({ maxDepth: 3 }),
);

/**
 * A value nested `levels` deep, in one of the shapes the readers recurse into: a placeholder string, written
 * out as text by {@link withDeep} (building the value and stringifying it would exhaust this test's stack).
 */
const deep = fc.tuple(fc.integer({ min: 60, max: 20_000 }), fc.constantFrom('array', 'object', 'join', 'sub', 'select')).map(([levels, kind]) => `@@deep:${levels}:${kind}@@`);

/** JSON text with each deep placeholder written out. */
function withDeep(text: string): string {
  return text.replace(/"@@deep:(\d+):(\w+)@@"/g, (_, n: string, kind: string) => {
    const [open, close] = {
      array: ['[', ']'],
      object: ['{"a":', '}'],
      join: ['{"Fn::Join":["",[', ']]}'],
      sub: ['{"Fn::Sub":["${x}",{"x":', '}]}'],
      select: ['{"Fn::Select":[0,[', ']]}'],
    }[kind] as [string, string];
    return `${open.repeat(Number(n))}"x"${close.repeat(Number(n))}`;
  });
}

/** A huge list, of strings or of nulls. */
const huge = fc.tuple(fc.integer({ min: 1_000, max: 50_000 }), fc.constantFrom('repo:a/b:*', null, [])).map(([n, item]) => Array.from({ length: n }, () => item));

/** Replaces the value at a random path of `base` (or adds a key) with a hostile one. */
function mutated(base: unknown): fc.Arbitrary<unknown> {
  return fc.tuple(fc.array(fc.nat(), { minLength: 0, maxLength: 8 }), fc.oneof({ weight: 3, arbitrary: anyJson }, { weight: 2, arbitrary: deep }, { weight: 1, arbitrary: huge }), fc.boolean()).map(([picks, value, addKey]) => {
    const root = structuredClone(base);
    if (picks.length === 0) return value;
    let at: unknown = root;
    for (let i = 0; i < picks.length - 1; i++) {
      const keys = typeof at === 'object' && at !== null ? Object.keys(at) : [];
      if (keys.length === 0) break;
      const next = (at as Record<string, unknown>)[keys[picks[i] % keys.length]];
      if (typeof next !== 'object' || next === null) break;
      at = next;
    }
    if (typeof at !== 'object' || at === null) return value;
    const keys = Object.keys(at);
    const key = addKey || keys.length === 0 ? ['Statement', 'Resources', 'Parameters', 'Condition', 'Url', 'Default', 'x'][picks[picks.length - 1] % 7] : keys[picks[picks.length - 1] % keys.length];
    (at as Record<string, unknown>)[key] = value;
    return root;
  });
}

/** The same text, re-encoded or damaged: BOM, UTF-16, invalid UTF-8, NUL, RTL marks, truncation. */
function encoded(text: string): fc.Arbitrary<Buffer> {
  // Mostly intact, so that the hostile structure reaches the readers behind the decoder.
  const how = fc.oneof({ weight: 8, arbitrary: fc.constant('utf8') }, { weight: 8, arbitrary: fc.constantFrom('bom', 'utf16le', 'utf16be', 'invalid', 'nul', 'rtl', 'truncate', 'crlf') });
  return fc.tuple(how, fc.nat()).map(([how, n]) => {
    const at = text.length === 0 ? 0 : n % text.length;
    switch (how) {
      case 'bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
      case 'utf16le': return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      case 'utf16be': return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
      case 'invalid': return Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(text.slice(at))]);
      case 'nul': return Buffer.from(`${text.slice(0, at)}\0${text.slice(at)}`);
      case 'rtl': return Buffer.from(`${text.slice(0, at)}\u202e\u200f${text.slice(at)}`);
      case 'truncate': return Buffer.from(text.slice(0, at));
      case 'crlf': return Buffer.from(text.replace(/\n/g, '\r\n'));
      default: return Buffer.from(text);
    }
  });
}

/** JSON files: the base mutated, as text (sometimes URL-encoded, sometimes inside get-role output), re-encoded. */
function jsonFiles(base: unknown): fc.Arbitrary<Buffer> {
  const wrapping = fc.oneof({ weight: 3, arbitrary: fc.constant('plain') }, { weight: 1, arbitrary: fc.constantFrom('get-role', 'url', 'string') });
  return fc.tuple(mutated(base), wrapping).chain(([value, wrap]) => {
    const json = withDeep(JSON.stringify(value) ?? 'undefined');
    const text = wrap === 'get-role' ? `{"Role":{"Arn":"arn:aws:iam::654654498014:role/R","AssumeRolePolicyDocument":${json}}}`
      : wrap === 'url' ? encodeURIComponent(json)
        : wrap === 'string' ? JSON.stringify(json)
          : json;
    return encoded(text);
  });
}

/** YAML that only YAML can say: anchors and aliases (bombs, self-reference), merge keys, several documents, tags, deep flow. */
const yamlOnly = fc.oneof(
  fc.integer({ min: 2, max: 12 }).map((n) => {
    let y = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < n; i++) y += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    return `${y}on: push\njobs: {j: {steps: *a${n - 1}}}\nResources: *a${n - 1}\n`;
  }),
  fc.constant('on: push\njobs: &j\n  j: {steps: [*j]}\n'),
  fc.constant('on: push\nenv: &e {self: *e}\njobs: {}\nResources: &r {R: *r}\n'),
  fc.constant('base: &b {runs-on: ubuntu-latest, permissions: {id-token: write}}\non: push\njobs:\n  j:\n    <<: *b\n    steps: []\n'),
  fc.constant(`${WORKFLOW}---\n${WORKFLOW}`),
  fc.constant('--- !!map\non: !!str push\njobs: !!omap [{j: {}}]\n'),
  fc.constant('Resources: !Ref\n  - !GetAtt\n  - !Sub [!Join]\n'),
  fc.integer({ min: 60, max: 2_000 }).map((n) => `on: push\njobs: ${'['.repeat(n)}${']'.repeat(n)}\n`),
  fc.integer({ min: 60, max: 2_000 }).map((n) => `on: push\njobs: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`),
  fc.integer({ min: 100, max: 20_000 }).map((n) => `on: push\njobs:\n  j:\n    if: "\${{ ${'( '.repeat(n)}github.ref == 'refs/heads/main'${' || false )'.repeat(n)} }}"\n    steps: []\n`),
  fc.integer({ min: 900, max: 1_500 }).map((n) => `on: push\njobs:\n${Array.from({ length: n }, (_, i) => `  j${i}: {steps: [{uses: a/b@v1}]}\n`).join('')}`),
);

/** YAML files: a valid base with a line damaged, YAML-only constructs, or the base re-encoded. */
function yamlFiles(base: string): fc.Arbitrary<Buffer> {
  const lines = base.split('\n');
  const damaged = fc.tuple(fc.nat(), fc.constantFrom('', 'null', '~', '[]', '{}', '- x', ': :', '"\\u0000"', '!!binary x', '&a *a', 'key: &x\n  - *x', '\t', '? complex\n: key', '%YAML 1.1')).map(([n, line]) => {
    const copy = [...lines];
    const i = n % copy.length;
    const indent = /^\s*/.exec(copy[i])?.[0] ?? '';
    copy[i] = line === '' ? '' : `${indent}${copy[i].includes(':') ? `${copy[i].split(':')[0]}: ${line}` : line}`;
    return copy.join('\n');
  });
  return fc.oneof(damaged, yamlOnly, fc.constant(base)).chain(encoded);
}

interface Outcome extends CliResult {
  readonly ms: number;
}

function run(argv: string[], cwd: string): Outcome {
  let stdout = '';
  let stderr = '';
  const start = performance.now();
  const status = main(argv, { out: (t) => void (stdout += t), err: (t) => void (stderr += t), cwd });
  return { status, stdout, stderr, ms: performance.now() - start };
}

/** Exit 0, 1 or 2; a usage or file error as one line (and the usage line), never a stack; in time. */
function expectHandled(outcome: Outcome, what: string): void {
  const context = `${what}: exit ${outcome.status}, ${Math.round(outcome.ms)} ms\n${outcome.stderr.slice(0, 2000)}`;
  if (![0, 1, 2].includes(outcome.status as number)) throw new Error(`not exit 0, 1 or 2: ${context}`);
  if (/^\s+at /m.test(outcome.stderr) || /internal error/.test(outcome.stderr)) throw new Error(`a stack trace: ${context}`);
  if (outcome.status === 2) {
    // One line per problem (audit reports each FILE), each naming the command, and the usage line.
    const lines = outcome.stderr.trim().split('\n').filter((l) => !l.startsWith('usage: '));
    if (lines.length === 0 || lines.some((l) => !l.startsWith('lockstep'))) throw new Error(`not one line per problem: ${context}`);
    if (lines.some((l) => l.length > 2_000)) throw new Error(`an unbounded line: ${context}`);
  }
  if (outcome.ms > PER_RUN_MS) throw new Error(`slower than ${PER_RUN_MS} ms: ${context}`);
  if (process.memoryUsage().heapUsed > HEAP_BOUND) throw new Error(`heap above ${HEAP_BOUND} bytes: ${context}`);
}

/** Runs the property: writes each generated file to `file`, runs the command, and asserts it is handled. */
function fuzz(name: string, files: fc.Arbitrary<Buffer>, file: string, argv: string[], cwd: string, runs = RUNS): number {
  let count = 0;
  fc.assert(
    fc.property(files, (bytes) => {
      fs.writeFileSync(file, bytes);
      expectHandled(run(argv, cwd), `${name} on ${bytes.length} bytes`);
      count++;
    }),
    { seed: SEED, numRuns: runs, endOnFailure: true },
  );
  return count;
}

let ws: Workspace;
let dir: string;
let checkout: string;

beforeAll(() => {
  process.stderr.write(`hostile-input fuzz: seed ${SEED}, ${RUNS} runs per property (LOCKSTEP_FUZZ_SEED, LOCKSTEP_FUZZ_RUNS)\n`);
  ws = makeWorkspace();
  dir = tempDir('lockstep-fuzz-');
  // A checkout of python-sdk, for scan and migrate.
  checkout = path.join(dir, 'python-sdk');
  fs.mkdirSync(path.join(checkout, '.github', 'workflows'), { recursive: true });
  execFileSync('git', ['init', '-q', checkout]);
  execFileSync('git', ['-C', checkout, 'remote', 'add', 'origin', 'https://github.com/honeyhiveai/python-sdk.git']);
}, LONG);
afterAll(removeTemps);

describe('hostile files, in process', () => {
  test('audit: policy documents, get-role output, URL-encoded documents', () => {
    expect(fuzz('audit policy', jsonFiles(POLICY), path.join(dir, 'p.json'), ['audit', path.join(dir, 'p.json')], dir, FAST)).toBe(FAST);
  });

  test('audit: CloudFormation templates with intrinsics', () => {
    expect(fuzz('audit template', jsonFiles(TEMPLATE), path.join(dir, 't.json'), ['audit', path.join(dir, 't.json')], dir, FAST)).toBe(FAST);
  });

  test('explain --trust-policy: policy documents', () => {
    const file = path.join(dir, 'e.json');
    expect(fuzz('explain', jsonFiles(POLICY), file, ['explain', '--trust-policy', file, '--sub', 'repo:honeyhiveai/python-sdk:pull_request'], dir, FAST)).toBe(FAST);
  });

  test('check --workflow: workflow files', () => {
    const file = path.join(dir, 'w.yml');
    expect(fuzz('check workflow', yamlFiles(WORKFLOW), file, ['check', '--workflow', file, '--repo', 'honeyhiveai/python-sdk'], ws.root)).toBe(RUNS);
  });

  test('check --trust-policy: live trust policies', () => {
    const file = path.join(dir, 'live.json');
    expect(fuzz('check trust policy', jsonFiles(POLICY), file, ['check', '--trust-policy', `GitHubActionsOIDCRole-PythonSDK=${file}`], ws.root)).toBe(RUNS);
  });

  test('check and explain --repo: a template in the workspace', () => {
    const file = path.join(dir, 'ws-template.json');
    const template = ws.file('apps', 'infra', 'templates', fs.readdirSync(ws.file('apps', 'infra', 'templates'))[0]);
    const original = fs.readFileSync(template);
    const runs = Math.max(10, Math.floor(RUNS / 3));
    try {
      fc.assert(
        fc.property(jsonFiles(TEMPLATE), (bytes) => {
          fs.writeFileSync(template, bytes);
          expectHandled(run(['check'], ws.root), `check on a workspace template of ${bytes.length} bytes`);
          expectHandled(run(['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'pull_request'], ws.root), `explain --repo on a workspace template of ${bytes.length} bytes`);
        }),
        { seed: SEED, numRuns: runs, endOnFailure: true },
      );
    } finally {
      fs.writeFileSync(template, original);
    }
    expect(fs.existsSync(file)).toBe(false);
  });

  test('preflight: SAM templates (YAML with short tags, and JSON)', () => {
    const file = path.join(dir, 'template.yaml');
    const both = fc.oneof(yamlFiles(SAM), jsonFiles({ Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Runtime: 'python3.12', Role: { 'Fn::GetAtt': ['R', 'Arn'] } } }, R: { Type: 'AWS::IAM::Role', Properties: {} } } }));
    expect(fuzz('preflight', both, file, ['preflight', file], dir, FAST)).toBe(FAST);
  });

  test('scan: a checkout\'s workflows', () => {
    const file = path.join(checkout, '.github', 'workflows', 'ci.yml');
    expect(fuzz('scan', yamlFiles(WORKFLOW.replace(/role-to-assume.*/, 'aws-access-key-id: ${{ secrets.KEY }}')), file, ['scan', checkout, '--root', ws.root], dir)).toBe(RUNS);
  });

  test('migrate: a checkout\'s workflows (dry run)', () => {
    const file = path.join(checkout, '.github', 'workflows', 'ci.yml');
    expect(fuzz('migrate', yamlFiles(WORKFLOW.replace(/role-to-assume.*/, 'aws-access-key-id: ${{ secrets.KEY }}')), file, ['migrate', 'python-sdk', '--from', checkout, '--root', ws.root], dir)).toBe(RUNS);
  });

  test('sync --dry-run: a generated workflow in the workspace', () => {
    const generated = ws.workflow('python-sdk');
    const original = fs.readFileSync(generated);
    try {
      expect(fuzz('sync', yamlFiles(WORKFLOW), generated, ['sync', 'python-sdk', '--to', checkout, '--dry-run', '--root', ws.root], dir, Math.max(10, Math.floor(RUNS / 3)))).toBeGreaterThan(0);
    } finally {
      fs.writeFileSync(generated, original);
    }
  });

  test('arguments: any strings for the options of every command', () => {
    const commands = ['check', 'explain', 'audit', 'sync', 'preflight', 'scan', 'migrate'];
    const arg = fc.oneof(fc.constantFrom('--repo', '--sub', '--aud', '--claim', '--trust-policy', '--workflow', '--event', '--to', '--from', '--json', '--', '-', '-h', '=', '--repo=', 'sub=x', 'token.actions.githubusercontent.com:sub=x', '/dev/null', '.', '..', 'honeyhiveai/python-sdk', 'python-sdk.wiki', '\u202e'), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.constantFrom(...commands), fc.array(arg, { maxLength: 8 }), (command, rest) => {
        expectHandled(run([command, ...rest], dir), `lockstep ${[command, ...rest].map((a) => JSON.stringify(a)).join(' ')}`);
      }),
      { seed: SEED, numRuns: FAST, endOnFailure: true },
    );
  });
});

describe('hostile files, through the bin', () => {
  // A few end-to-end runs per command: the process's exit code and output, as a user sees them.
  let results: Record<string, CliResult>;
  beforeAll(async () => {
    const e2e = tempDir('lockstep-fuzz-bin-');
    const write = (name: string, bytes: Buffer | string) => {
      fs.writeFileSync(path.join(e2e, name), bytes);
      return path.join(e2e, name);
    };
    const sam = write('sam.yaml', 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nResources: [*e, *e]\n');
    const wfDir = path.join(e2e, 'co', '.github', 'workflows');
    fs.mkdirSync(wfDir, { recursive: true });
    fs.writeFileSync(path.join(wfDir, 'ci.yml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(WORKFLOW, 'utf16le')]));
    results = await runProcesses({
      check: ['check', '--workflow', write('deep.yml', `on: push\njobs: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`), '--repo', 'honeyhiveai/python-sdk', '--root', ws.root],
      explain: ['explain', '--trust-policy', write('nul.json', `${JSON.stringify(POLICY)}\0`), '--sub', 'x'],
      audit: ['audit', write('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`)],
      sync: ['sync', 'python-sdk.wiki', '--to', e2e, '--root', ws.root],
      preflight: ['preflight', sam],
      scan: ['scan', path.join(e2e, 'co'), '--root', ws.root],
      migrate: ['migrate', 'python-sdk', '--from', path.join(e2e, 'co'), '--root', ws.root],
    });
  }, LONG);

  test.each(['check', 'explain', 'audit', 'sync', 'preflight', 'scan', 'migrate'])('%s ends with a one-line error, exit 1 or 2', (command) => {
    const result = results[command];
    expect(result.stderr).not.toMatch(/^\s+at |internal error/m);
    expect([1, 2]).toContain(result.status);
    if (result.status === 2) expect(result.stderr.trim().split('\n').filter((l) => !l.startsWith('usage: '))).toHaveLength(1);
  });
});
