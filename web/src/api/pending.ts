/**
 * Endpoints of the product contract that the server of this branch does not serve yet, typed
 * here from the contract until the generated schema has them (they leave this file as soon as
 * `npm run api:types` finds them; `paths` prefers the generated ones). None at the moment.
 */
export type PendingPaths = Record<never, never>;
