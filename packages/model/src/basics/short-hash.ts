/**
 * 8 hex digits of FNV-1a (32-bit) over the UTF-16 code units of a string: stable across machines and
 * versions, no dependency. Not for security: only to keep distinct names distinct.
 * @see http://www.isthe.com/chongo/tech/comp/fnv/index.html
 */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0').toUpperCase();
}
