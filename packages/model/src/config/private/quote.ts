/** A value as the person wrote it, quoted: `"us-west2"`, `12`, `["a"]`. */
export function quote(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
}

/** `"a", "b", "c"`, sorted so messages are stable; for "expected one of …". */
export function quoteList(values: Iterable<string>): string {
  const list = [...values].sort().map((v) => quote(v));
  return list.length === 0 ? '(none configured)' : list.join(', ');
}
