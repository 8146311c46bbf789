import { parseOperator } from '../iam/private/iam-condition';

/** How serious a finding is: `error` admits too much or never works, `warning` is risky, `info` is advice. */
export type FindingSeverity = 'error' | 'warning' | 'info';

/** One problem with one `sub` value; `message` is about the value and says the fix. */
export interface SubjectFinding {
  readonly severity: FindingSeverity;
  /** Stable kebab-case identifier, e.g. `owner-wide-sub`. */
  readonly code: string;
  readonly message: string;
}

// Claims whose value no other owner can choose: a template starting with one of them binds the subject to its owner.
const OWNER_BOUND_CLAIMS = ['repo', 'repository', 'repository_id', 'repository_owner', 'repository_owner_id'];
// Claims a custom template may start with that any repository can present with any value it likes.
const UNBOUND_CLAIMS = [
  'context', 'environment', 'environment_node_id', 'ref', 'ref_type', 'ref_protected', 'head_ref', 'base_ref',
  'workflow', 'workflow_ref', 'workflow_sha', 'job_workflow_ref', 'job_workflow_sha', 'event_name', 'actor',
  'actor_id', 'repository_visibility', 'runner_environment', 'enterprise', 'enterprise_id', 'run_id',
  'run_number', 'run_attempt',
];

/**
 * Inspects one value of a `sub` condition as IAM would match it under `operator`, for every pattern that
 * admits more than intended or never matches: `*`, owner-wide and prefix wildcards, wildcards in names or
 * immutable ids, wildcards across ref kinds, repository-wide subjects, `?`, whitespace, literal `*` under
 * `StringEquals`, and custom-template subjects whose first claim any repository can forge.
 *
 * @param value a `token.actions.githubusercontent.com:sub` value from a trust policy or a config
 * @param operator the condition operator the value is used with, e.g. `StringLike`
 * @see https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims
 * @see https://docs.github.com/en/actions/reference/security/oidc#customizing-the-subject-claims-for-an-organization-or-repository
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 */
export function inspectSubject(value: string, operator: 'StringEquals' | 'StringLike' | string): SubjectFinding[] {
  const findings: SubjectFinding[] = [];
  const shown = JSON.stringify(value);
  const like = /like$/i.test(parseOperator(operator).baseName);
  if (value === '') {
    return [{ severity: 'warning', code: 'empty-value', message: `an empty subject matches no GitHub token; remove it` }];
  }
  if (/^\s|\s$|[\t\n\r\f\v]/.test(value)) {
    findings.push({
      severity: 'error',
      code: 'whitespace-in-value',
      message: `${shown} has whitespace at an end or a tab or line break, which no GitHub subject has, so it never matches; remove the whitespace`,
    });
  } else if (/\s/.test(value)) {
    findings.push({
      severity: 'warning',
      code: 'whitespace-in-value',
      message: `${shown} contains a space; GitHub subjects rarely do, so check it against the subject the job really presents`,
    });
  }
  const wildcard = value.search(/[*?]/);
  if (!like) {
    if (wildcard !== -1) {
      findings.push({
        severity: 'warning',
        code: 'literal-wildcard',
        message: `${shown} contains "${value[wildcard]}", which ${operator} compares literally, so it never matches a GitHub subject; move it to a StringLike statement of its own if a wildcard was meant, or remove it`,
      });
    }
    return [...findings, ...leadingClaim(value, shown)];
  }
  if (wildcard === -1) {
    findings.push({
      severity: 'info',
      code: 'stringlike-without-wildcard',
      message: `${shown} has no wildcard; use StringEquals, which matches it the same way and cannot be widened by an accidental "*"`,
    });
    return [...findings, ...leadingClaim(value, shown)];
  }
  const scope = scopeFinding(value, wildcard, shown);
  if (scope) findings.push(scope);
  if (questionMarkInContext(value)) {
    findings.push({
      severity: 'warning',
      code: 'question-mark',
      message: `${shown} contains "?", which StringLike reads as any one character, not a literal question mark; write the exact character, or use StringEquals`,
    });
  }
  return findings;
}

