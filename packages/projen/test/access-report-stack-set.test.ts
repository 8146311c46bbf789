import { resolveOrThrow } from '@lockstep/model';
import { STACK_SET, stackSetConfig } from '../../model/test/support/stack-set-config';
import { renderAccessReport } from '../src/private/render-access-report';

describe('ACCESS.md for a StackSet environment', () => {
  const report = renderAccessReport(resolveOrThrow(stackSetConfig()));

  test('says which organizational units and regions the environment covers, and the workflow account', () => {
    const where = `StackSet: every account of ${STACK_SET.organizationalUnit}; IAM in us-west-2, regions us-west-2, us-east-1; workflows use ${STACK_SET.workflowAccount}`;
    expect(report).toContain(`### testing: ${where}`);
    expect(report).toContain(`| \`GitHubActionsOIDCRole-PythonSDK\` | ${where.replace(/ /g, ' ')} |`);
  });

  test('names only the listed accounts when the StackSet has them', () => {
    const input = stackSetConfig();
    const config = resolveOrThrow({ ...input, environments: { testing: { stackSet: { ...input.environments.testing.stackSet!, accounts: ['111122223333', STACK_SET.workflowAccount] } } } });
    expect(renderAccessReport(config)).toContain(`StackSet: accounts 111122223333, ${STACK_SET.workflowAccount} of ${STACK_SET.organizationalUnit}`);
  });
});
