// WorkflowReader parses many workflows on a worker thread as well as on the main thread: whichever thread
// reads a file, `check` must get exactly what reading it on the main thread gives — the same workflow, the
// same findings about the file, the same error at the same file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JsonCache } from '../src/cache';
import { InputError } from '../src/cli-error';
import { staticCredentialFindings } from '../src/static-credentials';
import { readWorkflowFile, type WorkflowFile } from '../src/workflow-file';
import { workflowHygiene } from '../src/workflow-hygiene';
import { WorkflowReader, type WorkflowToRead } from '../src/workflow-reader';
import { removeTemps, tempDir } from './support/workspace';

afterAll(removeTemps);

const SHA = 'e6de054238d6b7531b4efff3b6587d9aade6a06c';

/** A workflow per index, of several shapes: pinned and unpinned actions, static keys, aliases, a called workflow. */
function workflowText(i: number): string {
  const pinned = i % 3 === 0 ? 'aws-actions/configure-aws-credentials@v4' : `aws-actions/configure-aws-credentials@${SHA}`;
  const keys = i % 4 === 0 ? `\n          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}` : '';
  return `name: w${i}
on:
  push: { branches: [main] }
  pull_request: &pr
    branches: [main]
permissions: { contents: read }
jobs:
  test:
    runs-on: ubuntu-latest
    permissions: { id-token: write, contents: read }
    environment: env-${i % 2}
    steps:
      - uses: actions/checkout@${SHA}
      - uses: ${pinned}
        with:
          role-to-assume: arn:aws:iam::111111111111:role/R${i}
          aws-region: eu-west-1${keys}
      - run: echo "* $GITHUB_REF" # an asterisk that is no alias
  call:
    uses: org/platform/.github/workflows/x.yml@${SHA}
    with: { other: *pr }
`;
}

/** `count` workflow files, with `broken` ones replaced: index → text (or `null`: no such file). */
function workspace(count: number, broken: Record<number, string | null> = {}): { root: string; files: WorkflowToRead[] } {
  const root = tempDir('lockstep-reader-');
  const files: WorkflowToRead[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(root, `w${i}.yml`);
    const text = i in broken ? broken[i] : workflowText(i);
    if (text !== null) fs.writeFileSync(file, text);
    files.push({ file, shown: `w${i}.yml` });
  }
  return { root, files };
}

/** What the main thread alone makes of a file: the workflow and its findings, or the error's message. */
function inThread({ file, shown }: WorkflowToRead): { workflow: WorkflowFile; findings: unknown[] } | string {
  try {
    const workflow = readWorkflowFile(file, shown);
    return { workflow, findings: [...workflowHygiene(workflow, shown), ...staticCredentialFindings(workflow, shown)] };
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
}

function throughReader(reader: WorkflowReader, { file, shown }: WorkflowToRead): { workflow: WorkflowFile; findings: unknown[] } | string {
  try {
    const { workflow, findings } = reader.read(file, shown);
    return { workflow, findings: [...findings] };
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
}

describe('WorkflowReader', () => {
  it('gives what the main thread gives when the worker reads every file (workflows, findings, errors in place)', () => {
    const { root, files } = workspace(12, { 4: 'on: [push\njobs: {}', 7: null, 9: 'just: text' });
    const reader = WorkflowReader.open(files, JsonCache.open(root, 'workflows'), { minFiles: 1, share: false });
    try {
      expect(reader.parallel).toBe(true);
      const read = files.map((f) => throughReader(reader, f));
      expect(reader.parallel).toBe(true); // the worker answered every file: it was never given up
      expect(read).toEqual(files.map(inThread));
      // The cases above are really there: findings, and the three errors where their files are.
      expect(read.filter((r) => typeof r !== 'string' && r.findings.length > 0).length).toBeGreaterThan(3);
      expect(read.map((r, i) => (typeof r === 'string' ? i : -1)).filter((i) => i >= 0)).toEqual([4, 7, 9]);
    } finally {
      reader.close();
    }
  });

  it('gives the same when both threads take files, and when there is no worker', () => {
    const { root, files } = workspace(40);
    const expected = files.map(inThread);
    for (const options of [{ minFiles: 1 }, { minFiles: 1000 }]) {
      const reader = WorkflowReader.open(files, JsonCache.open(root, 'workflows'), options);
      try {
        expect(reader.parallel).toBe(options.minFiles === 1);
        expect(files.map((f) => throughReader(reader, f))).toEqual(expected);
      } finally {
        reader.close();
      }
    }
  });

  it('fills the cache from the worker, and starts none when the cache already holds most files', () => {
    const { root, files } = workspace(6);
    fs.mkdirSync(path.join(root, 'node_modules'));
    const first = JsonCache.open<Omit<WorkflowFile, 'file'>>(root, 'workflows');
    const reader = WorkflowReader.open(files, first, { minFiles: 1, share: false });
    files.forEach((f) => reader.read(f.file, f.shown));
    reader.close();
    first.save();
    const warm = JsonCache.open<Omit<WorkflowFile, 'file'>>(root, 'workflows');
    expect(warm.size).toBe(6);
    const again = WorkflowReader.open(files, warm, { minFiles: 1 });
    expect(again.parallel).toBe(false);
    expect(files.map((f) => throughReader(again, f))).toEqual(files.map(inThread));
  });
});
