import { shortHash } from '../../src/basics/short-hash';

describe('shortHash', () => {
  test('is 8 uppercase hex digits, the same for the same text', () => {
    expect(shortHash('abc')).toMatch(/^[0-9A-F]{8}$/);
    expect(shortHash('abc')).toBe(shortHash('abc'));
  });

  test('differs for texts that differ in one character', () => {
    expect(shortHash('a-b')).not.toBe(shortHash('ab'));
  });
});
