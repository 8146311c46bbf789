import { quote } from './quote';

/**
 * A working directory normalized to a relative path inside the repository (`./tests/lambda/` →
 * `tests/lambda`, empty → `.`), or why it can't be one: absolute, escaping with `..`, or holding
 * characters a workflow path shouldn't.
 */
export function normalizeWorkingDirectory(dir: string): { readonly path: string } | { readonly problem: string } {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f\\]/.test(dir) || dir.includes('${{')) {
    return { problem: `${quote(dir)} contains a control character, a backslash or "\${{"; expected a plain relative path like "tests/lambda"` };
  }
  if (dir.startsWith('/') || /^[A-Za-z]:/.test(dir) || dir.startsWith('~')) {
    return { problem: `${quote(dir)} is absolute; expected a path relative to the repository root, like "tests/lambda"` };
  }
  const parts: string[] = [];
  for (const part of dir.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) {
        return { problem: `${quote(dir)} leaves the repository; expected a path inside it, like "tests/lambda"` };
      }
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return { path: parts.length === 0 ? '.' : parts.join('/') };
}
