import { environmentStackName, repoStackPrefix, sanitizeForStackName } from '../../src/config/stack-names';

describe('stack names', () => {
  test('names an environment stack Lockstep-<env>', () => {
    expect(environmentStackName('testing')).toBe('Lockstep-testing');
    expect(environmentStackName('eu_prod.1')).toBe('Lockstep-eu-prod-1');
  });

  test('prefixes a repository\'s test stacks with lockstep-<repo>-, lowercase', () => {
    expect(repoStackPrefix('python-sdk')).toBe('lockstep-python-sdk--');
    expect(repoStackPrefix('My.App_x')).toBe('lockstep-my-app-x--');
  });

  test('sanitizes to letters, digits and single inner hyphens', () => {
    expect(sanitizeForStackName('.a..b__c-')).toBe('a-b-c');
  });
});
