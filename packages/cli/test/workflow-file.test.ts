import { InputError } from '../src/cli-error';
import { parseWorkflow } from '../src/workflow-file';

const YAML = `name: x
on: push
permissions:
  id-token: write
jobs:
  build:
    runs-on: ubuntu-latest
    environment: { name: prod }
    steps:
      - uses: actions/checkout@v4
      - name: creds
        uses: aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c
        with:
          role-to-assume: arn:aws:iam::1:role/R
  call:
    uses: o/r/.github/workflows/x.yml@main
`;

describe('parseWorkflow', () => {
  it('reads jobs, steps and their lines', () => {
    const w = parseWorkflow(YAML, 'w.yml', 'w.yml');
    expect(w.on).toBe('push');
    expect(w.permissions).toEqual({ 'id-token': 'write' });
    expect(w.permissionsLine).toBe(3);
    expect(w.jobs.map((j) => [j.id, j.line])).toEqual([['build', 6], ['call', 15]]);
    expect(w.jobs[0].environment).toEqual({ name: 'prod' });
    expect(w.jobs[0].steps.map((s) => [s.uses, s.line])).toEqual([
      ['actions/checkout@v4', 10],
      ['aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c', 11],
    ]);
    expect(w.jobs[0].steps[1].with['role-to-assume']).toBe('arn:aws:iam::1:role/R');
    expect(w.jobs[1]).toMatchObject({ uses: 'o/r/.github/workflows/x.yml@main', usesLine: 16 });
  });

  it('keeps of a run: script only the AWS keys it sets, not its text (the parse is cached per file)', () => {
    const script = ['echo one-marker-of-the-script', 'aws configure set aws_secret_access_key "$K"', 'echo "AWS_ACCESS_KEY_ID=${{ secrets.ID }}" >> "$GITHUB_ENV"'].join('\n');
    const w = parseWorkflow(`on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ${JSON.stringify(script)}\n      - run: echo none\n      - uses: a/b@c\n`, 'w.yml', 'w.yml');
    expect(w.jobs[0].steps.map((s) => s.run)).toEqual([{ configureSet: 'aws_secret_access_key', exported: 'AWS_ACCESS_KEY_ID' }, {}, undefined]);
    expect(JSON.stringify(w)).not.toContain('one-marker-of-the-script');
  });

  it('refuses invalid YAML and files that are not workflows, with the position', () => {
    expect(() => parseWorkflow('on: [push\n', 'w.yml', 'w.yml')).toThrow(InputError);
    expect(() => parseWorkflow('on: [push\n', 'w.yml', 'w.yml')).toThrow(/^w\.yml:\d+:\d+: not valid YAML/);
    expect(() => parseWorkflow('jobs: {}\njobs: {}\n', 'w.yml', 'w.yml')).toThrow(/not valid YAML/);
    expect(() => parseWorkflow('- a\n', 'w.yml', 'w.yml')).toThrow(/not a GitHub workflow/);
  });

  it('reads YAML 1.2 as GitHub does: `on` is a string key, a date stays a string, `<<` merges nothing', () => {
    const w = parseWorkflow('on:\n  schedule:\n    - cron: "0 0 * * *"\nenv:\n  SINCE: 2024-01-01\n  <<: { A: b }\n  ON: on\n  YES: yes\njobs: {}\n', 'w.yml', 'w.yml');
    expect(w.on).toEqual({ schedule: [{ cron: '0 0 * * *' }] });
    expect(w.env).toEqual({ 'SINCE': '2024-01-01', '<<': { A: 'b' }, 'ON': 'on', 'YES': 'yes' });
  });

  it('refuses a duplicate key, with its line and column', () => {
    expect(() => parseWorkflow('on: push\njobs: {}\njobs: {}\n', 'w.yml', 'w.yml')).toThrow('w.yml:3:1: not valid YAML: duplicated mapping key');
  });

  it('refuses aliases that expand without bound, or to a value that contains itself', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `  l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`);
    const laughs = `on: push\nenv:\n  l0: &l0 lol\n${levels.join('\n')}\njobs: {}\n`;
    expect(() => parseWorkflow(laughs, 'w.yml', 'w.yml')).toThrow(/^w\.yml: not a usable workflow: its aliases expand to more than/);
    expect(() => parseWorkflow('on: push\nenv: &e\n  self: *e\njobs: {}\n', 'w.yml', 'w.yml')).toThrow(/aliases expand/);
    expect(() => parseWorkflow('on: push\nenv: &e {"self":*e}\njobs: {}\n', 'w.yml', 'w.yml')).toThrow(/aliases expand/);
    // A few aliases are fine.
    expect(parseWorkflow('on: push\nenv: &e { A: b }\njobs:\n  a:\n    env: *e\n', 'w.yml', 'w.yml').jobs[0].env).toEqual({ A: 'b' });
  });

  it('leaves a line undefined where the file is written in flow style', () => {
    const w = parseWorkflow('on: push\njobs:\n  a: { steps: [ { uses: x/y@v1 } ] }\n  b:\n    steps: [ { uses: x/y@v1 } ]\n', 'w.yml', 'w.yml');
    expect(w.jobs.map((j) => [j.id, j.line, j.steps.map((s) => s.line)])).toEqual([['a', 3, [undefined]], ['b', 4, [undefined]]]);
  });
});
