import type { paths as generated } from './schema';
import type { PendingPaths } from './pending';

/** The API's paths as the client calls them: without the `/api/v1` prefix (its base URL). */
type Unprefixed<P> = { [K in keyof P as K extends `/api/v1${infer Rest}` ? Rest : never]: P[K] };

/**
 * Headers the server documents (the User-Agent it records with a session) are the browser's
 * to send, not the application's: no call names them.
 */
type BrowserHeaders<Operation> = Operation extends { parameters: infer Parameters }
  ? Omit<Operation, 'parameters'> & { parameters: Omit<Parameters, 'header'> & { header?: never } }
  : Operation;
type WithBrowserHeaders<Item> = { [M in keyof Item]: BrowserHeaders<Item[M]> };

/** The methods a generated path item does not have (`patch?: never`). */
type Missing<Item> = {
  [M in keyof Item]-?: [Exclude<Item[M], undefined>] extends [never] ? M : never;
}[keyof Item];

/** A generated path item, with the pending methods it does not have yet. */
type Completed<Item, Pending> = Omit<Item, keyof Pending & Missing<Item>> &
  Pick<Pending, keyof Pending & Missing<Item>>;

type Generated = { [K in keyof Unprefixed<generated>]: WithBrowserHeaders<Unprefixed<generated>[K]> };

export type paths = {
  [K in keyof Generated]: K extends keyof PendingPaths
    ? Completed<Generated[K], PendingPaths[K]>
    : Generated[K];
} & Omit<PendingPaths, keyof Generated>;
