// The bin runs each workspace package from lib/ when it is up to date with src/, else from src/ through tsx.
// Checked on a miniature workspace with marker packages, so it doesn't depend on what is built here.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, REPO_ROOT, removeTemps, tempDir } from './support/workspace';

function miniature(): string {
  const root = tempDir('lockstep-bin-');
  const write = (rel: string, text: string, mtime: number) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    fs.utimesSync(file, mtime, mtime);
  };
  const old = Date.now() / 1000 - 100;
  const recent = Date.now() / 1000;
  write('packages/cli/bin/lockstep.js', fs.readFileSync(BIN, 'utf8'), old);
  write('packages/cli/src/main.ts', "import { form } from '@lockstep/model';\nexport function run(): void { console.log(`cli:source model:${form}`); }\n", old);
  write('packages/cli/lib/main.js', "exports.run = () => console.log(`cli:compiled model:${require('@lockstep/model').form}`);\n", recent);
  write('packages/model/src/index.ts', "export const form: string = 'source';\n", old);
  write('packages/model/lib/index.js', "exports.form = 'compiled';\n", recent);
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

function run(root: string, env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(process.execPath, [path.join(root, 'packages/cli/bin/lockstep.js')], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

afterAll(removeTemps);

describe('bin/lockstep.js', () => {
  it('runs the compiled packages when lib/ is up to date', () => {
    expect(run(miniature())).toBe('cli:compiled model:compiled');
  });

  it('runs a package from its sources when a source is newer than lib/, or lib/ is missing', () => {
    const stale = miniature();
    fs.utimesSync(path.join(stale, 'packages/cli/src/main.ts'), new Date(), new Date(Date.now() + 5000));
    expect(run(stale)).toBe('cli:source model:compiled');
    const unbuilt = miniature();
    fs.rmSync(path.join(unbuilt, 'packages/model/lib'), { recursive: true });
    expect(run(unbuilt)).toBe('cli:compiled model:source');
  });

  it('runs everything from the sources with LOCKSTEP_FROM_SOURCE=1', () => {
    expect(run(miniature(), { LOCKSTEP_FROM_SOURCE: '1' })).toBe('cli:source model:source');
  });
});
