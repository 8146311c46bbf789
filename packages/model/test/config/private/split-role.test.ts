import fc from 'fast-check';
import { auditTrust } from '../../../src/github/audit-trust';
import type { LockstepConfig, RoleConfig } from '../../../src/config/config';
import { evaluateTrust } from '../../../src/github/evaluate-trust';
import { AUD_KEY, SUB_KEY } from '../../../src/github/github-oidc';
import { roleLogicalId } from '../../../src/config/logical-id';
import { trustPolicySize } from '../../../src/iam/policy-size';
import { resolve } from '../../../src/config/resolve';
import type { ResolvedConfig, ResolvedRepo, ResolvedRole } from '../../../src/config/resolved-config';
import { trustPolicy } from '../../../src/github/trust-policy';
import { expectIssue, issuesOf, resolved } from '../../support/configs';

// Branch and tag patterns the config asks for (push.branches/tags globs) are warned about by the audit (any
// writer can push a matching ref, research 12 F3.7); `lockstep check` reports them as information with the
// config's reason. Everything else must pass.
const CONFIGURED_WILDCARDS = ['branch-wildcard', 'tag-wildcard'];

const PROVIDER = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';

/** `svc-00`, `svc-01`, …: names that sort in the order they are made. */
const names = (count: number, prefix = 'svc'): string[] => Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);

/**
 * Repositories sharing one `sam-lambda-testing` role named `role`: each has a generated workflow (pull
 * requests, pushes to main) and declared subjects (five branches and a tag pattern, for a second statement),
 * about 300 characters of trust policy apiece, so a dozen pass the default quota of 2,048.
 */
function sharedConfig(repos: readonly string[], role: Partial<RoleConfig> = {}, roleName = 'shared'): LockstepConfig {
  return {
    github: { owner: 'acme' },
    environments: { testing: { account: '111111111111', region: 'us-west-2' } },
    roles: { [roleName]: { environment: 'testing', permissions: 'sam-lambda-testing', splitWhenOverQuota: true, ...role } },
    repos: Object.fromEntries(repos.map((name) => [name, {
      role: roleName,
      lambdaTests: { on: { pullRequest: true, push: { branches: ['main'] } }, testCommand: 'pytest -v' },
      subjects: { branches: Array.from({ length: 5 }, (_, i) => `feature-${i}`), tags: ['v*'] },
    }])),
  };
}

/** A token of `sub`, with the patterns of a grant made concrete (`v*` → `v1x`). */
const admits = (role: ResolvedRole, sub: string): boolean =>
  evaluateTrust(role.trustPolicy, { claims: { [SUB_KEY]: sub.replace(/\*/g, '1x'), [AUD_KEY]: 'sts.amazonaws.com' }, principal: PROVIDER }).decision === 'allow';

/** Every `sub` a repository's workflows may present: its grants and its generated job's subjects. */
const subjectsOf = (repo: ResolvedRepo): string[] => [...repo.subjects.map((s) => s.value), ...(repo.lambdaTests?.subjects ?? [])];

/** Repository name → the role it was given. */
const assignment = (config: ResolvedConfig): Record<string, string> => Object.fromEntries(config.repos.map((r) => [r.name, r.role]));

/** The same config with the keys of `roles` and `repos` in another order, picked by `seed`. */
function shuffled(config: LockstepConfig, seed: number): LockstepConfig {
  let state = seed;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const shuffle = <T>(items: T[]): T[] => items.map((item) => ({ item, key: random() })).sort((a, b) => a.key - b.key).map((x) => x.item);
  return {
    ...config,
    roles: Object.fromEntries(shuffle(Object.entries(config.roles))),
    repos: Object.fromEntries(shuffle(Object.entries(config.repos))),
  };
}

