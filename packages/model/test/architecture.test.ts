import * as path from 'node:path';
import { importCycles, importGraph } from '../../../tools/import-graph';

const SRC = path.join(__dirname, '../src');
/** The rooms of the model, bottom to top: a file may import only its own room and the rooms below it. */
const ROOMS = ['basics', 'iam', 'github', 'config', 'plan'];
const graph = importGraph(SRC);

test('no file of the model imports another in a loop', () => {
  expect(importCycles(graph)).toEqual([]);
});

test('every room imports only itself and the rooms below it (iam → github → config → plan)', () => {
  const room = (file: string) => ROOMS.indexOf(file.split(path.sep)[0]);
  const upward = [...graph].flatMap(([file, targets]) =>
    targets.filter((t) => room(t) > room(file) && room(file) >= 0).map((t) => `${file} → ${t}`));
  expect(upward).toEqual([]);
});

test('the checks see a loop and an upward import when there is one, so a pass means something', () => {
  const looped = new Map([['iam/a', ['github/b']], ['github/b', ['iam/a']]]);
  expect(importCycles(looped)).toEqual(['github/b → iam/a → github/b']);
});

test('every source file sits in a room (index.ts excepted)', () => {
  expect([...graph.keys()].filter((f) => f !== 'index' && !ROOMS.includes(f.split(path.sep)[0]))).toEqual([]);
});