/** The one finding about how far the first wildcard widens the subject, by where it stands. */
function scopeFinding(value: string, w: number, shown: string): SubjectFinding | undefined {
  const before = value.slice(0, w);
  const after = value.slice(w + 1);
  const star = value[w] === '*';
  const openEnded = /^[*?]*$/.test(after);
  if (!before.includes(':')) {
    return error('wildcard-sub', `${shown} admits the token of every repository on GitHub, of any owner; list the exact subjects, e.g. "repo:OWNER/REPO:ref:refs/heads/main"`);
  }
  const head = before.slice(0, before.indexOf(':'));
  if (head !== 'repo') return leadingClaim(value, shown)[0];
  const body = before.slice('repo:'.length);
  const slash = body.indexOf('/');
  if (slash === -1) {
    if (body.includes('@')) return wildcardInId(shown);
    if (body === '') {
      return error('wildcard-sub', `${shown} admits the token of every repository on GitHub, of any owner; list the exact subjects, e.g. "repo:OWNER/REPO:ref:refs/heads/main"`);
    }
    if (star && openEnded) {
      return error('prefix-collision', `${shown} has no "/" after the owner, so it also admits other owners such as "repo:${body}-evil/…"; write "repo:${body}/REPO:…" for each repository`);
    }
    return wildcardInName(shown);
  }
  const owner = body.slice(0, slash);
  const repoBody = body.slice(slash + 1);
  const colon = repoBody.indexOf(':');
  if (colon === -1) {
    if (repoBody.includes('@')) return wildcardInId(shown);
    const endsName = openEnded || after.startsWith(':');
    if (star && endsName && repoBody === '') {
      return error('owner-wide-sub', `${shown} admits every repository of "${owner}", including ones created later; list each repository instead ("repo:${owner}/REPO:…")`);
    }
    if (star && endsName && openEnded) {
      return error('prefix-collision', `${shown} has no ":" after the repository name, so it also admits "repo:${owner}/${repoBody}-evil"; write "${before}:*"`);
    }
    if (star && endsName) {
      // The name before "*" is a prefix, not a name: no one name can be suggested from it.
      return error('prefix-collision', `${shown} admits every repository of "${owner}" whose name starts with "${repoBody}" (e.g. "${owner}/${repoBody}evil"), including ones created later; write one subject per repository: "repo:${owner}/NAME${after}"`);
    }
    return wildcardInName(shown);
  }
  const context = repoBody.slice(colon + 1);
  const repo = `${owner}/${repoBody.slice(0, colon)}`;
  if (context === '' && /^\*+$/.test(value.slice(w))) {
    return {
      severity: 'warning',
      code: 'repo-wide-sub',
      message: `${shown} admits any branch, tag, pull request and environment of ${repo}: anyone who can push a branch to it gets the role; list the refs and environments that need it, e.g. "repo:${repo}:ref:refs/heads/main" or "repo:${repo}:environment:NAME"`,
    };
  }
  const kindEnd = context.indexOf(':');
  const refKindOpen = context.startsWith('ref:') && !/^ref:refs\/[^/]+\//.test(context);
  if (kindEnd === -1 || refKindOpen) {
    return {
      severity: 'warning',
      code: 'wildcard-across-ref-kinds',
      message: `${shown} does not fix the kind of ref, so it admits tags as well as branches (or other events and environments); name it: "repo:${repo}:ref:refs/heads/…", "repo:${repo}:ref:refs/tags/…" or "repo:${repo}:environment:…"`,
    };
  }
  return undefined;
}

function leadingClaim(value: string, shown: string): SubjectFinding[] {
  // Whitespace has its own finding; the claim name is judged without it.
  const trimmed = value.trim();
  const colon = trimmed.indexOf(':');
  const head = colon === -1 ? trimmed : trimmed.slice(0, colon);
  // A custom template bound to the owner but not to a repository: every repository of the owner that uses
  // the template presents it (GitHub docs, oidc.md, "Customizing the subject claims"; research 12, F3.10).
  const ownerOnly = /(^|:)repository_owner(_id)?:/.test(trimmed) && !/(^|:)(repo|repository|repository_id):/.test(trimmed);
  if (ownerOnly && (head === 'repository_owner' || head === 'repository_owner_id' || UNBOUND_CLAIMS.includes(head))) {
    return [
      error(
        'org-wide-template',
        `${shown} is a custom-template subject that names the owner but no repository, so every repository of that owner that uses the template presents it (a repository admin can opt a repository in); add "repo" or "repository_id" to the template and the subject`,
      ),
    ];
  }
  if (OWNER_BOUND_CLAIMS.includes(head) || /[*?]/.test(head)) return [];
  if (UNBOUND_CLAIMS.includes(head) || head.startsWith('repo_property_')) {
    return [
      error(
        'forgeable-leading-claim',
        `${shown} starts with the claim "${head}", which any repository can present with this value by setting its own subject template; make the template (and the subject) start with "repo" or "repository_owner_id"`,
      ),
    ];
  }
  return [
    {
      severity: 'warning',
      code: 'unrecognised-subject',
      message: `${shown} is not a GitHub subject (they start with "repo:OWNER/REPO:" or a claim name of a custom template); check it against the subject the job presents`,
    },
  ];
}

function questionMarkInContext(value: string): boolean {
  // A `?` inside the owner or repository name is reported as a wildcard in a name; here only the rest counts.
  const m = /^repo:[^/:]*\/[^:]*:/.exec(value);
  const start = m ? m[0].length : 0;
  return value.indexOf('?', start) !== -1 && (m !== null || !value.startsWith('repo:'));
}

function wildcardInName(shown: string): SubjectFinding {
  return error('wildcard-in-owner-or-repo', `${shown} has a wildcard inside the owner or repository name, so it admits repositories that match by accident, including ones created later; write the names exactly`);
}

function wildcardInId(shown: string): SubjectFinding {
  return error('wildcard-in-id', `${shown} has a wildcard in an immutable id, which undoes what the ids are for (a recreated or transferred repository still matches); write the numeric ids from GET /repos/{owner}/{repo}/actions/oidc/customization/sub`);
}

function error(code: string, message: string): SubjectFinding {
  return { severity: 'error', code, message };
}
