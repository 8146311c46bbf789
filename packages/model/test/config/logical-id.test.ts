import { roleLogicalId } from '../../src/config/logical-id';

describe('roleLogicalId', () => {
  test('keeps the letters and digits of the name and adds a hash', () => {
    expect(roleLogicalId('GitHubActionsOIDCRole-PythonSDK')).toMatch(/^RoleGitHubActionsOIDCRolePythonSDK[0-9A-F]{8}$/);
  });

  test('gives names that differ only in punctuation different ids', () => {
    expect(roleLogicalId('a-b')).not.toBe(roleLogicalId('ab'));
    expect(roleLogicalId('a.b')).not.toBe(roleLogicalId('a_b'));
  });

  test('gives the same name the same id every time', () => {
    expect(roleLogicalId('GitHubActionsOIDCRole-PythonSDK')).toBe('RoleGitHubActionsOIDCRolePythonSDK7FC4486B');
  });

  test('is alphanumeric even for a name of symbols', () => {
    expect(roleLogicalId('+=,.@')).toMatch(/^Role[0-9A-F]{8}$/);
  });
});
