/** Text to add under the config's `roles` and `repos` object literals, each entry one line. */
export interface ConfigEntries {
  /** `'Name': { … },`, or undefined when the role exists already. */
  readonly role?: string;
  readonly repo: string;
}

/** The config text with the entries added, or why it can't be edited safely. */
export type ConfigEditResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/**
 * Adds entries to `roles` and `repos` of a `lockstep.config.ts` whose default export is a plain object literal
 * (`export default defineConfig({ … })` or `export default { … }`), each before the closing brace of its map,
 * every other byte unchanged. Anything else — a config built by code, maps held in variables, spreads — is
 * left alone with the reason, so the user pastes the entry where it belongs.
 */
export function addConfigEntries(text: string, entries: ConfigEntries): ConfigEditResult {
  const start = /export\s+default\s+(?:defineConfig\s*\(\s*)?\{/.exec(text);
  if (start === null) return { ok: false, reason: 'its default export is not `defineConfig({ … })` or an object literal' };
  const open = start.index + start[0].length - 1;
  const top = scanObject(text, open);
  if (top === undefined) return { ok: false, reason: 'its object literal could not be read to its end' };
  const edits: { at: number; insert: string }[] = [];
  for (const [key, entry] of [['roles', entries.role], ['repos', entries.repo]] as const) {
    if (entry === undefined) continue;
    const map = top.keys.get(key);
    if (map === undefined) return { ok: false, reason: `its \`${key}\` is not an object literal written in the config` };
    const inner = scanObject(text, map);
    if (inner === undefined || inner.spread) return { ok: false, reason: `its \`${key}\` is not a plain object literal (a spread or unreadable text)` };
    const lineStart = text.lastIndexOf('\n', inner.close - 1) + 1;
    if (text.slice(lineStart, inner.close).trim() !== '') return { ok: false, reason: `the closing brace of \`${key}\` is not on a line of its own` };
    const indent = `${text.slice(lineStart, inner.close)}  `;
    const comma = inner.lastSignificant !== undefined && text[inner.lastSignificant] !== ',' && text[inner.lastSignificant] !== '{';
    if (comma) edits.push({ at: inner.lastSignificant! + 1, insert: ',' });
    edits.push({ at: lineStart, insert: `${indent}${entry}\n` });
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.insert + out.slice(e.at);
  return { ok: true, text: out };
}

interface ScannedObject {
  /** The index of the matching `}`. */
  readonly close: number;
  /** Keys at this level whose value is an object literal: the index of its `{`. */
  readonly keys: Map<string, number>;
  /** The last character before `close` that is not blank or a comment. */
  readonly lastSignificant?: number;
  /** Whether `...` appears at this level. */
  readonly spread: boolean;
}

/** Reads an object literal from its `{` to the matching `}`, skipping strings, templates and comments. */
function scanObject(text: string, open: number): ScannedObject | undefined {
  const keys = new Map<string, number>();
  let depth = 0;
  let lastSignificant: number | undefined;
  let spread = false;
  let pendingKey: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i === -1) return undefined;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
      if (i === 0) return undefined;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (c === '\'' || c === '"' || c === '`') {
      const end = closingQuote(text, i);
      if (end === -1) return undefined;
      if (depth === 1) {
        const after = /^\s*:\s*/.exec(text.slice(end + 1));
        pendingKey = after ? text.slice(i + 1, end) : undefined;
        if (after) {
          i = end + after[0].length;
          lastSignificant = i;
          if (text[i + 1] === '{') keys.set(pendingKey!, i + 1);
          continue;
        }
      }
      i = end;
      lastSignificant = i;
      continue;
    }
    if (depth === 1 && /[A-Za-z_$]/.test(c)) {
      const m = /^([A-Za-z_$][\w$]*)\s*:\s*/.exec(text.slice(i));
      if (m) {
        i += m[0].length - 1;
        lastSignificant = i;
        if (text[i + 1] === '{') keys.set(m[1], i + 1);
        continue;
      }
    }
    if (depth === 1 && text.startsWith('...', i)) spread = true;
    if (c === '{' || c === '[' || c === '(') depth++;
    if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return { close: i, keys, lastSignificant, spread };
    }
    lastSignificant = i;
  }
  return undefined;
}

function closingQuote(text: string, open: number): number {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
    else if (text[i] === '\n' && quote !== '`') return -1;
  }
  return -1;
}
