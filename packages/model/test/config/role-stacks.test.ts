import { environmentStackName } from '../../src/config/stack-names';
import { DEFAULT_ROLE_STACKS, roleResources, roleStackIndex, roleStackName, roleTemplateBytes, STACK_RESOURCE_BUDGET, STACK_TEMPLATE_BUDGET } from '../../src/config/role-stacks';
import { shortHash } from '../../src/basics/short-hash';
import type { LockstepConfig } from '../../src/config/config';
import { configWith, expectIssue, resolved } from '../support/configs';

/** A config with `n` dedicated `sam-lambda-testing` roles in one environment. */
function dedicatedRoles(n: number, roleStacks?: number): LockstepConfig {
  return configWith((config) => {
    config.environments.testing.roleStacks = roleStacks;
    config.roles = {};
    config.repos = {};
    for (let i = 0; i < n; i++) {
      config.roles[`Role-${i}`] = { environment: 'testing', permissions: 'sam-lambda-testing' };
      config.repos[`repo-${i}`] = { role: `Role-${i}`, lambdaTests: { on: { pullRequest: true }, testCommand: 'pytest' } };
    }
  });
}

describe('role stacks', () => {
  test('the bucket is the high bits of fmix32(FNV-1a) of the name, so it depends on the name alone', () => {
    // FNV-1a test vectors (http://www.isthe.com/chongo/tech/comp/fnv/index.html, "FNV-1a 32 bit"):
    // "a" → 0xe40c292c, "foobar" → 0xbf9cf968. fmix32 as in aappleby/smhasher src/MurmurHash3.cpp:
    // h ^= h >> 16; h *= 0x85ebca6b; h ^= h >> 13; h *= 0xc2b2ae35; h ^= h >> 16. These lines are the
    // deployed layout: a change here moves roles, so the test spells the function out again.
    const fmix = (h: number) => {
      h = (h ^ (h >>> 16)) >>> 0;
      h = Number((BigInt(h) * 0x85ebca6bn) % 2n ** 32n);
      h = (h ^ (h >>> 13)) >>> 0;
      h = Number((BigInt(h) * 0xc2b2ae35n) % 2n ** 32n);
      return (h ^ (h >>> 16)) >>> 0;
    };
    expect(shortHash('a')).toBe('E40C292C');
    expect(shortHash('foobar')).toBe('BF9CF968');
    expect(roleStackIndex('a', 32)).toBe(Math.floor((fmix(0xe40c292c) * 32) / 2 ** 32));
    expect(roleStackIndex('foobar', 10)).toBe(Math.floor((fmix(0xbf9cf968) * 10) / 2 ** 32));
  });

  test('names differing in their last digit land in unrelated stacks', () => {
    const stacks = new Set(Array.from({ length: 10 }, (_, i) => roleStackIndex(`Svc-0000${i}`, 32)));
    expect(stacks.size).toBeGreaterThan(6);
  });

  test('spreads 5,000 names evenly enough over 32 stacks: every stack within ±30 % of the mean', () => {
    const counts = new Array<number>(32).fill(0);
    for (let i = 0; i < 5000; i++) counts[roleStackIndex(`Svc-${String(i).padStart(5, '0')}`, 32)]++;
    const mean = 5000 / 32;
    for (const count of counts) {
      expect(count).toBeGreaterThan(mean * 0.7);
      expect(count).toBeLessThan(mean * 1.3);
    }
  });

  test('names role stacks Lockstep-<env>--NN, which no environment\'s own stack name can be', () => {
    expect(roleStackName('testing', 0)).toBe('Lockstep-testing--01');
    expect(roleStackName('testing', 31)).toBe('Lockstep-testing--32');
    // An environment named "testing-01" is accepted, and its stack must not be a role stack of "testing".
    const env = resolved(configWith((c) => { c.environments['testing-01'] = { account: '222222222222', region: 'us-west-2' }; }));
    expect(env.environments.map((e) => e.stackName)).toEqual([environmentStackName('testing'), 'Lockstep-testing-01']);
    expect(env.environments.map((e) => e.stackName)).not.toContain(roleStackName('testing', 0));
  });

  test('counts a role\'s resources by its profile', () => {
    expect(roleResources({ permissions: undefined })).toBe(1);
    expect(roleResources({ permissions: 'sam-lambda-testing' })).toBe(5);
  });

  test('defaults to 100 role stacks', () => {
    expect(resolved(dedicatedRoles(1)).environments[0].roleStacks).toBe(DEFAULT_ROLE_STACKS);
    expect(resolved(dedicatedRoles(1, 3)).environments[0].roleStacks).toBe(3);
  });

  test.each([0, 1.5, 1000, -2])('refuses roleStacks %p, naming the range', (value) => {
    expectIssue(dedicatedRoles(1, value), 'environments.testing.roleStacks', new RegExp(`^${value} is not a number of role stacks; expected a whole number from 1 to 999`));
  });

  test('refuses a config whose fullest stack would pass the budget, and names a roleStacks that resolves', () => {
    // 100 dedicated roles × 5 resources = 500 over 1 stack.
    const config = dedicatedRoles(100, 1);
    expectIssue(config, 'environments.testing.roleStacks', /^1 role stacks can't hold the environment's 100 roles: Lockstep-testing--01 would get 500 resources, over the budget of 400 \(CloudFormation allows 500\); set it to \d+; a change moves/);
    const result = resolve(config);
    const suggested = Number(/set it to (\d+)/.exec(result.ok ? '' : result.issues[0].message)![1]);
    expect(suggested).toBeGreaterThan(1);
    const fixed = resolved(dedicatedRoles(100, suggested));
    expect(fixed.environments[0].roleStacks).toBe(suggested);
  });

  test('holds 30 dedicated roles in one stack, refuses 31: the template would pass its byte budget before the resource budget', () => {
    expect(30 * roleTemplateBytes({ permissions: 'sam-lambda-testing', repos: ['a'] })).toBeLessThanOrEqual(STACK_TEMPLATE_BUDGET);
    expect(31 * 5).toBeLessThan(STACK_RESOURCE_BUDGET);
    expect(resolved(dedicatedRoles(30, 1)).roles).toHaveLength(30);
    expectIssue(dedicatedRoles(31, 1), 'environments.testing.roleStacks', /would get a template of about 914500 bytes, over the budget of 900000 \(CloudFormation allows 1 MB\); set it to \d+/);
  });
});

import { resolve } from '../../src/config/resolve';
