/** The languages a transport organiser's manifests and emails are written in. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
