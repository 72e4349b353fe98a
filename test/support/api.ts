import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { paths as documented } from '../../web/src/api/schema';

/**
 * The API's paths as the tests call them: the keys of the OpenAPI document's `paths` (the same
 * generated types the web application uses, web/src/api/schema.d.ts) without the `/api/v1`
 * prefix, which the client adds once.
 */
export type ApiPaths = {
  [K in keyof documented as K extends `/api/v1${infer Rest}` ? Rest : never]: documented[K];
};

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The operation a path has for a method (`never` when the document has none). */
type Operation<P extends keyof ApiPaths, M extends Method> = NonNullable<ApiPaths[P][M]>;

/** The paths that have an operation for this method. */
export type PathOf<M extends Method> = {
  [P in keyof ApiPaths]: [Operation<P, M>] extends [never] ? never : P;
}[keyof ApiPaths];

type Parameters<O, Where extends 'path' | 'query'> = O extends { parameters: infer Ps }
  ? Ps extends Record<Where, unknown>
    ? NonNullable<Ps[Where]>
    : Ps extends Partial<Record<Where, infer X>>
      ? NonNullable<X>
      : never
  : never;

type JsonBody<O> = O extends { requestBody?: infer B }
  ? NonNullable<B> extends { content: { 'application/json': infer J } }
    ? J
    : never
  : never;

/** The JSON body an operation takes: `RequestBody<'/seasons', 'post'>` types a test's body builder. */
export type RequestBody<P extends PathOf<M>, M extends Method> = JsonBody<Operation<P, M>>;

/** The body of an operation's 2xx answer, as the client types it. */
export type ResponseBody<P extends PathOf<M>, M extends Method> = Ok<Operation<P, M>>;

/** A value as it goes on the query string (the server parses it: tests send odd ones on purpose). */
type QueryValue = string | number | boolean;

type Success = 200 | 201 | 202 | 204;

type Content<R> = R extends { content: infer C }
  ? C extends Record<string, infer T>
    ? T
    : never
  : R extends { content?: never }
    ? undefined
    : never;

/** The body of the operation's 2xx answer: its JSON type, `string` for CSV, PDF, HTML, iCalendar. */
type Ok<O> = O extends { responses: infer Rs }
  ? {
      [S in keyof Rs & Success]: Content<Rs[S]>;
    }[keyof Rs & Success]
  : never;

/**
 * What a test reads of an answer that is not a success: the error body of the API's filters.
 * It is part of every body's type because one call is asserted either way.
 */
export interface ErrorBody {
  statusCode?: number;
  message?: string | string[];
  error?: string;
}

/** A typed body where the document has one; any (the raw reply) where it documents none. */
type Answer<T> = [T] extends [never] ? any : [T] extends [undefined] ? any : T & ErrorBody;

/**
 * A body, parameter or query a test sends wrong on purpose (a bad value, a missing field, an
 * unknown key): `{ body: { quantity: -1 } as Invalid }`. Spelled out so a reader sees it is meant.
 */
export type Invalid = never;

type Init<O> = ([Parameters<O, 'path'>] extends [never]
  ? { params?: never }
  : { params: { [K in keyof Parameters<O, 'path'>]: string } }) & {
  query?: [Parameters<O, 'query'>] extends [never]
    ? never
    : { [K in keyof Parameters<O, 'query'>]?: QueryValue | undefined };
  body?: [JsonBody<O>] extends [never] ? never : JsonBody<O>;
  headers?: Record<string, string>;
};

type InitArgs<O> = [Parameters<O, 'path'>] extends [never] ? [init?: Init<O>] : [init: Init<O>];

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export const API_PREFIX = '/api/v1';

/** The URL of a documented path: `{name}` replaced by its parameter (as given), the query appended. */
export function apiUrl(
  path: keyof ApiPaths,
  params: Record<string, string> = {},
  query: Record<string, QueryValue | undefined> = {},
): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`${path}: no value for {${name}}`);
    return params[name];
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) search.append(key, String(value));
  }
  const text = search.toString();
  return `${API_PREFIX}${filled}${text ? `?${text}` : ''}`;
}

/**
 * The tests' client of the API, over Fastify's inject (no socket):
 * `api.as(token).post('/seasons/{id}/offers', { params: { id }, body })`. Paths, parameters,
 * bodies and answers are typed from the OpenAPI document; `request()` takes a raw URL for what
 * the document does not describe (`/docs-json`, the web pages, routes that must not exist).
 */
export class Api {
  constructor(
    readonly app: NestFastifyApplication,
    private readonly token?: string,
  ) {}

  as(token: string): Api {
    return new Api(this.app, token);
  }

  anonymous(): Api {
    return new Api(this.app);
  }

  get<P extends PathOf<'get'>>(path: P, ...init: InitArgs<Operation<P, 'get'>>) {
    return this.call<Answer<Ok<Operation<P, 'get'>>>>('GET', path, init[0]);
  }
  post<P extends PathOf<'post'>>(path: P, ...init: InitArgs<Operation<P, 'post'>>) {
    return this.call<Answer<Ok<Operation<P, 'post'>>>>('POST', path, init[0], {});
  }
  put<P extends PathOf<'put'>>(path: P, ...init: InitArgs<Operation<P, 'put'>>) {
    return this.call<Answer<Ok<Operation<P, 'put'>>>>('PUT', path, init[0], {});
  }
  patch<P extends PathOf<'patch'>>(path: P, ...init: InitArgs<Operation<P, 'patch'>>) {
    return this.call<Answer<Ok<Operation<P, 'patch'>>>>('PATCH', path, init[0], {});
  }
  delete<P extends PathOf<'delete'>>(path: P, ...init: InitArgs<Operation<P, 'delete'>>) {
    return this.call<Answer<Ok<Operation<P, 'delete'>>>>('DELETE', path, init[0]);
  }

  private call<T>(
    method: string,
    path: string,
    init: { params?: object; query?: object; body?: unknown; headers?: Record<string, string> } = {},
    emptyBody?: object,
  ): Promise<Reply<T>> {
    const url = apiUrl(
      path as keyof ApiPaths,
      init.params as Record<string, string>,
      init.query as Record<string, QueryValue>,
    );
    return this.request<T>(method, url, init.body ?? emptyBody, init.headers);
  }

  /** A request to a raw URL: a JSON body is serialised, a string one sent as it is. */
  async request<T = any>(
    method: string,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const response = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: method as 'GET',
        url,
        payload:
          payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload),
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...headers,
        },
      });
    let body: unknown = response.body;
    try {
      body = JSON.parse(response.body);
    } catch {
      // not JSON (CSV, PDF, HTML): the raw text stays in body
    }
    return {
      status: response.statusCode,
      body: body as T,
      headers: response.headers as Reply['headers'],
      text: response.body,
    };
  }
}
