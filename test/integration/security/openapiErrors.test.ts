// Every route in the OpenAPI document survives a malformed body: a 4xx whose body fits
// the route's own declared schema for that status (else the common error shape), never a
// 500 because the error reply does not fit its schema, and its message starts in Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';

interface Operation {
  requestBody?: unknown;
  responses?: Record<string, { content?: Record<string, { schema?: object }> }>;
}

const commonError = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' } },
};

describe('every route answers a malformed body with a schema-valid 4xx', () => {
  let s: LessonServer;
  let paths: Record<string, Record<string, Operation>>;
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });

  beforeAll(async () => {
    s = await startLessonServer({ httpRequestsPerMinute: 1_000_000 });
    paths = ((await (await s.api('/api/docs/json')).json()) as { paths: typeof paths }).paths;
  });
  afterAll(() => s?.close());

  const bodies: [string, string, string][] = [
    ['broken JSON', '{"a": ', 'application/json'],
    [
      'wrong shape',
      JSON.stringify({ __unexpected: [1, { deep: null }], x: 'y'.repeat(300) }),
      'application/json',
    ],
    ['not an object', '"just a string"', 'application/json'],
    ['a form, not JSON', 'a=1&b=2', 'application/x-www-form-urlencoded'],
  ];

  it('holds for each route, each malformed body', async () => {
    const failures: string[] = [];
    let tried = 0;
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!['post', 'put', 'patch'].includes(method)) continue;
        const url = path.replace(/\{[^}]+\}/g, 'ruian-p-18');
        for (const [what, body, type] of bodies) {
          tried += 1;
          const res = await s.api(url, {
            method: method.toUpperCase(),
            token: s.tokens.coordinator,
            headers: { 'content-type': type },
            body,
          });
          const text = await res.text();
          const where = `${method.toUpperCase()} ${path} (${what}) → ${res.status} ${text.slice(0, 160)}`;
          // A route that takes no body ignores one; a route with a body must refuse it.
          const ignored = !op.requestBody && res.status < 300;
          if (ignored) continue;
          if (res.status < 400 || res.status >= 500) {
            failures.push(where);
            continue;
          }
          const declared =
            op.responses?.[String(res.status)]?.content?.['application/json']?.schema;
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            failures.push(`${where}: not JSON`);
            continue;
          }
          if (!ajv.validate(declared ?? commonError, parsed)) {
            failures.push(`${where}: ${ajv.errorsText()}`);
          }
          // People read it: Chinese first, whoever wrote the refusal.
          const message = (parsed as { message?: unknown }).message;
          if (typeof message === 'string' && !/^[^A-Za-z]*[\u3400-\u9fff]/.test(message)) {
            failures.push(`${where}: message does not start in Chinese`);
          }
        }
      }
    }
    expect(tried).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  });
});
