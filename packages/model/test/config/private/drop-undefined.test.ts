import { dropUndefined } from '../../../src/config/private/drop-undefined';

describe('dropUndefined', () => {
  test('removes undefined properties at every depth and keeps everything else', () => {
    expect(dropUndefined({ a: undefined, b: [{ c: undefined, d: 0 }], e: null, f: '' })).toStrictEqual({ b: [{ d: 0 }], e: null, f: '' });
  });
});
