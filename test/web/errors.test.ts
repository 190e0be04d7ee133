// The web error mapper: catalogue codes and statuses, JSON or HTML by path and Accept, Fastify errors mapped,
// internals never shown, hostile input escaped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { AtlasError, ERROR_CATALOGUE, type ErrorCode } from '../../src/domain/errors.js';
import { errorBody, prefersJson, toWebError } from '../../src/web/errors.js';
import { buildTestApp, openTestStore, type TestApp } from './web-harness.js';

interface ErrorJson {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** An app with a few extra routes that fail in known ways. */
async function appWithFailingRoutes(): Promise<TestApp & { readonly cleanup: () => Promise<void> }> {
  const { store, cleanup } = await openTestStore();
  const built = await buildTestApp(store);
  const { app } = built;
  app.get('/api/conflict', () => {
    throw new AtlasError('conflict', 'The source is being harvested.', { details: { sourceId: 'src-1' } });
  });
  app.get('/api/crash', () => {
    throw new Error('SQLITE_ERROR: no such table: secret_table_name at /srv/atlas/data/atlas.sqlite');
  });
  app.get('/crash-page', () => {
    throw new TypeError('Cannot read properties of undefined (reading "password")');
  });
  app.get('/api/not-mine', () => {
    throw new AtlasError('not_found', 'No source with id "src-9".');
  });
  app.get(
    '/api/things',
    {
      schema: {
        querystring: Type.Object({
          q: Type.String({ minLength: 1 }),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
      },
    },
    () => ({ ok: true }),
  );
  app.post(
    '/api/things',
    { schema: { body: Type.Object({ name: Type.String(), tags: Type.Array(Type.String()) }) } },
    () => ({ ok: true }),
  );
  return {
    ...built,
    cleanup: async () => {
      await app.close();
      await cleanup();
    },
  };
}

void describe('errorBody', () => {
  void it('presents code, message and details, and leaves out details when there are none', () => {
    assert.deepEqual(
      errorBody(new AtlasError('invalid_parameter', 'Bad "limit".', { details: { parameter: 'limit' } })),
      {
        error: { code: 'invalid_parameter', message: 'Bad "limit".', details: { parameter: 'limit' } },
      },
    );
    const bare = errorBody(new AtlasError('not_found', 'Gone.'));
    assert.deepEqual(bare, { error: { code: 'not_found', message: 'Gone.' } });
    assert.equal('details' in bare.error, false);
  });
});

void describe('toWebError', () => {
  void it('keeps AtlasErrors and hides the message of anything else', () => {
    const atlas = new AtlasError('conflict', 'x');
    assert.equal(toWebError(atlas), atlas);
    const hidden = toWebError(new Error('password=hunter2'));
    assert.equal(hidden.code, 'internal_error');
    assert.doesNotMatch(hidden.message, /hunter2/);
    assert.equal(toWebError('a thrown string').code, 'internal_error');
  });
});

void describe('prefersJson', () => {
  const cases: [string | undefined, boolean][] = [
    [undefined, false],
    ['', false],
    ['*/*', false],
    ['application/json', true],
    ['application/json, text/plain, */*', true],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', false],
    ['text/html;q=0.5, application/json', true],
    ['application/json;q=0.4, text/html;q=0.9', false],
    ['application/json;q=0', false],
    ['application/*', true],
    ['text/html, application/json', false],
  ];
  for (const [accept, expected] of cases) {
    void it(`${JSON.stringify(accept)} -> ${expected ? 'JSON' : 'HTML'}`, () => {
      assert.equal(prefersJson(accept), expected);
    });
  }
});

void describe('the web error mapper', () => {
  void it('renders an AtlasError on an API path as JSON with its catalogue status and details', async () => {
    const t = await appWithFailingRoutes();
    try {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/conflict',
        headers: { accept: 'text/html' },
      });
      assert.equal(res.statusCode, 409);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      assert.deepEqual(res.json(), {
        error: {
          code: 'conflict',
          message: 'The source is being harvested.',
          details: { sourceId: 'src-1' },
        },
      });
      assert.equal(res.headers['cache-control'], 'no-store');
    } finally {
      await t.cleanup();
    }
  });

  void it('uses the catalogue status for every code it renders', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    const codes = Object.keys(ERROR_CATALOGUE) as ErrorCode[];
    app.get<{ Params: { code: string } }>('/api/fail/:code', (request) => {
      throw new AtlasError(request.params.code as ErrorCode, `Failing with ${request.params.code}.`);
    });
    try {
      for (const code of codes) {
        const res = await app.inject(`/api/fail/${code}`);
        assert.equal(res.statusCode, ERROR_CATALOGUE[code].httpStatus, code);
        assert.equal(res.json<ErrorJson>().error.code, code);
      }
    } finally {
      await app.close();
      await cleanup();
    }
  });

  void it('renders HTML for a browser and JSON for a client that prefers JSON, on the same page path', async () => {
    const t = await appWithFailingRoutes();
    try {
      const html = await t.app.inject({
        method: 'GET',
        url: '/crash-page',
        headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      });
      assert.equal(html.statusCode, 500);
      assert.match(String(html.headers['content-type']), /^text\/html/);
      assert.match(String(html.headers.vary), /Accept/);
      const json = await t.app.inject({
        method: 'GET',
        url: '/crash-page',
        headers: { accept: 'application/json' },
      });
      assert.equal(json.statusCode, 500);
      assert.equal(json.json<ErrorJson>().error.code, 'internal_error');
      assert.match(String(json.headers.vary), /Accept/);
    } finally {
      await t.cleanup();
    }
  });

  void it('names the offending query parameter of a schema validation failure', async () => {
    const t = await appWithFailingRoutes();
    try {
      const wrongType = await t.app.inject('/api/things?q=maths&limit=lots');
      assert.equal(wrongType.statusCode, 400);
      const body = wrongType.json<ErrorJson>();
      assert.equal(body.error.code, 'invalid_parameter');
      assert.equal(body.error.details?.parameter, 'limit');
      assert.equal(body.error.details?.location, 'querystring');
      assert.match(body.error.message, /"limit"/);

      const tooBig = await t.app.inject('/api/things?q=maths&limit=1000');
      assert.equal(tooBig.json<ErrorJson>().error.details?.parameter, 'limit');

      const missing = await t.app.inject('/api/things');
      const missingBody = missing.json<ErrorJson>();
      assert.equal(missing.statusCode, 400);
      assert.equal(missingBody.error.details?.parameter, 'q');
      assert.match(missingBody.error.message, /"q" is required/);
    } finally {
      await t.cleanup();
    }
  });

  void it('names the offending body field, and maps bad JSON and oversized bodies to invalid_parameter', async () => {
    const t = await appWithFailingRoutes();
    try {
      const wrongField = await t.app.inject({
        method: 'POST',
        url: '/api/things',
        payload: { name: 'x', tags: [1, {}] },
      });
      assert.equal(wrongField.statusCode, 400);
      assert.equal(wrongField.json<ErrorJson>().error.details?.parameter, 'tags.1');
      assert.equal(wrongField.json<ErrorJson>().error.details?.location, 'body');

      const badJson = await t.app.inject({
        method: 'POST',
        url: '/api/things',
        headers: { 'content-type': 'application/json' },
        payload: '{"name": ',
      });
      assert.equal(badJson.statusCode, 400);
      assert.equal(badJson.json<ErrorJson>().error.code, 'invalid_parameter');
      assert.equal(badJson.json<ErrorJson>().error.details?.parameter, 'body');

      const huge = await t.app.inject({
        method: 'POST',
        url: '/api/things',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'x'.repeat(1_100_000), tags: [] }),
      });
      assert.equal(huge.statusCode, 400);
      assert.equal(huge.json<ErrorJson>().error.code, 'invalid_parameter');

      const wrongType = await t.app.inject({
        method: 'POST',
        url: '/api/things',
        headers: { 'content-type': 'application/x-nonsense' },
        payload: 'x',
      });
      assert.equal(wrongType.statusCode, 400);
      assert.equal(wrongType.json<ErrorJson>().error.code, 'invalid_parameter');
    } finally {
      await t.cleanup();
    }
  });

  void it('turns an unexpected exception into a 500 internal_error without its text, and logs it with the request id', async () => {
    const t = await appWithFailingRoutes();
    try {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/crash',
        headers: { 'x-request-id': 'crash-1' },
      });
      assert.equal(res.statusCode, 500);
      const body = res.json<ErrorJson>();
      assert.equal(body.error.code, 'internal_error');
      assert.doesNotMatch(res.body, /SQLITE|secret_table_name|atlas\.sqlite|at \//);
      const logged = t.logs.find((l) => l.level === 50 && l.reqId === 'crash-1');
      assert.ok(logged, 'logged at error level with the request id');
      assert.match(JSON.stringify(logged.err), /secret_table_name/);

      const page = await t.app.inject({ method: 'GET', url: '/crash-page' });
      assert.equal(page.statusCode, 500);
      assert.doesNotMatch(page.body, /password|TypeError/);
    } finally {
      await t.cleanup();
    }
  });

  void it('answers 404 not_found for an unknown path: JSON under /api, HTML elsewhere', async () => {
    const t = await appWithFailingRoutes();
    try {
      const api = await t.app.inject('/api/unknown');
      assert.equal(api.statusCode, 404);
      assert.equal(api.json<ErrorJson>().error.code, 'not_found');
      const page = await t.app.inject('/unknown/page');
      assert.equal(page.statusCode, 404);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      const mine = await t.app.inject('/api/not-mine');
      assert.equal(mine.statusCode, 404);
      assert.equal(mine.json<ErrorJson>().error.message, 'No source with id "src-9".');
    } finally {
      await t.cleanup();
    }
  });

  void it('renders an accessible HTML error page with the message, code, request id and a way home', async () => {
    const t = await appWithFailingRoutes();
    try {
      const res = await t.app.inject({
        method: 'GET',
        url: '/unknown/page',
        headers: { 'x-request-id': 'page-404' },
      });
      const html = res.body;
      assert.match(html, /^<!doctype html>/);
      assert.match(html, /<html lang="en" dir="ltr">/);
      assert.match(html, /<title>[^<]+<\/title>/);
      assert.equal(html.match(/<h1[ >]/g)?.length, 1);
      assert.match(html, /<main id="main"/);
      assert.match(html, /Nothing was found at &quot;\/unknown\/page&quot;/);
      assert.match(html, /not_found/);
      assert.match(html, /page-404/);
      assert.match(html, /<a href="\/">/);
      assert.doesNotMatch(html, /<script|style=/);
    } finally {
      await t.cleanup();
    }
  });

  void it('renders the HTML error page in the UI language of the URL, with lang, dir and a way home in it', async () => {
    const t = await appWithFailingRoutes();
    t.app.get('/ar/boom', () => {
      throw new Error('secret internals');
    });
    try {
      const fr = await t.app.inject({ url: '/fr/nulle-part', headers: { 'x-request-id': 'fr-404' } });
      assert.equal(fr.statusCode, 404);
      assert.equal(fr.headers['content-language'], 'fr');
      const html = fr.body;
      assert.match(html, /<html lang="fr" dir="ltr">/);
      assert.equal(html.match(/<h1[ >]/g)?.length, 1);
      assert.match(html, /<h1>L’élément demandé n’existe pas<\/h1>/);
      assert.match(html, /<title>L’élément demandé n’existe pas – OER Atlas<\/title>/);
      // The message of the code that failed is English: marked so, after a French label.
      assert.match(
        html,
        /<span lang="en" dir="ltr">Nothing was found at &quot;\/fr\/nulle-part&quot;\.<\/span>/,
      );
      assert.match(html, /<dt>Code d’erreur<\/dt><dd>not_found<\/dd>/);
      assert.match(html, /fr-404/);
      assert.match(html, /<a href="\/fr\/search">/);
      assert.match(html, /<a href="\/fr\/">Aller à la page d’accueil<\/a>/);
      assert.match(html, /<nav class="site-nav" aria-label="Site">/);
      assert.doesNotMatch(html, /hreflang=|<script|style=/);

      const ar = await t.app.inject('/ar/boom');
      assert.equal(ar.statusCode, 500);
      assert.match(ar.body, /<html lang="ar" dir="rtl">/);
      assert.equal(ar.body.match(/<h1[ >]/g)?.length, 1);
      assert.match(ar.body, /<a href="\/ar\/">/);
      assert.doesNotMatch(ar.body, /secret internals/);

      // A path without a UI language, or with one we do not have, stays English and goes home through "/".
      for (const url of ['/nowhere', '/de/nirgends']) {
        const en = await t.app.inject(url);
        assert.match(en.body, /<html lang="en" dir="ltr">/, url);
        assert.match(en.body, /<h1>The requested item does not exist<\/h1>/, url);
        assert.match(en.body, /<a href="\/">Go to the home page<\/a>/, url);
      }

      // JSON errors do not change with the language of the path.
      const json = await t.app.inject({ url: '/fr/nulle-part', headers: { accept: 'application/json' } });
      assert.deepEqual(json.json(), {
        error: { code: 'not_found', message: 'Nothing was found at "/fr/nulle-part".' },
      });
    } finally {
      await t.cleanup();
    }
  });

  void it('has a heading for every error code in every UI language', async () => {
    const { renderErrorPage } = await import('../../src/web/errors.js');
    const { UI_LOCALES } = await import('../../src/web/i18n/locales.js');
    for (const locale of UI_LOCALES) {
      for (const code of Object.keys(ERROR_CATALOGUE) as ErrorCode[]) {
        const html = renderErrorPage(new AtlasError(code, ERROR_CATALOGUE[code].summary), 'id-1', locale);
        const heading = /<h1>([^<]+)<\/h1>/.exec(html)?.[1] ?? '';
        assert.ok(heading !== '' && !heading.includes('errors.'), `${locale} ${code}`);
        if (locale !== 'en')
          assert.notEqual(heading, ERROR_CATALOGUE[code].summary.replace(/\.$/, ''), `${locale} ${code}`);
        // The summary is the message here: not repeated.
        assert.doesNotMatch(html, /<span lang="en"/, `${locale} ${code}`);
      }
    }
  });

  void it('escapes a hostile URL on the HTML error page', async () => {
    const t = await appWithFailingRoutes();
    try {
      for (const url of [
        '/<script>alert(1)</script>',
        '/%3Cscript%3Ealert(1)%3C/script%3E',
        '/x"\'><img src=x>',
      ]) {
        const res = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
        assert.equal(res.statusCode, 404, url);
        assert.doesNotMatch(res.body, /<script>alert|<img src=x>/, url);
      }
      const res = await t.app.inject({
        method: 'GET',
        url: '/<script>alert(1)</script>',
        headers: { accept: 'text/html' },
      });
      assert.match(res.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    } finally {
      await t.cleanup();
    }
  });
});
