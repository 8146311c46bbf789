import { quote } from './quote';

/**
 * GitHub logins: 1–39 letters, digits or single hyphens, not at either end.
 * @see https://docs.github.com/en/enterprise-cloud@latest/admin/managing-iam/iam-configuration-reference/username-considerations-for-external-authentication
 */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
/** Repository names: 1–100 of letters, digits, `.`, `_`, `-` (GitHub replaces anything else with `-`). */
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * When a value is a URL or `owner/repo` instead of a name: the name it contains, for the fix
 * "write just the name". `https://github.com/o/r(.git)`, `git@github.com:o/r.git`, `o/r`.
 */
export function nameInsideUrl(value: string, part: 'owner' | 'repo'): string | undefined {
  const m = /^(?:[a-z+]+:\/\/(?:[^@/]+@)?[^/]+\/|git@[^:]+:)?([^/:@\s]+)(?:\/([^/:@\s]+?))?(?:\.git)?\/?$/.exec(value);
  const looksLikeUrl = /^[a-z+]+:\/\/|^git@|\//.test(value);
  if (!m || !looksLikeUrl) return undefined;
  if (part === 'owner') return m[1];
  return m[2] ?? m[1];
}

/** Why GitHub would refuse an owner login, or undefined. */
export function ownerNameProblem(owner: string): string | undefined {
  const inside = nameInsideUrl(owner, 'owner');
  if (inside !== undefined) return `${quote(owner)} is a URL or path, not an owner name; write just the name: ${quote(inside)}`;
  if (!OWNER.test(owner)) {
    return `${quote(owner)} is not a GitHub owner name; expected 1–39 letters, digits or single hyphens, not starting or ending with a hyphen`;
  }
  return undefined;
}

/** Why GitHub would refuse a repository name, or undefined. */
export function repoNameProblem(repo: string): string | undefined {
  const inside = nameInsideUrl(repo, 'repo');
  if (inside !== undefined) return `${quote(repo)} is a URL or path, not a repository name; write just the name: ${quote(inside)}`;
  if (repo.endsWith('.git') && repo.length > 4) {
    return `${quote(repo)} ends with ".git", which GitHub drops from the name; write just the name: ${quote(repo.slice(0, -4))}`;
  }
  if (/\.wiki$/i.test(repo)) {
    return `${quote(repo)} ends with ".wiki", which GitHub reserves for the wiki of the repository ${quote(repo.slice(0, -5))}; write the repository's own name`;
  }
  if (repo === '.' || repo === '..' || !REPO.test(repo)) {
    return `${quote(repo)} is not a GitHub repository name; expected 1–100 letters, digits, ".", "_" or "-" (not "." or "..")`;
  }
  return undefined;
}

/** Why a GitHub numeric id (owner or repository) is not one, or undefined. */
export function numericIdProblem(id: string, what: string, api: string): string | undefined {
  if (/^[1-9][0-9]{0,19}$/.test(id)) return undefined;
  return `${quote(id)} is not a numeric id; expected the digits of "id" in ${api} (the ${what}, e.g. "123456789")`;
}
