import { formatIssues } from '../../src/config/config-issue';

describe('formatIssues', () => {
  test('writes one issue per line as path: message', () => {
    expect(formatIssues([
      { path: 'github.owner', message: '"-a" is not a GitHub owner name' },
      { path: 'repos.x.role', message: '"r" is not a configured role' },
    ])).toBe('github.owner: "-a" is not a GitHub owner name\nrepos.x.role: "r" is not a configured role');
  });

  test('writes an issue about the whole config without a path', () => {
    expect(formatIssues([{ path: '', message: 'missing; expected an object' }])).toBe('missing; expected an object');
  });
});
