/**
 * The parts of a GitHub OIDC `sub` claim in the default template:
 * `repo:OWNER/REPO:CONTEXT` or, for immutable subjects, `repo:OWNER@OWNER_ID/REPO@REPO_ID:CONTEXT`.
 * @see https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims
 */
export interface GithubSubject {
  readonly owner: string;
  readonly ownerId?: string;
  readonly repo: string;
  readonly repoId?: string;
  /** Everything after `repo:OWNER/REPO:`; empty when absent. */
  readonly context: string;
  readonly kind: 'environment' | 'ref' | 'pull_request' | 'other';
}

const SUBJECT = /^repo:([^/:@]+)(?:@([^/:]*))?\/([^/:@]+)(?:@([^:]*))?(?::([\s\S]*))?$/;

/** Parses a subject (or a subject pattern: wildcards stay in the parts); `undefined` when it does not start `repo:O/R`. */
export function parseSubject(s: string): GithubSubject | undefined {
  const m = SUBJECT.exec(s);
  if (!m) return undefined;
  const context = m[5] ?? '';
  const kind = context.startsWith('environment:')
    ? 'environment'
    : context.startsWith('ref:')
      ? 'ref'
      : context === 'pull_request'
        ? 'pull_request'
        : 'other';
  return { owner: m[1], ownerId: m[2], repo: m[3], repoId: m[4], context, kind };
}

/** Whether the subject uses the immutable, ID-based form. */
export function isImmutable(s: GithubSubject): boolean {
  return s.ownerId !== undefined || s.repoId !== undefined;
}

/** `repo:OWNER/REPO` or `repo:OWNER@ID/REPO@ID`, the part before the context. */
export function subjectPrefix(s: GithubSubject): string {
  const owner = s.ownerId !== undefined ? `${s.owner}@${s.ownerId}` : s.owner;
  const repo = s.repoId !== undefined ? `${s.repo}@${s.repoId}` : s.repo;
  return `repo:${owner}/${repo}`;
}

/** The subject with another prefix: the same context for another form or repository. */
export function withPrefix(prefix: string, s: GithubSubject): string {
  return s.context === '' ? prefix : `${prefix}:${s.context}`;
}

/** Plain-English name of a subject's context, e.g. `the environment "prod"`, `the branch "main"`. */
export function describeContext(s: GithubSubject): string {
  if (s.kind === 'environment') return `the environment "${s.context.slice('environment:'.length)}"`;
  if (s.kind === 'pull_request') return 'a pull_request event';
  if (s.kind === 'ref') {
    const ref = s.context.slice('ref:'.length);
    if (ref.startsWith('refs/heads/')) return `the branch "${ref.slice('refs/heads/'.length)}"`;
    if (ref.startsWith('refs/tags/')) return `the tag "${ref.slice('refs/tags/'.length)}"`;
    return `the ref "${ref}"`;
  }
  return s.context === '' ? 'no context' : `"${s.context}"`;
}
