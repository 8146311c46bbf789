import type { SubjectFinding } from './subject-pattern';

// `repo:OWNER/REPO:` or the immutable `repo:OWNER@ID/REPO@ID:` (GitHub docs, oidc.md, "immutable subject format").
const REPO_PREFIX = /^repo:([^/:]+)\/([^/:]+):/;
// Event names people write where the default subject has a context: no default subject ends in them.
const EVENT_NAMES = ['push', 'workflow_dispatch', 'schedule', 'release', 'merge_group', 'pull_request_target', 'workflow_call', 'workflow_run', 'issue_comment', 'tag', 'branch', 'deployment'];

/**
 * What the context of a default-format `sub` value (after `repo:OWNER/REPO:`) admits, or that no GitHub token
 * presents it. GitHub's default subject ends in exactly one of `environment:NAME` (a job with an environment),
 * `pull_request` (a pull request event without one) or `ref:refs/heads/BRANCH` / `ref:refs/tags/TAG`
 * (anything else); a `:` inside a value is written `%3A`.
 *
 * - `unreachable-subject` (error): a context no token has: `ref:refs/pull/…` (a pull request's sub is
 *   `…:pull_request`; `refs/pull/N/merge` is its `ref` claim), `ref:main` without `refs/heads/`, an
 *   environment and a ref together, an event name such as `push`.
 * - `environment-unencoded-colon` (error): `environment:prod:v1`, which GitHub writes `prod%3Av1`.
 * - `branch-wildcard` / `tag-wildcard` / `environment-wildcard` (warning): who can make a matching ref:
 *   any writer pushes any branch or (without a tag ruleset) tag; naming a missing environment creates it.
 * - `merge-queue-ref` (warning): `gh-readonly-queue/…` branches run code not yet merged.
 *
 * @param like whether `*` and `?` are wildcards (StringLike)
 * @see https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims
 * @see https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows#pull_request
 * @see https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/manage-environments
 */
export function inspectSubjectContext(value: string, like: boolean): SubjectFinding[] {
  const m = REPO_PREFIX.exec(value);
  if (m === null) return [];
  const repo = value.slice('repo:'.length, m[0].length - 1);
  const context = value.slice(m[0].length);
  const shown = JSON.stringify(value);
  const wild = (s: string) => like && /[*?]/.test(s);
  if (context === '' || (wild(context) && /^[*?]/.test(context))) return []; // judged by the wildcard's scope
  const [kind] = context.split(':');
  const unreachable = (why: string, fix: string): SubjectFinding[] => [
    { severity: 'error', code: 'unreachable-subject', message: `${shown} is never a GitHub token's sub: ${why}; write ${fix}` },
  ];
  if (kind === 'pull_request') {
    return context === 'pull_request' ? [] : unreachable('a pull request job\'s sub ends in ":pull_request", with nothing after it', `"repo:${repo}:pull_request"`);
  }
  if (kind === 'environment') {
    const name = context.slice('environment:'.length);
    if (/:ref:/.test(`:${name}`) || name.includes(':ref:')) {
      return unreachable('the default sub has an environment or a ref, never both', `"repo:${repo}:environment:${name.slice(0, name.indexOf(':'))}" and pin the ref with a condition on token.actions.githubusercontent.com:ref`);
    }
    if (name.includes(':')) {
      return [{ severity: 'error', code: 'environment-unencoded-colon', message: `${shown} has a ":" inside the environment name, which GitHub writes as "%3A" in the sub, so it never matches; write "repo:${repo}:environment:${name.replace(/:/g, '%3A')}"` }];
    }
    if (wild(name)) {
      return [{ severity: 'warning', code: 'environment-wildcard', message: `${shown} admits every environment of ${repo} matching "${name}": a workflow that names an environment that does not exist creates it without protection rules, so anyone who can edit workflows gets the role; list the environments` }];
    }
    return [];
  }
  if (kind === 'ref') {
    const ref = context.slice('ref:'.length);
    if (ref.startsWith('refs/pull/')) {
      return unreachable('a pull request job\'s sub is "…:pull_request" (refs/pull/N/merge is its ref claim, not its sub)', `"repo:${repo}:pull_request"`);
    }
    if (!ref.startsWith('refs/') && !(wild(ref) && /^[^/]*[*?]/.test(ref))) {
      return unreachable('the ref in a sub is the full ref name', `"repo:${repo}:ref:refs/heads/${ref}" (or refs/tags/${ref} for a tag)`);
    }
    const branch = /^refs\/heads\/(.*)$/.exec(ref);
    if (branch !== null && branch[1].startsWith('gh-readonly-queue/')) {
      return [{ severity: 'warning', code: 'merge-queue-ref', message: `${shown} admits merge queue runs (branches gh-readonly-queue/…), which run pull request code before it is merged; admit the base branch only, or accept that a queued pull request gets the role` }];
    }
    if (branch !== null && wild(branch[1])) {
      return [{ severity: 'warning', code: 'branch-wildcard', message: `${shown} admits every branch of ${repo} matching "${branch[1]}", and anyone with write access can push one (e.g. "${branch[1].replace(/[*?].*$/, '')}evil"); list the branches with StringEquals` }];
    }
    const tag = /^refs\/tags\/(.*)$/.exec(ref);
    if (tag !== null && wild(tag[1])) {
      return [{ severity: 'warning', code: 'tag-wildcard', message: `${shown} admits every tag of ${repo} matching "${tag[1]}": creating a tag becomes a deploy, and without a tag ruleset anyone with write access can create one; protect the tags with a ruleset, or list them` }];
    }
    return [];
  }
  if (EVENT_NAMES.includes(kind)) {
    return unreachable(`the default sub names no event, only "environment:…", "pull_request" or "ref:…" after the repository ("${kind}" runs present "repo:${repo}:ref:refs/heads/BRANCH")`, `"repo:${repo}:ref:refs/heads/main" for the branch it runs on`);
  }
  return [];
}
