import { dictionary } from '@zxcvbn-ts/language-common';

let common: ReadonlySet<string> | undefined;

/**
 * The most common passwords, lowercased: the `passwords-common` list of
 * @zxcvbn-ts/language-common (MIT; about 49,000 passwords ranked from public breach corpora,
 * the list zxcvbn's strength estimator uses). Loaded once, on first use.
 */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()));
  return common;
}
