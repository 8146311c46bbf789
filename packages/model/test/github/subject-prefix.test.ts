import { encodeSubjectPart, subjectPrefixes } from '../../src/github/subject-prefix';

describe('subjectPrefixes', () => {
  const who = { owner: 'honeyhiveai', ownerId: '111', repo: 'python-sdk', repoId: '222' };

  test('writes the legacy prefix by name', () => {
    expect(subjectPrefixes(who, 'legacy')).toEqual(['repo:honeyhiveai/python-sdk:']);
  });

  test('writes the immutable prefix with both ids', () => {
    expect(subjectPrefixes(who, 'immutable')).toEqual(['repo:honeyhiveai@111/python-sdk@222:']);
  });

  test('writes both while migrating, legacy first', () => {
    expect(subjectPrefixes(who, 'both')).toEqual(['repo:honeyhiveai/python-sdk:', 'repo:honeyhiveai@111/python-sdk@222:']);
  });
});

describe('encodeSubjectPart', () => {
  test('encodes every ":" as %3A', () => {
    expect(encodeSubjectPart('Production:V1:b')).toBe('Production%3AV1%3Ab');
  });

  test('leaves other characters alone', () => {
    expect(encodeSubjectPart('prod-eu/1')).toBe('prod-eu/1');
  });
});
