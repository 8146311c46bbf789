import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { forgetRegeneration, isUpToDate, recordRegeneration } from '../../../projenrc/up-to-date.cjs';
import { REPO_ROOT } from './support/configs';

/** A workspace in miniature: the inputs a regeneration reads, two generated files, a record of them. */
function workspace(): { root: string; out: (f: string) => string; helper: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-up-to-date-'));
  const write = (f: string, text: string, mode = 0o644) => {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), text);
    fs.chmodSync(path.join(root, f), mode);
  };
  write('.projenrc.ts', 'synth');
  write('lockstep.config.ts', "import './config/helper';");
  write('config/helper.ts', 'export const a = 1;');
  write('projenrc/part.ts', 'part');
  write('packages/model/src/index.ts', 'model');
  write('apps/infra/src/main.ts', 'infra');
  write('package-lock.json', '{}');
  write('node_modules/.package-lock.json', '{}');
  write('apps/repos/a/.github/workflows/lambda-tests.yml', 'on: push\n', 0o444);
  write('ACCESS.md', '# access\n', 0o444);
  const out = (f: string) => path.join(root, f);
  const helper = out('config/helper.ts');
  recordRegeneration(root, [out('apps/repos/a/.github/workflows/lambda-tests.yml'), out('ACCESS.md')], [out('.projenrc.ts'), helper, out('node_modules/x/index.js')]);
  return { root, out, helper };
}

const edit = (file: string, text: string) => {
  fs.chmodSync(file, 0o644);
  fs.writeFileSync(file, text);
};

describe('up-to-date: a regeneration is skipped only when nothing it reads or writes has changed', () => {
  test('right after a recorded regeneration, everything is up to date', () => {
    expect(isUpToDate(workspace().root)).toBe(true);
  });

  test.each([
    ['the config', 'lockstep.config.ts'],
    ['.projenrc.ts', '.projenrc.ts'],
    ['a projenrc module', 'projenrc/part.ts'],
    ['a workspace package source the last run did not load', 'apps/infra/src/main.ts'],
    ['a module the config imported', 'config/helper.ts'],
    ['the installed packages', 'node_modules/.package-lock.json'],
  ])('an edit of %s regenerates', (_, file) => {
    const { root, out } = workspace();
    edit(out(file), 'changed');
    expect(isUpToDate(root)).toBe(false);
  });

  test('a new source file in a workspace package regenerates', () => {
    const { root, out } = workspace();
    fs.writeFileSync(out('packages/model/src/new.ts'), 'new');
    expect(isUpToDate(root)).toBe(false);
  });

  test('a hand-edited, deleted or writable generated file regenerates (projen restores it)', () => {
    const a = workspace();
    edit(a.out('ACCESS.md'), '# edited\n');
    expect(isUpToDate(a.root)).toBe(false);
    const b = workspace();
    fs.rmSync(b.out('ACCESS.md'));
    expect(isUpToDate(b.root)).toBe(false);
    const c = workspace();
    fs.chmodSync(c.out('ACCESS.md'), 0o644);
    expect(isUpToDate(c.root)).toBe(false);
  });

  test('a switch that steers the run regenerates, and LOCKSTEP_NO_CACHE always does', () => {
    const { root } = workspace();
    process.env.PROJEN_DISABLE_POST = '1';
    try {
      expect(isUpToDate(root)).toBe(false);
    } finally {
      delete process.env.PROJEN_DISABLE_POST;
    }
    expect(isUpToDate(root)).toBe(true);
    process.env.LOCKSTEP_NO_CACHE = '1';
    try {
      expect(isUpToDate(root)).toBe(false);
    } finally {
      delete process.env.LOCKSTEP_NO_CACHE;
    }
  });

  test('a regeneration that starts forgets the record, so a failed one leaves none', () => {
    const { root } = workspace();
    forgetRegeneration(root);
    expect(isUpToDate(root)).toBe(false);
  });

  test("the repository's default task asks it first, and runs the projenrc only when something changed", () => {
    const tasks = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, '.projen/tasks.json'), 'utf8')) as { tasks: Record<string, { steps: { exec: string }[] }> };
    expect(tasks.tasks.default.steps.map((s) => s.exec)).toEqual(['node projenrc/up-to-date.cjs || tsx --tsconfig tsconfig.projen.json .projenrc.ts']);
  });
});
