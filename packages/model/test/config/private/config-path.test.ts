import { configPath } from '../../../src/config/private/config-path';

describe('configPath', () => {
  test('joins keys with dots and list indices with brackets', () => {
    expect(configPath('repos', 'python-sdk', 'lambdaTests', 'on', 'push', 'branches', 0)).toBe('repos.python-sdk.lambdaTests.on.push.branches[0]');
  });

  test('quotes keys that would read ambiguously', () => {
    expect(configPath('repos', 'my.app', 'role')).toBe('repos["my.app"].role');
    expect(configPath('environments', 'my env')).toBe('environments["my env"]');
    expect(configPath('repos', '')).toBe('repos[""]');
  });

  test('is empty for the whole config', () => {
    expect(configPath()).toBe('');
  });
});
