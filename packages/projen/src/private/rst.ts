/**
 * Small reStructuredText builders; every value from the config goes through {@link literal} or {@link text}
 * so that no branch name or reason can turn into markup.
 * @see https://docutils.sourceforge.io/docs/ref/rst/restructuredtext.html
 */

/**
 * Inline literal: ` ``value`` `. Falls back to escaped text when the value cannot be one (it holds two
 * backquotes, or starts or ends with whitespace).
 */
export function literal(value: string): string {
  if (value === '' || value.includes('``') || /^\s|\s$/.test(value) || value.endsWith('`')) return text(value);
  return `\`\`${value}\`\``;
}

/**
 * Plain text, on one line, with what could start inline markup backslash-escaped: `*`, a backquote, `|`,
 * a backslash, and `_` where it would end a reference name (`word_`).
 */
export function text(value: string): string {
  return value
    .replace(/[\\*`|]/g, (c) => `\\${c}`)
    .replace(/_(?=\W|$)/g, '\\_')
    .replace(/\s*\n\s*/g, ' ');
}

/** A section title, underlined (and overlined for the page title) to its length. */
export function heading(title: string, level: 0 | 1 | 2): string[] {
  const rule = ['=', '-', '~'][level].repeat(title.length);
  return level === 0 ? [rule, title, rule, ''] : [title, rule, ''];
}

/** A paragraph: one source line per part (reST reflows them), then a blank line. */
export function paragraph(...parts: string[]): string[] {
  return [parts.join('\n'), ''];
}

/** A bulleted (`-`) or numbered (`#.`) list; items may span several lines. */
export function list(items: readonly string[], numbered = false): string[] {
  const marker = numbered ? '#. ' : '- ';
  const indent = ' '.repeat(marker.length);
  return [...items.flatMap((item) => item.split('\n').map((line, i) => (i === 0 ? marker : indent) + line)), ''];
}

/** A literal block (`::`), for commands to copy; indented by three spaces. */
export function literalBlock(intro: string, lines: readonly string[]): string[] {
  return [`${intro}::`, '', ...lines.map((line) => (line === '' ? '' : `   ${line}`)), ''];
}

/** A `list-table` directive: the first row is the header when `headerRow` is set. Cells are inline markup. */
export function listTable(rows: readonly (readonly string[])[], options: { headerRow?: boolean; widths?: readonly number[] } = {}): string[] {
  return [
    '.. list-table::',
    ...(options.headerRow ? ['   :header-rows: 1'] : ['   :stub-columns: 1']),
    ...(options.widths ? [`   :widths: ${options.widths.join(' ')}`] : []),
    '',
    ...rows.flatMap((row) => row.map((cell, i) => `${i === 0 ? '   * - ' : '     - '}${cell}`.trimEnd())),
    '',
  ];
}

/** Comment lines (`..`), invisible in the rendered page. */
export function comment(lines: readonly string[]): string[] {
  return ['..', ...lines.map((line) => `   ${line}`), ''];
}

/** The lines of one list item or paragraph that spans several source lines. */
export function lines(...parts: string[]): string {
  return parts.join('\n');
}
