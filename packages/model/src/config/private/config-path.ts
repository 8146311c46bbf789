const PLAIN_KEY = /^[A-Za-z0-9_@+=,-]+$/;

/**
 * The dot-path of a config location: `repos.python-sdk.role`, list items as `[0]`, and keys that would
 * read ambiguously (dots, spaces, empty) as `["a.b"]`.
 */
export function configPath(...segments: readonly PropertyKey[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (typeof segment === 'string' && PLAIN_KEY.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(String(segment))}]`;
  }
  return path;
}
