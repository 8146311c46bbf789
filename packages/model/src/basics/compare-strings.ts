/** Code-unit order, the same on every machine and locale (`localeCompare` is not): for deterministic output. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts objects by their `name`, in {@link compareStrings} order. */
export function byName<T extends { readonly name: string }>(a: T, b: T): number {
  return compareStrings(a.name, b.name);
}
