import type { FastifyInstance } from 'fastify';

/** Deeper than any body the API takes (a charter's price floors sit at depth 4). */
export const MAX_JSON_DEPTH = 20;

// A UTF-16 surrogate without its pair: not a character at all. validator.js's isEmail and
// others call encodeURI on the value, which throws on one (a 500 again).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function stringProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (it holds an unpaired surrogate)';
  return undefined;
}

/**
 * What is wrong with a parsed JSON body or query, if anything: nesting deeper than `maxDepth`
 * (class-transformer and class-validator recurse, so a body nested thousands deep would exhaust
 * the stack and answer 500), a NUL character in a key or a string, which PostgreSQL refuses in
 * `text` and `jsonb`, or an unpaired surrogate. Walks iteratively, never recursing.
 */
export function findJsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: node, path, depth } = stack.pop()!;
    if (typeof node === 'string') {
      const problem = stringProblem(node);
      if (problem) return `${path || 'body'}: ${problem}`;
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) return `${path || 'body'}: nested deeper than ${maxDepth} levels`;
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(node)) {
      const itemPath = path ? `${path}.${key}` : key;
      const problem = stringProblem(key);
      if (problem) return `${path || 'body'}: a field name ${problem}`;
      stack.push({ value: item, path: itemPath, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Every body the API takes is a JSON object. An array or a bare value would reach the DTO's
 * rules as if it were one and come back as "property 0 should not exist" and the like.
 */
export function bodyShapeProblem(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined; // no body: the DTO's rules name what is missing
  if (typeof body !== 'object' || Array.isArray(body)) return 'body: must be a JSON object';
  return undefined;
}

/**
 * Rejects, before any route sees them, request bodies and query strings that no endpoint takes
 * and that would otherwise fail deep inside (see findJsonProblem), and bodies that are not
 * JSON objects: 400 naming the field.
 */
export function registerBodyGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request, reply) => {
    const problem =
      bodyShapeProblem(request.body) ?? findJsonProblem(request.query) ?? findJsonProblem(request.body);
    if (problem) {
      await reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: problem });
    }
  });
}
