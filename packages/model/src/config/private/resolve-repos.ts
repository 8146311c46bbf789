import type { SubjectFormat } from '../../github/subject-prefix';
import type { LockstepConfig } from '../config';
import type { ResolvedRepo } from '../resolved-config';
import { repoStackPrefix } from '../stack-names';
import { subjectPrefixes } from '../../github/subject-prefix';
import { SubjectContext, subjectGrants } from '../../github/subjects';
import { checkSubjects } from './check-subjects';
import { byName } from '../../basics/compare-strings';
import { caseInsensitiveDuplicates } from './duplicates';
import { refNameProblem } from './git-ref-name';
import { numericIdProblem, repoNameProblem } from './github-names';
import { IssueList } from './issue-list';
import { unknownReference } from './problems';
import { quote } from './quote';
import { resolveDeclaredSubjects } from './resolve-declared-subjects';
import type { EnvironmentDraft } from './resolve-environments';
import { resolveLambdaTests } from './resolve-lambda-tests';
import type { RoleDraft } from './resolve-roles';
import type { ResolvedCentralWorkflow } from '../resolved-config';
import { bindContexts } from './workflow-binding';

/** Validates `repos`, derives each one's subjects and, when generated, its lambda-tests job. */
export function resolveRepos(
  config: LockstepConfig,
  environments: Map<string, EnvironmentDraft>,
  roles: Map<string, RoleDraft>,
  centralWorkflow: ResolvedCentralWorkflow | undefined,
  issues: IssueList,
): ResolvedRepo[] {
  const { owner, ownerId } = config.github;
  const repos = Object.keys(config.repos).map((name) => {
    const repo = config.repos[name];
    const at = ['repos', name];
    issues.add(at, repoNameProblem(name));
    const role = roles.get(repo.role);
    if (role === undefined && !issues.refused(['roles', repo.role])) issues.add([...at, 'role'], unknownReference(repo.role, 'role', roles.keys()));
    if (repo.id !== undefined) issues.add([...at, 'id'], numericIdProblem(repo.id, 'repository', `https://api.github.com/repos/${owner}/${name}`));
    const subjectFormat: SubjectFormat = repo.subjectFormat ?? (repo.id !== undefined ? 'immutable' : 'legacy');
    // The prefixes are made of the format, the ids and the owner: with one of them refused, they are stand-ins.
    const formatKnown = !issues.refused(['github', 'ownerId']) && !issues.refused([...at, 'id']) && !issues.refused([...at, 'subjectFormat']);
    const idsMissing = subjectFormat !== 'legacy' && (repo.id === undefined || ownerId === undefined);
    // Without its ids an immutable prefix holds stand-ins ("?"), which must not be judged as wildcards the user wrote.
    const prefixesKnown = formatKnown && !idsMissing && !issues.refused(['github', 'owner']);
    if (idsMissing && formatKnown) {
      const missing = [repo.id === undefined ? `repos.${name}.id` : '', ownerId === undefined ? 'github.ownerId' : ''].filter((m) => m !== '').join(' and ');
      issues.add([...at, repo.subjectFormat === undefined ? 'id' : 'subjectFormat'],
        `${quote(subjectFormat)} subjects (repo:OWNER@OWNER_ID/REPO@REPO_ID:…) need ${missing}; add them (from https://api.github.com/users/${owner} and /repos/${owner}/${name}), or set subjectFormat: "legacy"`);
    }
    const defaultBranch = repo.defaultBranch ?? 'main';
    issues.add([...at, 'defaultBranch'], defaultBranch.includes('*')
      ? `${quote(defaultBranch)} is a pattern; expected the exact name of the default branch`
      : refNameProblem(defaultBranch, 'branch'));

    const prefixes = subjectPrefixes({ owner, ownerId, repo: name, repoId: repo.id }, subjectFormat);
    const contexts: SubjectContext[] = [];
    const generated = repo.lambdaTests === undefined ? undefined : resolveLambdaTests(
      repo.lambdaTests,
      { repo: name, defaultBranch, role, environments: new Set(environments.keys()), prefixes: prefixesKnown ? prefixes : subjectPrefixes({ owner, repo: name }, 'legacy') },
      [...at, 'lambdaTests'],
      issues,
    );
    const central = repo.lambdaTests?.central === true ? centralWorkflow : undefined;
    if (repo.lambdaTests?.central === true && centralWorkflow === undefined && !issues.refused(['github', 'centralWorkflow'])) {
      issues.add([...at, 'lambdaTests', 'central'], 'true, but github.centralWorkflow is not set; add github.centralWorkflow: { repo, ref } (the platform repository and the commit to pin), or remove central');
    }
    if (repo.lambdaTests?.central === true) issues.add([...at, 'lambdaTests', 'central'], centralProblem(role));
    if (generated) contexts.push(...bindContexts(generated.subjectContexts, { central, bindWorkflow: role?.bindWorkflow ?? false, fullName: `${owner}/${name}` }));
    if (repo.subjects !== undefined) {
      contexts.push(...resolveDeclaredSubjects(repo.subjects, prefixesKnown ? prefixes : undefined, [...at, 'subjects'], issues));
    }
    if (repo.lambdaTests === undefined && repo.subjects === undefined && !issues.refused([...at, 'lambdaTests']) && !issues.refused([...at, 'subjects'])) {
      issues.add(at, 'has neither lambdaTests nor subjects, so no workflow of it may assume the role; add lambdaTests to generate its workflow, or subjects for the workflows it has');
    }
    // Stand-in prefixes are checked as the plain legacy one, which holds no stand-in id ("?").
    checkSubjects(contexts, prefixesKnown ? prefixes : subjectPrefixes({ owner, repo: name }, 'legacy'), at, issues);
    const resolved: ResolvedRepo = {
      name,
      fullName: `${owner}/${name}`,
      id: repo.id,
      subjectFormat,
      defaultBranch,
      role: repo.role,
      roleArn: role?.arn ?? '',
      environment: role?.environment ?? '',
      subjects: subjectGrants(name, prefixes, contexts),
      lambdaTests: generated === undefined ? undefined : { ...generated.lambdaTests, ...(central ? { central } : {}) },
    };
    return resolved;
  });
  for (const dup of caseInsensitiveDuplicates(Object.keys(config.repos), 'GitHub repository names are unique ignoring case')) {
    issues.add(['repos', dup.name], dup.message);
  }
  checkStackPrefixes(repos, roles, issues);
  return repos;
}

