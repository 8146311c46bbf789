// Binding a role to the workflow file that assumes it (job_workflow_ref, evaluated by AWS STS for GitHub tokens:
// research 12, F1.1): the central reusable workflow at a pinned commit, or a role's own lambda-tests.yml.
import { auditTrust } from '../../src/github/audit-trust';
import { GITHUB_OIDC_HOST, JOB_WORKFLOW_REF_KEY, STS_GITHUB_CLAIM_KEYS, SUB_KEY } from '../../src/github/github-oidc';
import { TRUST_STATEMENT_IDS } from '../../src/github/trust-policy';
import type { PolicyStatement } from '../../src/iam/policy-document';
import { configWith, expectIssue, resolved } from '../support/configs';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const CENTRAL = `acme/platform/.github/workflows/lockstep-lambda-tests.yml@${SHA}`;
const OWN = 'acme/app/.github/workflows/lambda-tests.yml';

const central = (ref = SHA) => configWith((c) => {
  c.github.centralWorkflow = { repo: 'platform', ref };
  c.repos.app.lambdaTests!.central = true;
});
const statements = (config: ReturnType<typeof resolved>) => config.roles[0].trustPolicy.Statement as readonly PolicyStatement[];

describe('github.centralWorkflow and lambdaTests.central', () => {
  test('every subject of the caller requires the central workflow at the pinned commit, with StringEquals', () => {
    const [statement, ...rest] = statements(resolved(central()));
    expect(rest).toEqual([]);
    expect(statement.Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com'],
        [SUB_KEY]: ['repo:acme/app:pull_request', 'repo:acme/app:ref:refs/heads/main'],
        [JOB_WORKFLOW_REF_KEY]: [CENTRAL],
      },
    });
    expect(statement.Sid).toMatch(new RegExp(`^${TRUST_STATEMENT_IDS.exact}${TRUST_STATEMENT_IDS.boundSuffix}[0-9A-F]{8}$`));
  });

  test('the resolved repository names the call its caller writes', () => {
    const app = resolved(central()).repos[0];
    expect(app.lambdaTests?.central?.uses).toBe(CENTRAL);
    expect(resolved(central()).github.centralWorkflow?.fullName).toBe('acme/platform');
  });

  test('changing the ref changes the trust policy with it', () => {
    const other = 'f'.repeat(40);
    expect(JSON.stringify(resolved(central(other)).roles[0].trustPolicy)).toContain(`@${other}`);
    expect(JSON.stringify(resolved(central(other)).roles[0].trustPolicy)).not.toContain(SHA);
  });

  test.each([['v1'], ['main'], [SHA.slice(0, 12)], [SHA.toUpperCase()]])('refuses the ref %s: only a full commit SHA', (ref) => {
    expectIssue(central(ref), 'github.centralWorkflow.ref', /is not a full commit SHA; expected the 40 lowercase hex digits/);
  });

  test('refuses central without github.centralWorkflow', () => {
    expectIssue(configWith((c) => void (c.repos.app.lambdaTests!.central = true)), 'repos.app.lambdaTests.central', /github\.centralWorkflow is not set; add github\.centralWorkflow/);
  });

  test('a caller with a GitHub environment: its environment subject is bound to the central workflow', () => {
    const config = central();
    config.repos.app.lambdaTests!.githubEnvironment = 'integration';
    const [statement, ...rest] = statements(resolved(config));
    expect(rest).toEqual([]);
    expect(statement.Condition?.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com'],
      [SUB_KEY]: ['repo:acme/app:environment:integration'],
      [JOB_WORKFLOW_REF_KEY]: [CENTRAL],
    });
  });

  test('refuses central on a role without the sam-lambda-testing layout the central job deploys with', () => {
    const config = central();
    config.roles.shared = { environment: 'testing', managedBy: 'terraform' };
    config.repos.app.role = 'shared';
    delete config.roles['ci-role'];
    expectIssue(config, 'repos.app.lambdaTests.central', /the role "shared" does not have permissions "sam-lambda-testing"/);
  });

  test('refuses a platform repository name that is a path', () => {
    const config = central();
    config.github.centralWorkflow!.repo = 'acme/platform';
    expect(() => resolved(config)).toThrow(/github\.centralWorkflow\.repo/);
  });
});

