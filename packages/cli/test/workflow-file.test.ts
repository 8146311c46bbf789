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

  it('refuses invalid YAML and files that are not workflows, with the position', () => {
    expect(() => parseWorkflow('on: [push\n', 'w.yml', 'w.yml')).toThrow(InputError);
    expect(() => parseWorkflow('on: [push\n', 'w.yml', 'w.yml')).toThrow(/^w\.yml:\d+:\d+: not valid YAML/);
    expect(() => parseWorkflow('jobs: {}\njobs: {}\n', 'w.yml', 'w.yml')).toThrow(/not valid YAML/);
    expect(() => parseWorkflow('- a\n', 'w.yml', 'w.yml')).toThrow(/not a GitHub workflow/);
  });
});
