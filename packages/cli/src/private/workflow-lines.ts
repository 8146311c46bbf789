/** Where a job of a workflow is written: 1-based lines. */
export interface JobLines {
  /** The line of the job's key under `jobs:`. */
  readonly line: number;
  /** The line of the job's `uses:` key, for a reusable-workflow call. */
  readonly usesLine?: number;
  /**
   * The line of each item of the job's block-style `steps:`, in order: of its `- `, or of its first key when
   * the dash stands alone; undefined for flow style.
   */
  readonly stepLines?: readonly number[];
}

/** Where the parts of a workflow the checker reports on are written. */
export interface WorkflowLines {
  /** The line of the top-level `permissions:` key. */
  readonly permissionsLine?: number;
  /** Each job written in block style under a block-style `jobs:`, by its key. */
  readonly jobs: ReadonlyMap<string, JobLines>;
}

/**
 * The lines of a workflow's top-level `permissions:`, its jobs, their `uses:` and their steps, from one pass
 * over the text of a block-style YAML document, for messages only: the values come from a YAML parser.
 *
 * A parser that tracks positions costs several times one that doesn't (most of `lockstep check` on many
 * repositories); this reads only the block structure GitHub workflows are written in. It knows a line by
 * its indentation alone: the root keys are at the root's indentation, the job keys at the next one under
 * `jobs:`, a job's keys at the next, and its steps are the `- ` lines of the sequence under `steps:` (which
 * YAML lets sit at the key's own indentation). Deeper lines — block scalars, multi-line strings, nested
 * maps — never sit at those indentations, so they are skipped without being read. Whatever it can't tell
 * (flow style such as `jobs: { … }` or `steps: [ … ]`, aliases, complex keys) it leaves out, and the caller
 * leaves those lines undefined.
 */
