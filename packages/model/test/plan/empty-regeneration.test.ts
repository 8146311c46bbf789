import { emptyRegenerationProblem } from '../../src';

const generated = ['apps/repos/python-sdk', 'apps/infra/templates/Lockstep-testing.template.json'];

describe('emptyRegenerationProblem', () => {
  test('stops an empty repos that would remove generated files, naming them and the flag', () => {
    expect(emptyRegenerationProblem({ repos: {} }, generated)).toBe(
      'repos: empty, so regenerating would remove every generated workflow and stack (apps/repos/python-sdk, '
      + 'apps/infra/templates/Lockstep-testing.template.json); if no repository is onboarded on purpose, add '
      + 'noRepositories: true to lockstep.config.ts, otherwise restore repos',
    );
  });

  test('lists at most ten paths, and how many more', () => {
    const many = Array.from({ length: 13 }, (_, i) => `apps/repos/r${i}`);
    expect(emptyRegenerationProblem({ repos: {} }, many)).toMatch(/apps\/repos\/r9, and 3 more\)/);
  });

  test('lets an empty repos through when it says noRepositories: true', () => {
    expect(emptyRegenerationProblem({ repos: {}, noRepositories: true }, generated)).toBeUndefined();
  });

  test('lets an empty repos through when nothing generated exists yet (a new workspace)', () => {
    expect(emptyRegenerationProblem({ repos: {} }, [])).toBeUndefined();
  });

  test('refuses noRepositories: true next to repositories', () => {
    expect(emptyRegenerationProblem({ repos: { app: { role: 'r' } }, noRepositories: true }, generated)).toBe(
      'noRepositories: true, but repos lists "app"; remove one or the other',
    );
  });

  test('has nothing to say of a config with repositories', () => {
    expect(emptyRegenerationProblem({ repos: { app: { role: 'r' } } }, generated)).toBeUndefined();
  });
});
