// A repository's namesakes: other roles' repositories in its environment whose functions' generated names
// start with, and go on past, its own name family. Only names scope the log groups Lambda creates, so the
// role's log permissions deny those families (plan/sam-testing-profile.ts).
import type { LockstepConfig } from '../../../src/config/config';
import { generatedNamePrefix, repoStackPrefix } from '../../../src/config/stack-names';
import { resolved } from '../../support/configs';

const tests = { testCommand: 'pytest', on: { pullRequest: true } };

/** Each repository on a dedicated `sam-lambda-testing` role, in `testing` unless `staging` is given. */
function config(repos: Record<string, 'testing' | 'staging' | { shares: string }>): LockstepConfig {
  const roleOf = (name: string) => {
    const where = repos[name];
    return typeof where === 'object' ? `Role-${where.shares}` : `Role-${name}`;
  };
  return {
    github: { owner: 'acme' },
    environments: { testing: { account: '111111111111', region: 'us-west-2' }, staging: { account: '222222222222', region: 'us-west-2' } },
    providers: { testing: 'import', staging: 'import' },
    roles: Object.fromEntries(
      Object.entries(repos)
        .filter(([, where]) => typeof where === 'string')
        .map(([name, where]) => [`Role-${name}`, { environment: where as string, permissions: 'sam-lambda-testing' as const }]),
    ),
    repos: Object.fromEntries(Object.keys(repos).map((name) => [name, { role: roleOf(name), lambdaTests: tests }])),
  };
}

const namesakesOf = (c: LockstepConfig, role: string) => resolved(c).roles.find((r) => r.name === role)!.samTesting!.namesakes;

test('a repository whose functions are named like another role\'s, and longer, is that role\'s namesake; not the other way round', () => {
  const c = config({ 'python-sdk': 'testing', 'python-sdk-ext': 'testing', 'python-sdk-2': 'testing', 'go-sdk': 'testing' });
  expect(namesakesOf(c, 'Role-python-sdk')).toEqual(['python-sdk-2', 'python-sdk-ext']);
  expect(namesakesOf(c, 'Role-python-sdk-ext')).toBeUndefined();
  expect(namesakesOf(c, 'Role-go-sdk')).toBeUndefined();
  // What the deny names: the namesake's own family, which python-sdk's names (the family, then the run id) never start with.
  expect(generatedNamePrefix(repoStackPrefix('python-sdk-ext'))).toBe('lockstep-python-sdk-ext-');
  expect(`${generatedNamePrefix(repoStackPrefix('python-sdk'))}12345678901-1-`.startsWith(generatedNamePrefix(repoStackPrefix('python-sdk-2')))).toBe(false);
});

test('only in the same environment, and only on another role', () => {
  expect(namesakesOf(config({ 'python-sdk': 'testing', 'python-sdk-ext': 'staging' }), 'Role-python-sdk')).toBeUndefined();
  expect(namesakesOf(config({ 'python-sdk': 'testing', 'python-sdk-ext': { shares: 'python-sdk' } }), 'Role-python-sdk')).toBeUndefined();
});

test('long names with 16 characters and more in common are no namesakes: their families differ by the hash of the whole name', () => {
  const long = config({ 'honeyhive-python-sdk': 'testing', 'honeyhive-python-utils': 'testing', 'python-sdk': 'testing', 'python-sdk-extras': 'testing' });
  const families = ['honeyhive-python-sdk', 'honeyhive-python-utils'].map((r) => generatedNamePrefix(repoStackPrefix(r)));
  expect(families[0]).not.toBe(families[1]);
  expect(families[0].startsWith(families[1]) || families[1].startsWith(families[0])).toBe(false);
  for (const role of ['Role-honeyhive-python-sdk', 'Role-honeyhive-python-utils', 'Role-python-sdk']) expect(namesakesOf(long, role)).toBeUndefined();
});
