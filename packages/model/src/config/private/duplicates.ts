import { quote } from './quote';

/**
 * For names that must be unique ignoring case (IAM role names, GitHub repositories and environments):
 * each later name that equals an earlier one ignoring case, with the message to report at it.
 * @param fold how names are compared, e.g. lowercased, or lowercased after sanitizing
 */
export function caseInsensitiveDuplicates(
  names: readonly string[],
  what: string,
  fold: (name: string) => string = (n) => n.toLowerCase(),
): Array<{ name: string; message: string }> {
  const seen = new Map<string, string>();
  const found: Array<{ name: string; message: string }> = [];
  for (const name of [...names].sort()) {
    const key = fold(name);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, name);
    else found.push({ name, message: `${quote(name)} collides with ${quote(first)}: ${what}; rename or remove one of them` });
  }
  return found;
}
