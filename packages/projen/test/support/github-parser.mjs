// Validates workflow files with GitHub's own parser (@actions/languageservice `validate()`, which runs
// @actions/workflow-parser and checks expressions, contexts and action inputs). ESM-only, so the tests
// run this file in a child process: JSON `{ actions, files: [{ path, text }] }` on stdin, JSON
// `[{ path, diagnostics }]` on stdout. `actions` maps `OWNER/REPO@REF` to `{ inputName: { required } }`:
// the metadata provider answers from it, and an action missing from it is an error.
import { register } from 'node:module';

register('./json-import-hooks.mjs', import.meta.url);
const { validate } = await import('@actions/languageservice');
const { TextDocument } = await import('vscode-languageserver-textdocument');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { actions, files } = JSON.parse(input);

const actionsMetadataProvider = {
  async fetchActionMetadata(ref) {
    const inputs = actions[`${ref.owner}/${ref.name}@${ref.ref}`];
    if (inputs === undefined) return undefined;
    return {
      name: `${ref.owner}/${ref.name}`,
      description: 'from the test table',
      inputs: Object.fromEntries(Object.entries(inputs).map(([name, { required }]) => [name, { description: name, required }])),
    };
  },
};

const results = [];
for (const file of files) {
  const doc = TextDocument.create(`file:///repo/${file.path}`, 'yaml', 1, file.text);
  const diagnostics = await validate(doc, { actionsMetadataProvider });
  results.push({ path: file.path, diagnostics: diagnostics.map((d) => ({ severity: d.severity, line: d.range.start.line + 1, message: d.message })) });
}
process.stdout.write(JSON.stringify(results));
