import type { paths } from '../../src/api/paths';

/**
 * The URL of an API path as the OpenAPI document names it (the web app's `paths`, without the
 * `/api/v1` prefix), its `{name}` parameters filled in: `apiPath('/cycles/{id}', { id })`.
 */
export function apiPath(path: keyof paths, params: Record<string, string> = {}): string {
  return `/api/v1${path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`${path}: no value for {${name}}`);
    return params[name];
  })}`;
}
