import type { paths as generated } from './schema';
import type { PendingPaths } from './pending';

/** The API's paths as the client calls them: without the `/api/v1` prefix (its base URL). */
type Unprefixed<P> = { [K in keyof P as K extends `/api/v1${infer Rest}` ? Rest : never]: P[K] };

type Present<T> = [NonNullable<T>] extends [never] ? false : true;

/** A path both know: each method from the generated schema where it has one, else from the contract. */
type MergeItem<G, P> = {
  [M in keyof G | keyof P]: M extends keyof G
    ? Present<G[M]> extends true
      ? G[M]
      : M extends keyof P
        ? P[M]
        : G[M]
    : M extends keyof P
      ? P[M]
      : never;
};

type Merge<G, P> = {
  [K in keyof G | keyof P]: K extends keyof G
    ? K extends keyof P
      ? MergeItem<G[K], P[K]>
      : G[K]
    : K extends keyof P
      ? P[K]
      : never;
};

export type paths = Merge<Unprefixed<generated>, PendingPaths>;
