import fc from 'fast-check';
import { passwordProblem } from './password-policy';

const COMMON = new Set(['password123', 'qwertyuiop', '1234567890']);

describe('passwordProblem', () => {
  it('accepts a long enough password that is not common', () => {
    expect(passwordProblem('correct horse battery', COMMON)).toBeNull();
  });

  it.each(['short', '123456789', ''])('refuses %j as too short', (password) => {
    expect(passwordProblem(password, COMMON)).toBe('must be at least 10 characters long');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblem('😀😀😀😀😀', COMMON)).toMatch(/at least 10/); // 10 units, 5 characters
    expect(passwordProblem('كلمةسرطويلة', COMMON)).toBeNull(); // 11 Arabic letters
  });

  it('refuses a common password whatever its case', () => {
    expect(passwordProblem('Password123', COMMON)).toMatch(/most common/);
    expect(passwordProblem('QWERTYUIOP', COMMON)).toMatch(/most common/);
  });

  it('refuses the email or its local part', () => {
    expect(passwordProblem('amina.benali', COMMON, 'Amina.Benali@example.org')).toMatch(/email/);
    expect(passwordProblem('amina.benali@example.org', COMMON, 'amina.benali@example.org')).toMatch(/email/);
  });

  it('refuses over 200 characters', () => {
    expect(passwordProblem('x'.repeat(201), COMMON)).toMatch(/at most 200/);
  });

  it('accepts every password of 10 to 200 characters outside the list and unlike the email', () => {
    const seed = 1763800013;
    fc.assert(
      fc.property(fc.string({ minLength: 10, maxLength: 200, unit: 'grapheme-ascii' }), (password) => {
        fc.pre(!COMMON.has(password.toLowerCase()));
        expect(passwordProblem(password, COMMON)).toBeNull();
      }),
      { seed },
    );
  });
});
