import type { ExtraStatement } from '../../../src/config/config';
import { configWith, expectIssue, issuesOf, resolved } from '../../support/configs';

const states: ExtraStatement = {
  actions: ['states:CreateStateMachine', 'states:DeleteStateMachine'],
  resources: ['arn:aws:states:us-west-2:111111111111:stateMachine:lockstep-*'],
  why: 'the tests deploy a Step Functions state machine',
};
const withExtra = (...extra: ExtraStatement[]) => configWith((c) => { c.roles['ci-role'].extraStatements = extra; });

describe('roles.<role>.extraStatements', () => {
  test('resolves valid statements, reason trimmed', () => {
    const [role] = resolved(withExtra({ ...states, why: `  ${states.why} ` })).roles;
    expect(role.extraStatements).toEqual([states]);
  });

  test('is empty without any', () => {
    expect(resolved(configWith(() => undefined)).roles[0].extraStatements).toEqual([]);
  });

  test.each([
    ['a wildcard action', ['s3:*'], ['*'], 'extraStatements[0].actions[0]', /"s3:\*" is refused: an extra statement names each action exactly/],
    ['every action', ['*'], ['*'], 'extraStatements[0].actions[0]', /"\*" is refused/],
    ['iam:* ', ['iam:*'], ['*'], 'extraStatements[0].actions[0]', /"iam:\*" is refused/],
    ['an IAM action', ['iam:CreateRole'], ['arn:aws:iam::111111111111:role/x'], 'extraStatements[0].actions[0]', /"iam:CreateRole" is refused: IAM actions would let the tests change roles/],
    ['an STS action', ['sts:AssumeRole'], ['arn:aws:iam::111111111111:role/x'], 'extraStatements[0].actions[0]', /"sts:AssumeRole" is refused: STS actions would let the tests assume other roles/],
    ['an Organizations action', ['organizations:LeaveOrganization'], ['*'], 'extraStatements[0].actions[0]', /Organizations actions change the whole organization/],
    ['an unscoped iam:PassRole', ['iam:PassRole'], ['*'], 'extraStatements[0].actions[0]', /"iam:PassRole" is refused with the resource "\*": passing a role must name the roles exactly/],
    ['iam:PassRole on a role pattern', ['iam:PassRole'], ['arn:aws:iam::111111111111:role/lockstep-*'], 'extraStatements[0].actions[0]', /must name the roles exactly/],
    ['a resource that is no ARN', ['states:CreateStateMachine'], ['my-machine'], 'extraStatements[0].resources[0]', /"my-machine" is not an ARN/],
  ])('refuses %s, naming the field and the reason', (_what, actions, resources, field, message) => {
    expectIssue(withExtra({ actions, resources, why: 'the tests need it for a reason' }), `roles.ci-role.${field}`, message);
  });

  test('accepts iam:PassRole of one named role', () => {
    const statement = { actions: ['iam:PassRole'], resources: ['arn:aws:iam::111111111111:role/StatesExecution'], why: 'the state machine runs as this role' };
    expect(resolved(withExtra(statement)).roles[0].extraStatements).toEqual([statement]);
  });

  test('refuses a statement without a reason', () => {
    expectIssue(withExtra({ ...states, why: '' }), 'roles.ci-role.extraStatements[0].why', /too short; say which resource or call of the tests needs the statement/);
  });

  test('refuses extra statements on a role Lockstep does not manage', () => {
    const config = configWith((c) => { c.roles['ci-role'] = { environment: 'testing', managedBy: 'terraform', extraStatements: [states] }; });
    expect(issuesOf(config).map((i) => i.path)).toContain('roles.ci-role.extraStatements');
  });
});
