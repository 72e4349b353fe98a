import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { bodyShapeProblem, findJsonProblem, MAX_JSON_DEPTH } from './body-guard';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('findJsonProblem', () => {
  it('accepts ordinary bodies, unicode included', () => {
    expect(
      findJsonProblem({ lines: [{ offerId: 'x', quantity: 1 }], name: 'مرحبا 😀 \u202E' }),
    ).toBeUndefined();
    expect(findJsonProblem(undefined)).toBeUndefined();
    expect(findJsonProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
  });

  it('names the field holding a NUL character, in a value or in a key', () => {
    expect(findJsonProblem({ lines: [{ offerId: 'a\u0000b' }] })).toBe(
      'lines[0].offerId: must not contain the NUL character (\\u0000)',
    );
    expect(findJsonProblem({ rules: { 'x\u0000': 1 } })).toBe(
      'rules: a field name must not contain the NUL character (\\u0000)',
    );
    expect(findJsonProblem('\u0000')).toBe('body: must not contain the NUL character (\\u0000)');
  });

  it('names the field holding an unpaired surrogate, and accepts paired ones', () => {
    expect(findJsonProblem({ email: '\ud800' })).toBe(
      'email: must be valid Unicode (it holds an unpaired surrogate)',
    );
    expect(findJsonProblem({ name: 'a\udc00b' })).toMatch(/^name: must be valid Unicode/);
    expect(findJsonProblem({ name: '\ud83d\ude00' })).toBeUndefined();
  });

  it('refuses nesting deeper than the limit without running out of stack', () => {
    expect(findJsonProblem(nested(MAX_JSON_DEPTH + 1))).toMatch(/nested deeper than 20 levels/);
    expect(findJsonProblem(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toMatch(
      /nested deeper/,
    );
  });

  it('finds a NUL wherever it is hidden in any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const text = JSON.stringify(value);
        const problem = findJsonProblem(value, 1000);
        expect(problem !== undefined).toBe(text.includes('\\u0000') || /\\ud[89a-f]/.test(text));
      }),
      fcParameters(),
    );
  });
});

describe('bodyShapeProblem', () => {
  it('takes a JSON object, or no body at all', () => {
    for (const body of [{}, { lines: [] }, undefined, null]) expect(bodyShapeProblem(body)).toBeUndefined();
  });

  it('refuses an array or a bare value, naming the body', () => {
    for (const body of [[], [1, 2], [{ lines: [] }], 'lines', 3, true]) {
      expect(bodyShapeProblem(body)).toBe('body: must be a JSON object');
    }
  });
});