describe('splitting a role over its trust policy quota', () => {
  const repos = names(30);
  const config = resolved(sharedConfig(repos));

  test('refuses a role over its quota without the opt-in, naming the size, the quota and the fixes', () => {
    expectIssue(
      sharedConfig(repos, { splitWhenOverQuota: undefined }),
      'roles.shared',
      /^the trust policy has \d+ characters \(without whitespace\), over the quota of 2048; move repositories to another role, set splitWhenOverQuota: true to spread them over numbered roles \("shared-1", "shared-2", …\), or ask AWS to raise "Role trust policy length" \(quota L-C07B4B0D\) for account 111111111111 and then set trustPolicyQuota$/,
    );
  });

  test('keeps the plain name and splits nothing when the trust policy fits', () => {
    const small = resolved(sharedConfig(names(3)));
    expect(small.roles.map((r) => r.name)).toEqual(['shared']);
    expect(Object.keys(small.roles[0])).not.toContain('splitFrom');
    expect(small.repos.every((r) => r.role === 'shared')).toBe(true);
  });

  test('makes numbered roles, each within its quota', () => {
    expect(config.roles.length).toBeGreaterThan(2);
    expect(config.roles.map((r) => r.name).sort()).toEqual(config.roles.map((_, i) => `shared-${i + 1}`).sort());
    for (const role of config.roles) {
      expect(role.splitFrom).toBe('shared');
      expect(role.trustPolicySize).toBeLessThanOrEqual(2048);
      expect(role.trustPolicySize).toBe(trustPolicySize(role.trustPolicy));
    }
  });

  test('gives every repository to exactly one numbered role', () => {
    expect(config.roles.flatMap((r) => r.repos).sort()).toEqual(repos);
    for (const repo of config.repos) {
      expect(config.roles.filter((r) => r.repos.includes(repo.name)).map((r) => r.name)).toEqual([repo.role]);
    }
  });

  test('points each repository and its workflow at its numbered role', () => {
    for (const repo of config.repos) {
      const role = config.roles.find((r) => r.name === repo.role)!;
      expect(repo.roleArn).toBe(`arn:aws:iam::111111111111:role/${role.name}`);
      expect(repo.roleArn).toBe(role.arn);
      expect(repo.environment).toBe('testing');
    }
  });

  test('admits every subject of a repository by its own role, and by no other', () => {
    for (const repo of config.repos) {
      expect(repo.lambdaTests?.subjects.length).toBeGreaterThan(0);
      for (const sub of subjectsOf(repo)) {
        const admitting = config.roles.filter((role) => admits(role, sub)).map((role) => role.name);
        expect({ sub, admitting }).toEqual({ sub, admitting: [repo.role] });
      }
    }
  });

  test('fills each role in name order until the next repository would not fit', () => {
    const ordered = [...config.roles].sort((a, b) => Number(a.name.split('-').pop()) - Number(b.name.split('-').pop()));
    expect(ordered.flatMap((r) => r.repos)).toEqual(repos);
    for (let i = 0; i + 1 < ordered.length; i++) {
      const next = config.repos.find((r) => r.name === ordered[i + 1].repos[0])!;
      const withNext = trustPolicy({ providerArn: PROVIDER, audience: 'sts.amazonaws.com', subjects: [...ordered[i].subjects, ...next.subjects] });
      expect(trustPolicySize(withNext)).toBeGreaterThan(2048);
    }
  });

  test('copies the role into each numbered role, with its own name, ARN, logical id and SAM names', () => {
    const custom = resolved(sharedConfig(repos, {
      path: '/ci/',
      maxSessionDuration: 7200,
      description: 'SAM tests of the services',
      permissionsBoundary: 'arn:aws:iam::111111111111:policy/Boundary',
    }));
    for (const role of custom.roles) {
      expect(role).toMatchObject({
        environment: 'testing',
        path: '/ci/',
        arn: `arn:aws:iam::111111111111:role/ci/${role.name}`,
        managedBy: 'lockstep',
        permissions: 'sam-lambda-testing',
        maxSessionDuration: 7200,
        permissionsBoundary: 'arn:aws:iam::111111111111:policy/Boundary',
        trustPolicyQuota: 2048,
        description: 'SAM tests of the services',
        logicalId: roleLogicalId(role.name),
        samTesting: {
          executionRoleName: `${role.name}-CfnExec`,
          executionRoleArn: `arn:aws:iam::111111111111:role/ci/${role.name}-CfnExec`,
          functionBoundaryName: `${role.name}-FunctionBoundary`,
          artifactBucket: 'lockstep-artifacts-111111111111-us-west-2',
        },
      });
    }
    expect(new Set(custom.roles.map((r) => r.logicalId)).size).toBe(custom.roles.length);
  });

  test('writes trust policies that pass the audit', () => {
    for (const role of config.roles) expect(auditTrust(role.trustPolicy).filter((f) => f.severity !== 'info' && !CONFIGURED_WILDCARDS.includes(f.code))).toEqual([]);
  });

  test('splits a role managed elsewhere too, leaving its permissions to its owner', () => {
    const external = resolved(sharedConfig(repos, { managedBy: 'terraform', permissions: undefined }));
    expect(external.roles.length).toBe(config.roles.length);
    for (const role of external.roles) {
      expect(role.managedBy).toBe('terraform');
      expect(Object.keys(role)).not.toContain('samTesting');
    }
  });

  test('gives the same output for the config in any order', () => {
    const expected = JSON.stringify(config);
    for (const seed of [1, 2, 3, 42, 2026]) expect(JSON.stringify(resolved(shuffled(sharedConfig(repos), seed)))).toBe(expected);
  });

  test('leaves earlier assignments unchanged when a repository that sorts last is added', () => {
    const before = assignment(config);
    for (const added of [1, 5, 12]) {
      const after = resolved(sharedConfig([...repos, ...names(added, 'zz')]));
      expect(after.repos.filter((r) => repos.includes(r.name)).map((r) => [r.name, r.role])).toEqual(Object.entries(before));
      // Every role but the last one it may have joined is byte for byte the same.
      const lastBefore = `shared-${config.roles.length}`;
      for (const role of config.roles.filter((r) => r.name !== lastBefore)) {
        expect(JSON.stringify(after.roles.find((r) => r.name === role.name))).toBe(JSON.stringify(role));
      }
    }
  });

  test('fails when one repository alone is over the quota, with the fixes', () => {
    const input = sharedConfig(repos);
    input.repos['svc-07'].subjects!.branches = Array.from({ length: 60 }, (_, i) => `feature-${i}`);
    expectIssue(input, 'repos.svc-07', /^its subjects alone give role "shared" a trust policy of \d{4} characters \(without whitespace\), over the quota of 2048, and splitWhenOverQuota never divides one repository's subjects \(a job assumes one role\); trust fewer subjects for it \(e\.g\. one environment, or a branch pattern, instead of many branches\), or ask AWS to raise "Role trust policy length" \(quota L-C07B4B0D\) for account 111111111111 and then set roles\.shared\.trustPolicyQuota$/);
    expect(issuesOf(input)).toHaveLength(1);
  });

  test('does not offer the split when a repository alone is over the quota', () => {
    const input = sharedConfig(repos, { splitWhenOverQuota: false });
    input.repos['svc-07'].subjects!.branches = Array.from({ length: 60 }, (_, i) => `feature-${i}`);
    expectIssue(input, 'roles.shared', /; move repositories to another role, trust fewer subjects for "svc-07", whose subjects alone pass the quota \(e\.g\. .*\), or ask AWS to raise /);
    expect(issuesOf(input)[0].message).not.toMatch(/splitWhenOverQuota/);
  });

  test('fails when a numbered sam-lambda-testing role name leaves no room for its execution role name', () => {
    const name = 'r'.repeat(55);
    expectIssue(
      sharedConfig(repos, {}, name),
      `roles.${name}`,
      new RegExp(`^its trust policy is split over \\d numbered roles, and the name of the last, "${name}-\\d", has 57 characters; expected at most 56 \\(its CloudFormation execution role is named "${name}-\\d-CfnExec", and IAM allows 64\\); shorten the role name to at most 54 characters$`),
    );
  });

  test('fails when a numbered role name is longer than 64 characters', () => {
    const name = 'r'.repeat(63);
    expectIssue(
      sharedConfig(repos, { managedBy: 'external', permissions: undefined }, name),
      `roles.${name}`,
      /has 65 characters; expected at most 64; shorten the role name to at most 62 characters$/,
    );
  });

  test('accepts numbered names that fit exactly', () => {
    const split = resolved(sharedConfig(repos, {}, 'r'.repeat(54)));
    expect(split.roles.map((r) => r.samTesting!.executionRoleName.length)).toEqual(split.roles.map(() => 64));
  });

  test('fails when a numbered role takes the name of another role', () => {
    const input = sharedConfig(repos);
    input.roles['Shared-2'] = { environment: 'testing', managedBy: 'external' };
    input.repos.other = { role: 'Shared-2', subjects: { pullRequest: true } };
    expectIssue(input, 'roles.shared', /^its numbered role "shared-2" collides with the role "Shared-2": IAM role names are unique ignoring case; rename one of them$/);
  });

  test('fails when the execution role of a numbered role takes the name of another role', () => {
    const input = sharedConfig(repos);
    input.roles['Shared-2-CfnExec'] = { environment: 'testing', managedBy: 'external' };
    input.repos.other = { role: 'Shared-2-CfnExec', subjects: { pullRequest: true } };
    expectIssue(input, 'roles.shared', /^the execution role "shared-2-CfnExec" of its numbered role "shared-2" collides with the role "Shared-2-CfnExec": IAM role names are unique ignoring case; rename one of them$/);
  });

  test('refuses an opt-in that is not a boolean', () => {
    expectIssue(
      sharedConfig(repos, { splitWhenOverQuota: 'yes' as unknown as boolean }),
      'roles.shared.splitWhenOverQuota',
      /^"yes" is a string; expected true or false$/,
    );
  });

  test('packs any repositories into contiguous name ranges, each within its quota and full', () => {
    const repoArb = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/), fc.integer({ min: 0, max: 14 }), { minKeys: 1, maxKeys: 40 });
    fc.assert(fc.property(repoArb, fc.integer({ min: 1200, max: 4096 }), (branchCounts, quota) => {
      const input = sharedConfig(Object.keys(branchCounts), { trustPolicyQuota: quota });
      for (const [name, count] of Object.entries(branchCounts)) {
        input.repos[name].subjects!.branches = Array.from({ length: count }, (_, i) => `b${i}`);
      }
      const result = resolve(input);
      if (!result.ok) {
        // The only refusal left is a repository too large for any role.
        expect(result.issues.every((i) => /^its subjects alone give role "shared" a trust policy/.test(i.message))).toBe(true);
        return;
      }
      const roles = result.config.roles;
      const ordered = roles.length === 1 ? roles : [...roles].sort((a, b) => Number(a.name.split('-').pop()) - Number(b.name.split('-').pop()));
      expect(ordered.flatMap((r) => r.repos)).toEqual(Object.keys(branchCounts).sort());
      for (const [i, role] of ordered.entries()) {
        expect(role.trustPolicySize).toBeLessThanOrEqual(quota);
        const next = ordered[i + 1] && result.config.repos.find((r) => r.name === ordered[i + 1].repos[0])!;
        if (next) {
          const withNext = trustPolicy({ providerArn: PROVIDER, audience: 'sts.amazonaws.com', subjects: [...role.subjects, ...next.subjects] });
          expect(trustPolicySize(withNext)).toBeGreaterThan(quota);
        }
      }
      expect(roles.length === 1).toBe(roles[0].splitFrom === undefined);
    }), { numRuns: 150, seed: 20260815 });
  });
});
