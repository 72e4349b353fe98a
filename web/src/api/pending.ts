/**
 * Endpoints of the product contract that the server of this branch does not serve yet: typed
 * here from the contract until the generated schema has them (they leave this file as soon as
 * `npm run api:types` finds them; `paths` prefers the generated ones).
 */
type Json<T> = { content: { 'application/json': T } };
type NoParameters = { query?: never; header?: never; path?: never; cookie?: never };
type Operation<Body, Answer, Path = never, Query = never> = ([Body] extends [never]
  ? { requestBody?: never }
  : { requestBody: Json<Body> }) & {
  parameters: [Path] extends [never]
    ? { query?: Query; header?: never; path?: never; cookie?: never }
    : { query?: Query; header?: never; path: Path; cookie?: never };
  responses: { 200: Json<Answer>; 201: Json<Answer>; 202: Json<Answer>; 204: { content?: never } };
};
type PathItem<Ops> = { parameters: NoParameters } & Ops;

export interface PendingPaths {
  '/cycles/{id}/distribution-list': PathItem<{
    get: Operation<
      never,
      {
        members: {
          memberId: string;
          name: string;
          lines: { offerId: string; quantity: number }[];
        }[];
      },
      { id: string }
    >;
  }>;
}
