import type { LockstepConfig } from '../../src/config/config';
import { STACK_RESOURCE_BUDGET, STACK_TEMPLATE_BUDGET } from '../../src/config/role-stacks';
import type { ResolvedConfig } from '../../src/config/resolved-config';
import { infraStacks, roleStackOf, type InfraStack } from '../../src/plan/infra-stacks';
import { configWith, resolved } from '../support/configs';
import { scaleConfig } from '../support/scale-config';

/** role name → stack name, over every role stack of the plan. */
function placement(stacks: readonly InfraStack[]): Map<string, string> {
  return new Map(stacks.flatMap((s) => s.roles.map((r) => [r.name, s.stackName] as const)));
}

/** Stack name → the names of its roles and repositories (what its template is a function of). */
function contents(config: ResolvedConfig): Map<string, string> {
  const repos = new Map<string, string[]>();
  for (const repo of config.repos) repos.set(repo.role, [...(repos.get(repo.role) ?? []), repo.name]);
  return new Map(infraStacks(config).map((s) => [s.stackName, JSON.stringify(s.roles.map((r) => [r.name, repos.get(r.name)]))]));
}

/** `scaleConfig(repos)`, resolved once per file: several describe blocks plan the same config. */
const resolvedScale = (() => {
  const memo = new Map<number, ResolvedConfig>();
  return (repos: number): ResolvedConfig => {
    if (!memo.has(repos)) memo.set(repos, resolved(scaleConfig(repos)));
    return memo.get(repos)!;
  };
})();

function withRepo(config: LockstepConfig, name: string, role: string): LockstepConfig {
  const copy = structuredClone(config);
  copy.roles[role] ??= { environment: 'beta', permissions: 'sam-lambda-testing' };
  copy.repos[name] = { role, lambdaTests: { on: { pullRequest: true }, testCommand: 'pytest' } };
  return copy;
}

describe('infraStacks', () => {
  test('puts the provider and bucket in the base stack, the role in its hashed role stack that depends on it', () => {
    const config = resolved(configWith((c) => { c.providers = { testing: 'create' }; }));
    const stacks = infraStacks(config);
    expect(stacks.map(({ stackName, kind, dependsOn }) => ({ stackName, kind, dependsOn }))).toEqual([
      { stackName: 'Lockstep-testing', kind: 'base', dependsOn: [] },
      { stackName: roleStackOf(config, config.roles[0]), kind: 'roles', dependsOn: ['Lockstep-testing'] },
    ]);
    expect(stacks[1].stackName).toMatch(/^Lockstep-testing--\d\d$/);
    expect(stacks[1].roleResources).toBe(5);
  });

  test('gives no stack to a role managed elsewhere', () => {
    const config = resolved(configWith((c) => { c.roles['ci-role'] = { environment: 'testing', managedBy: 'terraform' }; }));
    expect(infraStacks(config)).toEqual([]);
    expect(roleStackOf(config, config.roles[0])).toBeUndefined();
  });

  describe.each([5000, 3000])('%i repositories, 85 %% on their own role, 3 environments', (repos) => {
    const config = resolvedScale(repos);
    const stacks = infraStacks(config);

    test(`no stack passes ${STACK_RESOURCE_BUDGET} resources`, () => {
      expect(Math.max(...stacks.map((s) => s.roleResources))).toBeLessThanOrEqual(STACK_RESOURCE_BUDGET);
      expect(Math.max(...stacks.map((s) => s.roleTemplateBytes))).toBeLessThanOrEqual(STACK_TEMPLATE_BUDGET);
    });

    test('every Lockstep-managed role is in exactly one stack, the one roleStackOf names; stack names are distinct', () => {
      const placed = stacks.flatMap((s) => s.roles.map((r) => r.name));
      expect(placed.sort()).toEqual(config.roles.filter((r) => r.managedBy === 'lockstep').map((r) => r.name).sort());
      expect(new Set(stacks.map((s) => s.stackName)).size).toBe(stacks.length);
      const where = placement(stacks);
      for (const role of config.roles) expect(roleStackOf(config, role)).toBe(where.get(role.name));
    });

    test('every role stack is in its role\'s environment and depends on that environment\'s base stack', () => {
      for (const stack of stacks.filter((s) => s.kind === 'roles')) {
        expect(stack.roles.every((r) => r.environment === stack.environment.name)).toBe(true);
        expect(stack.dependsOn).toEqual([stack.environment.stackName]);
      }
    });
  });

  describe('stability on a 3,000-repository config', () => {
    const input = scaleConfig(3000);
    const before = resolvedScale(3000);
    const where = placement(infraStacks(before));

    test.each([
      ['adding a repository on its own new role', () => withRepo(input, 'newcomer', 'Svc-newcomer')],
      ['adding a repository to a shared role', () => withRepo(input, 'newcomer', 'Shared-0001')],
      ['removing a repository and its role', () => {
        const copy = structuredClone(input);
        delete copy.repos['service-00042'];
        delete copy.roles['Svc-00042'];
        return copy;
      }],
      ['renaming a repository', () => {
        const copy = structuredClone(input);
        copy.repos['service-renamed'] = copy.repos['service-00042'];
        delete copy.repos['service-00042'];
        return copy;
      }],
    ])('%s moves no other role and changes exactly one stack', (_what, change) => {
      const after = resolved(change());
      const moved = [...placement(infraStacks(after))].filter(([role, stack]) => where.has(role) && where.get(role) !== stack);
      expect(moved).toEqual([]);
      const old = contents(before);
      const now = contents(after);
      const changed = [...now].filter(([stack, roles]) => old.get(stack) !== roles).map(([stack]) => stack);
      const removed = [...old.keys()].filter((stack) => !now.has(stack));
      expect([...changed, ...removed]).toHaveLength(1);
    });
  });
});