describe('roles.<name>.bindWorkflow', () => {
  const bound = (change: (c: ReturnType<typeof configWith>) => void = () => undefined) => resolved(configWith((c) => {
    c.roles['ci-role'].bindWorkflow = true;
    change(c);
  }));

  test('is off by default: no statement names job_workflow_ref', () => {
    expect(JSON.stringify(resolved(configWith(() => undefined)).roles[0].trustPolicy)).not.toContain('job_workflow_ref');
  });

  test('binds each subject to lambda-tests.yml at the refs its runs have, in statements of their own', () => {
    const byCondition = statements(bound()).map((s) => s.Condition);
    expect(byCondition).toEqual([
      {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com'],
          [SUB_KEY]: ['repo:acme/app:ref:refs/heads/main'],
          [JOB_WORKFLOW_REF_KEY]: [`${OWN}@refs/heads/main`],
        },
      },
      {
        // A pull request's ref is refs/pull/<number>/merge: the binding is a pattern, in the pull_request
        // subject's own statement, so the push subject can't be presented with it.
        StringEquals: { 'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com'], [SUB_KEY]: ['repo:acme/app:pull_request'] },
        StringLike: { [JOB_WORKFLOW_REF_KEY]: [`${OWN}@refs/pull/*/merge`] },
      },
    ]);
  });

  test('a GitHub environment is bound to every ref the job runs on', () => {
    const policy = bound((c) => void (c.repos.app.lambdaTests!.githubEnvironment = 'integration')).roles[0].trustPolicy;
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com'], [SUB_KEY]: ['repo:acme/app:environment:integration'] },
      StringLike: { [JOB_WORKFLOW_REF_KEY]: [`${OWN}@refs/heads/main`, `${OWN}@refs/pull/*/merge`] },
    });
  });

  test('subjects declared for workflows Lockstep does not generate stay unbound', () => {
    const policy = bound((c) => void (c.repos.app.subjects = { branches: ['release'] })).roles[0].trustPolicy;
    const unbound = policy.Statement.find((s) => s.Sid === TRUST_STATEMENT_IDS.exact);
    expect(unbound?.Condition).toEqual({ StringEquals: { 'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com'], [SUB_KEY]: ['repo:acme/app:ref:refs/heads/release'] } });
  });

  test('a repository on the central workflow is bound to that instead', () => {
    const config = central();
    config.roles['ci-role'].bindWorkflow = true;
    const text = JSON.stringify(resolved(config).roles[0].trustPolicy);
    expect(text).toContain(CENTRAL);
    expect(text).not.toContain(OWN);
  });
});

describe('what a bound trust policy says', () => {
  const policies = () => {
    const bound = configWith((c) => {
      c.roles['ci-role'].bindWorkflow = true;
      c.repos.app.lambdaTests!.on = { pullRequest: true, push: { branches: ['main'], tags: ['v1.0.0'] }, workflowDispatch: true };
    });
    return [resolved(central()).roles[0].trustPolicy, resolved(bound).roles[0].trustPolicy];
  };

  test('names only condition keys AWS STS evaluates for GitHub tokens (STS_GITHUB_CLAIM_KEYS)', () => {
    const keys = policies().flatMap((p) => p.Statement.flatMap((s) => Object.values(s.Condition ?? {}).flatMap((block) => Object.keys(block))));
    expect(keys).toContain(JOB_WORKFLOW_REF_KEY);
    expect(keys.filter((k) => !STS_GITHUB_CLAIM_KEYS.some((claim) => k === `${GITHUB_OIDC_HOST}:${claim}`))).toEqual([]);
  });

  test('passes audit with no warning or error', () => {
    for (const policy of policies()) {
      expect(auditTrust(policy).filter((f) => f.severity !== 'info')).toEqual([]);
    }
  });
});
