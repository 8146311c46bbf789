import { policyJson, samTestingPermissions, wildcardResources, type SamTestingScope, type SamTestingStatement } from '../../src/plan/sam-testing-profile';
import { generatedNamePrefix, repoStackPrefix } from '../../src/config/stack-names';

const A = '654654498014';
const scope: SamTestingScope = {
  partition: 'aws',
  account: A,
  region: 'us-west-2',
  repos: [
    { name: 'sdk-js', stackPrefix: repoStackPrefix('sdk-js'), artifactPrefix: 'sdk-js/' },
    { name: 'python-sdk', stackPrefix: repoStackPrefix('python-sdk'), artifactPrefix: 'python-sdk/' },
  ],
  artifactBucket: 'lockstep-artifacts-654654498014-us-west-2',
  executionRoleArn: `arn:aws:iam::${A}:role/GitHubActionsOIDCRole-PythonSDK-CfnExec`,
  functionBoundaryArn: `arn:aws:iam::${A}:policy/GitHubActionsOIDCRole-PythonSDK-FunctionBoundary`,
};
const permissions = samTestingPermissions(scope);
const all = [...permissions.githubRole, ...permissions.executionRole, ...permissions.executionRoleReads, ...permissions.functionBoundary];
const size = (doc: object) => JSON.stringify(doc).replace(/\s/g, '').length;

