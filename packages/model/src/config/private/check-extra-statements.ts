import { parseArn } from '../../iam/arn';
import type { ExtraStatement } from '../config';
import type { IssueList } from './issue-list';
import { quote } from './quote';

/**
 * Services whose actions an extra statement may never grant: they change who may do what (IAM), hand out other
 * credentials (STS) or change the organization; a test stack needs none of them.
 */
const REFUSED_SERVICES: Readonly<Record<string, string>> = {
  iam: 'IAM actions would let the tests change roles and policies outside the function boundary; only a scoped iam:PassRole is allowed',
  sts: 'STS actions would let the tests assume other roles',
  organizations: 'Organizations actions change the whole organization',
};

/**
 * Validates `roles.<role>.extraStatements` and returns the valid ones: only on `sam-lambda-testing` roles; no
 * wildcard action; no IAM (but `iam:PassRole` to named roles), STS or Organizations action; a resource is `*` or an
 * ARN; a reason is given.
 */
export function checkExtraStatements(
  statements: readonly ExtraStatement[] | undefined,
  samTesting: boolean,
  at: readonly PropertyKey[],
  issues: IssueList,
): readonly ExtraStatement[] {
  if (statements === undefined || statements.length === 0) return [];
  if (!samTesting) {
    issues.add(at, 'extra statements go into the sam-lambda-testing execution role, and this role has no such profile; remove extraStatements, or set permissions: "sam-lambda-testing"');
    return [];
  }
  const valid: ExtraStatement[] = [];
  statements.forEach((s, i) => {
    const here = [...at, i];
    const before = issues.issues.length;
    if (s.why.trim().length < 10) issues.add([...here, 'why'], `${quote(s.why)} is too short; say which resource or call of the tests needs the statement`);
    if (s.actions.length === 0) issues.add([...here, 'actions'], 'empty; expected at least one action, e.g. "states:CreateStateMachine"');
    if (s.resources.length === 0) issues.add([...here, 'resources'], 'empty; expected at least one resource ARN');
    s.actions.forEach((action, j) => {
      const service = action.split(':')[0].toLowerCase();
      if (!/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(action)) {
        issues.add([...here, 'actions', j], `${quote(action)} is refused: an extra statement names each action exactly (service:Action), never a wildcard; list the actions the tests call`);
      } else if (action.toLowerCase() === 'iam:passrole') {
        const unscoped = s.resources.filter((r) => r.includes('*') || parseArn(r)?.service !== 'iam');
        if (unscoped.length > 0) {
          issues.add([...here, 'actions', j], `"iam:PassRole" is refused with the resource ${quote(unscoped[0])}: passing a role must name the roles exactly (no wildcard), so the tests can't pass a stronger role`);
        }
      } else if (REFUSED_SERVICES[service] !== undefined) {
        issues.add([...here, 'actions', j], `${quote(action)} is refused: ${REFUSED_SERVICES[service]}`);
      }
    });
    s.resources.forEach((resource, j) => {
      if (resource !== '*' && parseArn(resource) === undefined) {
        issues.add([...here, 'resources', j], `${quote(resource)} is not an ARN; expected "arn:<partition>:<service>:<region>:<account>:<resource>", or "*" for an action without resource-level permissions`);
      }
    });
    if (issues.issues.length === before && !issues.refusedWithin(here)) valid.push({ actions: [...s.actions], resources: [...s.resources], why: s.why.trim() });
  });
  return valid;
}
