export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * Why a new password is refused, or null: at least PASSWORD_MIN_LENGTH characters (counted as
 * code points, so "é" or an Arabic letter is one), at most PASSWORD_MAX_LENGTH, and not one of
 * the `common` passwords (compared without case), nor the account's own email.
 */
export function passwordProblem(
  password: string,
  common: ReadonlySet<string>,
  email?: string,
): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  const folded = password.toLowerCase();
  if (common.has(folded)) return 'is one of the most common passwords; choose another';
  if (email && (folded === email.toLowerCase() || folded === email.split('@')[0].toLowerCase())) {
    return 'must not be the email address';
  }
  return null;
}
