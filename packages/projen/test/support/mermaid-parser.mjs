// Parses Mermaid diagrams with Mermaid's own parser (mermaid.parse), which needs a DOM: jsdom provides
// one. ESM-only, so the tests run this file in a child process: a JSON list of diagram texts on stdin, a
// JSON list of results on stdout (`null` when the diagram parses, else the parser's first error line).
// Mermaid's default limits apply (maxEdges 500); maxTextSize is enforced at render, so the tests check it.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const diagram of JSON.parse(input)) {
  try {
    await mermaid.parse(diagram);
    results.push(null);
  } catch (error) {
    results.push(String(error?.message ?? error).split('\n')[0]);
  }
}
process.stdout.write(JSON.stringify(results));
