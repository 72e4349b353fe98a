import type { paths as generated } from './schema';
import type { PendingPaths } from './pending';

/** The API's paths as the client calls them: without the `/api/v1` prefix (its base URL). */
type Unprefixed<P> = { [K in keyof P as K extends `/api/v1${infer Rest}` ? Rest : never]: P[K] };

export type paths = Unprefixed<generated> & Omit<PendingPaths, keyof Unprefixed<generated>>;