export function workflowLines(text: string): WorkflowLines {
  const jobs = new Map<string, JobLines | undefined>(); // undefined: the key appeared twice (can't tell which)
  let permissionsLine: number | undefined;
  let rootIndent: number | undefined;
  let inJobs = false; // under a block-style `jobs:`
  let jobIndent: number | undefined;
  let job: { id: string; line: number; usesLine?: number; stepLines?: number[] } | undefined;
  let bodyIndent: number | undefined; // of the current job's keys; undefined until its first key
  let jobKey: string | undefined; // the current key of the job
  let stepIndent: number | undefined; // of the `- ` of the current job's steps
  let bareDash = false; // the last step's `-` stands alone on its line: its line is that of its first key

  const endJob = () => {
    if (job === undefined) return;
    const { id, ...lines } = job;
    jobs.set(id, jobs.has(id) ? undefined : lines);
    job = undefined;
  };

  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let lineNumber = 0;
  // Line by line, without copying a line until it sits at an indentation this reads (most lines don't).
  for (let start = 0; start <= source.length; ) {
    const newline = source.indexOf('\n', start);
    const next = newline === -1 ? source.length + 1 : newline + 1;
    const end = newline === -1 ? source.length : source.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
    lineNumber++;
    let at = start;
    while (at < end && source.charCodeAt(at) === SPACE) at++;
    const indent = at - start;
    const first = source.charCodeAt(at);
    const content = () => source.slice(at, end);
    start = next;
    // Blank, a comment, or inside a scalar: YAML indents with spaces only, so a tab here is content.
    if (at === end || first === HASH || first === TAB) continue;
    const afterBareDash = bareDash;
    bareDash = false;
    if (rootIndent === undefined) {
      if (indent === 0 && (first === PERCENT || isDocumentStart(content()))) continue; // directives, `---`
      rootIndent = indent;
    }
    if (indent < rootIndent) break; // not a block map at the root: nothing more to tell
    if (indent === rootIndent) {
      endJob();
      const line = content();
      const entry = mapEntry(line);
      if (entry === undefined) {
        if (isDocumentEnd(line)) break;
        inJobs = false;
        continue;
      }
      if (entry.key === 'permissions') permissionsLine = lineNumber;
      inJobs = entry.key === 'jobs' && entry.block;
      jobIndent = undefined;
      continue;
    }
    if (!inJobs) continue;
    jobIndent ??= indent;
    if (indent < jobIndent) continue;
    if (indent === jobIndent) {
      endJob();
      const entry = mapEntry(content());
      if (entry === undefined || entry.key === undefined) continue;
      job = { id: entry.key, line: lineNumber };
      // `build: { … }` on one line: the job is known, its body is not.
      bodyIndent = entry.block ? undefined : Number.POSITIVE_INFINITY;
      jobKey = undefined;
      stepIndent = undefined;
      continue;
    }
    if (job === undefined) continue;
    bodyIndent ??= indent;
    if (indent < bodyIndent) continue;
    const item = first === DASH && (at + 1 === end || source.charCodeAt(at + 1) === SPACE || source.charCodeAt(at + 1) === TAB);
    if (indent === bodyIndent) {
      // A sequence under `steps:` may sit at the key's own indentation.
      if (jobKey === 'steps' && job.stepLines !== undefined && item && (stepIndent ?? indent) === indent) {
        stepIndent = indent;
        job.stepLines.push(lineNumber);
        bareDash = /^-\s*(#.*)?$/.test(content());
        continue;
      }
      const entry = mapEntry(content());
      jobKey = entry?.key;
      stepIndent = undefined;
      if (entry?.key === 'uses') job.usesLine = lineNumber;
      if (entry?.key === 'steps') job.stepLines = entry.block ? [] : undefined;
      continue;
    }
    if (jobKey !== 'steps' || job.stepLines === undefined) continue;
    if (stepIndent === undefined) {
      if (!item) {
        job.stepLines = undefined; // e.g. an alias on its own line: can't tell
        continue;
      }
      stepIndent = indent;
    }
    if (afterBareDash && indent > stepIndent) {
      job.stepLines[job.stepLines.length - 1] = lineNumber;
    } else if (indent === stepIndent && item) {
      job.stepLines.push(lineNumber);
      bareDash = /^-\s*(#.*)?$/.test(content());
    }
  }
  endJob();

  const known = new Map<string, JobLines>();
  for (const [id, value] of jobs) if (value !== undefined) known.set(id, value);
  return { permissionsLine, jobs: known };
}

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const HASH = 0x23;
const DASH = 0x2d;
const PERCENT = 0x25;

/**
 * A `key:` line of a block map: the key (undefined when it is not a plain or quoted scalar this can read)
 * and whether the value is a block below (nothing but an anchor, a tag or a comment after the colon).
 */
function mapEntry(line: string): { key?: string; block: boolean } | undefined {
  // An anchor or a tag on the key (`&a build:`) names the key, not the job.
  const content = line[0] === '&' || line[0] === '!' ? line.replace(/^(?:[&!]\S*[ \t]+)+/, '') : line;
  let key: string | undefined;
  let end: number; // index just past the key
  const quote = content[0];
  if (quote === '"' || quote === '\'') {
    end = closingQuote(content, quote);
    if (end < 0) return undefined;
    key = unquote(content.slice(0, end), quote);
    while (content[end] === ' ' || content[end] === '\t') end++;
    if (content[end] !== ':' || !isSeparator(content, end + 1)) return undefined;
  } else {
    if (/^[-?:](\s|$)/.test(content) || /^[[\]{},&*!|>%@`]/.test(content)) return undefined;
    end = plainKeyEnd(content);
    if (end < 0) return undefined;
    key = content.slice(0, end).trimEnd();
  }
  const value = content.slice(end + 1).trim();
  // `jobs: &anchor` and `jobs: !!map` are still followed by the block map they name.
  const block = /^(?:(?:&\S+|!\S*)(?:\s+|$))*(?:#.*)?$/.test(value);
  return { key, block };
}

/** The index of the `:` that ends a plain key, or -1 when the line is not `key: …`. */
function plainKeyEnd(content: string): number {
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (c === ':' && isSeparator(content, i + 1)) return i;
    if (c === '#' && i > 0 && (content[i - 1] === ' ' || content[i - 1] === '\t')) return -1; // a comment starts
  }
  return -1;
}

/** The index just past the quote that closes a quoted scalar starting the line, or -1. */
function closingQuote(content: string, quote: string): number {
  for (let i = 1; i < content.length; i++) {
    const c = content[i];
    if (quote === '"' && c === '\\') {
      i++;
    } else if (c === quote) {
      if (quote === '\'' && content[i + 1] === '\'') i++;
      else return i + 1;
    }
  }
  return -1;
}

/** The value of a one-line quoted key, or undefined for an escape this doesn't read. */
function unquote(quoted: string, quote: string): string | undefined {
  const inner = quoted.slice(1, -1);
  if (quote === '\'') return inner.replace(/''/g, '\'');
  if (!inner.includes('\\')) return inner;
  try {
    return JSON.parse(quoted) as string; // JSON's escapes are YAML's common ones
  } catch {
    return undefined;
  }
}

function isSeparator(content: string, i: number): boolean {
  return i >= content.length || content[i] === ' ' || content[i] === '\t';
}

function isDocumentStart(content: string): boolean {
  return /^---\s*(#.*)?$/.test(content);
}

function isDocumentEnd(content: string): boolean {
  return /^\.\.\.\s*(#.*)?$/.test(content);
}
