/**
 * A deep copy without properties whose value is `undefined`, so a resolved config compares and prints the
 * same as its JSON (an absent optional field is absent, not present-and-undefined).
 */
export function dropUndefined<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  // Plain loops: this copies the whole resolved config, thousands of objects for a thousand repositories.
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = dropUndefined(value[i]);
    return copy as T;
  }
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (v !== undefined) out[key] = dropUndefined(v);
  }
  return out as T;
}
