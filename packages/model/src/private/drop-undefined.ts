/**
 * A deep copy without properties whose value is `undefined`, so a resolved config compares and prints the
 * same as its JSON (an absent optional field is absent, not present-and-undefined).
 */
export function dropUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => dropUndefined(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = dropUndefined(v);
  return out as T;
}