describe('samTestingPermissions', () => {
  test('never grants an action wildcard, and every wildcard resource carries a reason', () => {
    for (const s of all) {
      expect(s.actions.filter((a) => a.includes('*'))).toEqual([]);
      expect(s.why.length).toBeGreaterThan(20);
      for (const r of s.resources) expect(r.arn.includes('*')).toBe(r.wildcardReason !== undefined);
    }
  });

  test('lists actions sorted and statement ids unique', () => {
    for (const list of Object.values(permissions) as SamTestingStatement[][]) {
      expect(new Set(list.map((s) => s.sid)).size).toBe(list.length);
      for (const s of list) expect(s.actions).toEqual([...s.actions].sort());
    }
  });

  test('pins the bucket owner on every S3 statement', () => {
    const s3 = all.filter((s) => s.actions.some((a) => a.startsWith('s3:')));
    expect(s3.length).toBeGreaterThan(2);
    for (const s of s3) expect(s.condition?.StringEquals?.['s3:ResourceAccount']).toEqual([A]);
  });

  test('requires the repository tag on every create and of everything changed or deleted by the execution role', () => {
    const sids = (key: string) => permissions.executionRole.filter((s) => JSON.stringify(s.condition ?? {}).includes(key)).map((s) => s.sid);
    expect(sids('aws:RequestTag/lockstep:repository')).toEqual(['CreateTaggedResources', 'TagOwnResources', 'CreateEventSourceMappings', 'CreateApis', 'CreateFunctionRolesUnderBoundary']);
    expect(sids('aws:ResourceTag/lockstep:repository')).toEqual(expect.arrayContaining(['ChangeAndDeleteOwnResources', 'ChangeOwnEventSourceMappings', 'ChangeAndDeleteOwnApis', 'ChangeFunctionRolesUnderBoundary', 'PassFunctionRolesToLambda']));
  });

  test('creates and changes roles only with the function boundary, and denies leaving it', () => {
    const roleWrites = permissions.executionRole.filter((s) => (s.effect ?? 'Allow') === 'Allow'
      && s.actions.some((a) => ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:DeleteRole'].includes(a)));
    for (const s of roleWrites) expect(s.condition?.StringEquals?.['iam:PermissionsBoundary']).toEqual([scope.functionBoundaryArn]);
    const denies = permissions.executionRole.filter((s) => s.effect === 'Deny').flatMap((s) => s.actions);
    expect(denies.sort()).toEqual(['iam:CreateRole', 'iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary']);
  });

  test('puts the SAM transform in its own statement without conditions', () => {
    const transform = permissions.githubRole.filter((s) => s.resources.some((r) => r.arn.includes(':transform/')));
    expect(transform).toEqual([expect.objectContaining({ actions: ['cloudformation:CreateChangeSet'], resources: [{ arn: 'arn:aws:cloudformation:us-west-2:aws:transform/Serverless-2016-10-31' }] })]);
    expect(transform[0].condition).toBeUndefined();
  });

  test('scopes each repository\'s change sets to its own stacks and its own tag', () => {
    const create = permissions.githubRole.filter((s) => s.sid.startsWith('CreateChangeSetsOfTestStacks'));
    expect(create.map((s) => [s.resources[0].arn, s.condition?.StringEquals?.['aws:RequestTag/lockstep:repository']])).toEqual([
      ['arn:aws:cloudformation:us-west-2:654654498014:stack/lockstep-python-sdk--*/*', ['python-sdk']],
      ['arn:aws:cloudformation:us-west-2:654654498014:stack/lockstep-sdk-js--*/*', ['sdk-js']],
    ]);
  });

  test('keeps the read-only statements apart, none of them writing', () => {
    for (const st of permissions.executionRoleReads) {
      for (const action of st.actions) expect(action).toMatch(/:(Get|List|Describe)|^apigateway:GET$/);
    }
  });

  test('renders the same policies whatever order the repositories come in', () => {
    const reversed = samTestingPermissions({ ...scope, repos: [...scope.repos].reverse() });
    expect(policyJson(reversed.githubRole)).toEqual(policyJson(permissions.githubRole));
    expect(policyJson(reversed.executionRole)).toEqual(policyJson(permissions.executionRole));
  });

  test('acknowledges no deny: wildcard reasons are of Allow statements only', () => {
    expect(wildcardResources(permissions.executionRole).map((w) => w.arn)).not.toContain('arn:aws:iam::654654498014:role/*');
  });

  test('fits IAM\'s inline and managed policy sizes with eight repositories of long names', () => {
    const many = samTestingPermissions({
      ...scope,
      repos: Array.from({ length: 8 }, (_, i) => ({ name: `repository-number-${i}`, stackPrefix: repoStackPrefix(`repository-number-${i}`), artifactPrefix: `repository-number-${i}/` })),
    });
    expect(size(policyJson(many.githubRole))).toBeLessThan(10_240);
    expect(size(policyJson(many.executionRole))).toBeLessThan(10_240);
    expect(size(policyJson(many.executionRoleReads))).toBeLessThan(6_144);
    expect(size(policyJson(many.functionBoundary))).toBeLessThan(6_144);
  });

  test.each([
    ['a prefix without the "--" delimiter', { repos: [{ name: 'a', stackPrefix: 'lockstep-a-', artifactPrefix: 'a/' }] }, /"lockstep-a-" must be "lockstep-<sanitized repository>--"/],
    ['an uppercase prefix', { repos: [{ name: 'a', stackPrefix: 'lockstep-A--', artifactPrefix: 'a/' }] }, /must be "lockstep-/],
    ['no repository', { repos: [] }, /at least one repository/],
    ['an artifact prefix with two segments', { repos: [{ name: 'a', stackPrefix: 'lockstep-a--', artifactPrefix: 'a/b/' }] }, /one key segment/],
    ['an 11-digit account', { account: '65465449801' }, /12-digit/],
  ])('refuses %s', (_what, change, message) => {
    expect(() => samTestingPermissions({ ...scope, ...change })).toThrow(message);
  });
});

describe('generatedNamePrefix', () => {
  test('collapses the delimiter as CloudFormation does and keeps what CloudFormation always keeps', () => {
    expect(generatedNamePrefix('lockstep-python-sdk--')).toBe('lockstep-python-sdk-');
    expect(generatedNamePrefix('lockstep-a-very-long-repository-name--')).toBe('lockstep-a-very-long-repo');
    // What repoStackPrefix makes of a long name fits whole: its head and the hash of all of it.
    expect(generatedNamePrefix(repoStackPrefix('a-very-long-repository-name'))).toBe('lockstep-a-very-f612eb91-');
  });
});