/**
 * What the central workflow can't run: a role without the `sam-lambda-testing` layout (its artifact bucket
 * and execution role are inputs of the one job).
 */
function centralProblem(role: RoleDraft | undefined): string | undefined {
  if (role !== undefined && role.permissions !== 'sam-lambda-testing') {
    return `true, but the role ${quote(role.name)} does not have permissions "sam-lambda-testing", whose artifact bucket and execution role the central workflow deploys with; remove central, or map the repository to a sam-lambda-testing role`;
  }
  return undefined;
}

/**
 * Test stacks are scoped by name prefix in IAM (`stack/lockstep-a-*`), so within one account no
 * repository's prefix may equal or start another's: `lockstep-a-` would also cover `lockstep-a-b-…`.
 * Reported once, at the repository with the longer (or, when equal, the later) name, naming the first
 * covering repository by name.
 */
function checkStackPrefixes(repos: readonly ResolvedRepo[], roles: Map<string, RoleDraft>, issues: IssueList): void {
  // A repository whose account is refused (or a stand-in) can't be placed in one.
  const accountRefused = (r: ResolvedRepo) => issues.refused(['repos', r.name, 'role'])
    || issues.refused(['roles', r.role, 'environment']) || issues.refused(['environments', roles.get(r.role)?.environment ?? '', 'account']);
  const stacks = repos
    .filter((r) => r.lambdaTests !== undefined && !accountRefused(r))
    .map((r) => ({ name: r.name, prefix: repoStackPrefix(r.name), account: roles.get(r.role)?.env?.account }))
    .sort(byName)
    .map((s, order) => ({ ...s, order }));
  // A prefix that covers another is one of its prefixes: look up those of the lengths some prefix in the
  // account has, rather than compare all pairs.
  const accounts = new Map<string | undefined, { byPrefix: Map<string, typeof stacks>; lengths: Set<number> }>();
  for (const s of stacks) {
    const account = accounts.get(s.account) ?? accounts.set(s.account, { byPrefix: new Map(), lengths: new Set() }).get(s.account)!;
    const same = account.byPrefix.get(s.prefix);
    if (same !== undefined) same.push(s);
    else account.byPrefix.set(s.prefix, [s]);
    account.lengths.add(s.prefix.length);
  }
  for (const mine of stacks) {
    const { byPrefix, lengths } = accounts.get(mine.account)!;
    let covering: (typeof stacks)[number] | undefined;
    for (const length of lengths) {
      if (length > mine.prefix.length) continue;
      const theirs = byPrefix.get(mine.prefix.slice(0, length))?.find((t) =>
        t !== mine
        && t.name.toLowerCase() !== mine.name.toLowerCase() // reported as a duplicate already
        && (length < mine.prefix.length || t.name < mine.name));
      if (theirs !== undefined && (covering === undefined || theirs.order < covering.order)) covering = theirs;
    }
    if (covering !== undefined) {
      issues.add(['repos', mine.name], `its test stacks ("${mine.prefix}…") would fall under the IAM scope of ${quote(covering.name)} ("${covering.prefix}*") in account ${quote(mine.account)}; rename one of them, or move one to another account`);
    }
  }
}
