import { Api } from './api';
import { type TestApp } from './test-app';

/** The parts of the OpenAPI document (/docs-json) the tests look at. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

/** The app's OpenAPI document, as anyone may fetch it. */
export async function openApiDocument(t: TestApp): Promise<OpenApiDocument> {
  const reply = await new Api(t.app).anonymous().request('GET', '/docs-json');
  if (reply.status !== 200) throw new Error(`/docs-json answered ${reply.status}`);
  return reply.body;
}
