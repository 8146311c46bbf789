import * as fs from 'node:fs';
import * as path from 'node:path';

/** The relative imports of every TypeScript file under `dir`: file → files it imports (paths from `dir`, no extension). */
export function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (at: string): void => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const text = fs.readFileSync(full, 'utf8');
        const targets = [...text.matchAll(/(?:from|import\(|require\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => {
          const target = path.normalize(path.join(path.dirname(full), m[1]));
          const asFile = fs.existsSync(`${target}.ts`) ? target : path.join(target, 'index');
          return path.relative(dir, asFile);
        });
        graph.set(path.relative(dir, full).replace(/\.ts$/, ''), [...new Set(targets)]);
      }
    }
  };
  walk(dir);
  return graph;
}

/** Every import cycle of the graph, each as the files around it (`a → b → a`); empty when there is none. */
export function importCycles(graph: Map<string, string[]>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}
