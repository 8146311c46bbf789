/**
 * A literal as one bash word: as is when it holds only characters bash gives no meaning, else in single
 * quotes (a `'` inside becomes `'\''`).
 * @see https://www.gnu.org/software/bash/manual/html_node/Quoting.html
 */
export function shellQuote(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
