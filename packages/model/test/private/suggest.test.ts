import { closestChoice, didYouMean } from '../../src/private/suggest';

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
});

describe('didYouMean', () => {
  test('says nothing when the input is itself a choice', () => {
    expect(didYouMean('path', ['path'])).toBe('');
  });
});
