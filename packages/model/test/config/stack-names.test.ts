import {
  environmentStackName,
  generatedNamePrefix,
  GUARANTEED_STACK_NAME_PART,
  repoStackPrefix,
  sanitizeForStackName,
  TEST_NAME_FAMILY,
  WHOLE_NAME_LIMIT,
} from '../../src/config/stack-names';

describe('stack names', () => {
  test('names an environment stack Lockstep-<env>', () => {
    expect(environmentStackName('testing')).toBe('Lockstep-testing');
    expect(environmentStackName('eu_prod.1')).toBe('Lockstep-eu-prod-1');
  });

  test('prefixes a repository\'s test stacks with lockstep-<repo>-, lowercase', () => {
    expect(repoStackPrefix('python-sdk')).toBe('lockstep-python-sdk--');
    expect(repoStackPrefix('My.App_x')).toBe('lockstep-my-app-x--');
  });

  test('a name longer than CloudFormation keeps in generated names: its first characters and a hash of all of it', () => {
    expect(repoStackPrefix('platform-service-billing')).toBe('lockstep-platfo-4b35ff22--');
    expect(repoStackPrefix('Platform_Service.Billing')).toBe('lockstep-platfo-4b35ff22--'); // the same sanitized name
    expect(repoStackPrefix('honeyhive-python')).toBe('lockstep-honeyh-ae99db6f--'); // 16 characters
    // Every name CloudFormation generates in a test stack keeps the whole family, hash included, so two
    // repositories' families differ unless their hashes collide (then their stack prefixes collide too: refused).
    for (const repo of ['platform-service-auth', 'platform-service-billing', 'abcdefghijklmnop', 'abcde-ghijklmnopq', 'a'.repeat(100)]) {
      const family = generatedNamePrefix(repoStackPrefix(repo));
      expect(repoStackPrefix(repo).startsWith(family)).toBe(true);
      expect(family.length).toBeLessThanOrEqual(GUARANTEED_STACK_NAME_PART);
      expect(family).toMatch(/^lockstep-[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{8}-$/);
    }
    expect(generatedNamePrefix(repoStackPrefix('platform-service-auth'))).not.toBe(generatedNamePrefix(repoStackPrefix('platform-service-billing')));
    // 15 characters: still whole, and the family keeps it.
    expect(repoStackPrefix('abcdefghijklmno')).toBe('lockstep-abcdefghijklmno--');
    expect(generatedNamePrefix(repoStackPrefix('abcdefghijklmno'))).toBe('lockstep-abcdefghijklmno-');
    expect(TEST_NAME_FAMILY.length + WHOLE_NAME_LIMIT + 1).toBe(GUARANTEED_STACK_NAME_PART);
  });

  test('sanitizes to letters, digits and single inner hyphens', () => {
    expect(sanitizeForStackName('.a..b__c-')).toBe('a-b-c');
  });
});
