import * as path from 'node:path';
import { importCycles, importGraph } from '../../../tools/import-graph';

test('no source file imports another in a loop', () => {
  expect(importCycles(importGraph(path.join(__dirname, '../src')))).toEqual([]);
});
