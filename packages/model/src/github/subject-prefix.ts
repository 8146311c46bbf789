
/** How the subjects of one repository are written: by name, by immutable id, or both while migrating. */
export type SubjectFormat = 'legacy' | 'immutable' | 'both';

/** Who a subject belongs to: the owner and repository, by name and (for immutable subjects) by id. */
export interface SubjectOwner {
  /** The owner's login, e.g. `honeyhiveai`. */
  readonly owner: string;
  /**
   * The owner's numeric id.
   * @default none: immutable subjects cannot be written
   */
  readonly ownerId?: string;
  /** The repository name, e.g. `python-sdk`. */
  readonly repo: string;
  /**
   * The repository's numeric id.
   * @default none: immutable subjects cannot be written
   */
  readonly repoId?: string;
}

/**
 * The prefixes of every `sub` a repository's jobs present, in a fixed order (legacy first):
 * `repo:OWNER/REPO:` (legacy), `repo:OWNER@OWNER_ID/REPO@REPO_ID:` (immutable), or both while migrating.
 * `resolve()` refuses immutable formats without both ids; here a missing id is written as `?` so the
 * gap shows rather than throwing.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims
 */
export function subjectPrefixes(who: SubjectOwner, format: SubjectFormat): string[] {
  const legacy = `repo:${who.owner}/${who.repo}:`;
  const immutable = `repo:${who.owner}@${who.ownerId ?? '?'}/${who.repo}@${who.repoId ?? '?'}:`;
  if (format === 'legacy') return [legacy];
  if (format === 'immutable') return [immutable];
  return [legacy, immutable];
}

/**
 * A value as GitHub writes it inside a `sub` claim: `:` is encoded `%3A` (`environment:Production%3AV1`),
 * because `:` separates the claim's parts.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#filtering-for-a-specific-environment
 */
export function encodeSubjectPart(value: string): string {
  return value.replace(/:/g, '%3A');
}
