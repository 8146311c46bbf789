import { closestChoice, didYouMean } from '../../../src/config/private/suggest';

describe('closestChoice', () => {
  test('finds the same name written in another case or with - and _', () => {
    expect(closestChoice('pull_request', ['pullRequest', 'push'])).toBe('pullRequest');
    expect(closestChoice('Terraform', ['lockstep', 'terraform'])).toBe('terraform');
  });

  test('finds a name within two edits', () => {
    expect(closestChoice('permission', ['permissions', 'path'])).toBe('permissions');
  });

  test('finds nothing when no name is close', () => {
    expect(closestChoice('xyz', ['permissions', 'path'])).toBeUndefined();
  });

  test('finds the name a shorter or longer one is cut from, when only one fits', () => {
    expect(closestChoice('test', ['prod', 'testing'])).toBe('testing');
    expect(closestChoice('production-eu', ['production', 'staging'])).toBe('production');
    expect(closestChoice('test', ['testing', 'tests-eu'])).toBeUndefined();
  });

  test('needs three letters on both sides to find a name by its start', () => {
    expect(closestChoice('te', ['testing'])).toBeUndefined();
    expect(closestChoice('qa-east', ['qa', 'production'])).toBeUndefined();
  });

  test('prefers one edit to a name cut short, and a name cut short to two edits', () => {
    expect(closestChoice('stag', ['staging', 'stage'])).toBe('stage');
    expect(closestChoice('test', ['east', 'testing'])).toBe('testing');
    expect(closestChoice('tst', ['east'])).toBe('east');
  });
});

describe('didYouMean', () => {
  test('says nothing when the input is itself a choice', () => {
    expect(didYouMean('path', ['path'])).toBe('');
  });
});
