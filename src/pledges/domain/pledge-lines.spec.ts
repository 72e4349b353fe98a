import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { firstDuplicate, unknownOffers } from './pledge-lines';

describe('firstDuplicate', () => {
  it('finds the second occurrence', () => {
    expect(firstDuplicate(['a', 'b', 'c', 'b', 'a'])).toBe(3);
    expect(firstDuplicate(['a', 'b'])).toBe(-1);
    expect(firstDuplicate([])).toBe(-1);
  });

  it('is -1 exactly when all keys differ', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 2 }), { maxLength: 30 }), (keys) => {
        const index = firstDuplicate(keys);
        expect(index === -1).toBe(new Set(keys).size === keys.length);
        if (index >= 0) {
          expect(keys.slice(0, index)).toContain(keys[index]);
          expect(new Set(keys.slice(0, index)).size).toBe(index);
        }
      }),
      fcParameters(),
    );
  });
});

describe('unknownOffers', () => {
  it('lists the lines naming an offer not known', () => {
    expect(unknownOffers(['a', 'x', 'b', 'y'], ['a', 'b'])).toEqual([1, 3]);
    expect(unknownOffers(['a'], ['a'])).toEqual([]);
  });
});
