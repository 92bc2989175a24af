import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { connectPrometheus, PrometheusUnavailableError } from './connect.js';
import { json, prometheusLike, refusedUrl, startHttpServer, startSilentServer, type TestServer } from './fixtures/fault-servers.js';
import { PrometheusClient, PrometheusError } from './prometheus-client.js';

const servers: TestServer[] = [];
const clients: PrometheusClient[] = [];
async function serve(handler: Parameters<typeof startHttpServer>[0]): Promise<TestServer> {
  const s = await startHttpServer(handler);
  servers.push(s);
  return s;
}
function clientFor(url: string, opts: Partial<ConstructorParameters<typeof PrometheusClient>[0]> = {}): PrometheusClient {
  const c = new PrometheusClient({ url, timeoutMs: 2000, backoffMs: 20, ...opts });
  clients.push(c);
  return c;
}
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function failure(p: Promise<unknown>): Promise<PrometheusError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(PrometheusError);
    return e as PrometheusError;
  }
  throw new Error('expected a PrometheusError');
}

const matrix = (result: unknown[]) => ({ status: 'success', data: { resultType: 'matrix', result } });

describe('PrometheusClient', () => {
  it('posts queries form-encoded and reads the answer', async () => {
    let body = '';
    const s = await serve((req, res, b) => {
      body = b;
      json(res, 200, matrix([{ metric: { a: '1' }, values: [[1700000000, '1']] }]));
    });
    const got = await clientFor(s.url).queryRange('up == 0', 100, 200, 60);
    expect(got).toEqual([{ metric: { a: '1' }, values: [[1700000000, '1']] }]);
    expect(s.paths).toEqual(['/api/v1/query_range']);
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual({ query: 'up == 0', start: '100', end: '200', step: '60' });
  });

  it('keeps a path prefix of the URL and sends label value lookups as GET with match[]', async () => {
    const s = await serve((_req, res) => json(res, 200, { status: 'success', data: ['a', 'b'] }));
    expect(await clientFor(`${s.url}prom`).labelValues('job', ['up{x="1"}'], 1, 2)).toEqual(['a', 'b']);
    expect(s.paths[0]).toBe('/prom/api/v1/label/job/values?match%5B%5D=up%7Bx%3D%221%22%7D&start=1&end=2');
  });

  it('sends the bearer token, or basic auth from the URL, and never shows credentials', async () => {
    const seen: string[] = [];
    const s = await serve((req, res) => {
      seen.push(String(req.headers.authorization));
      json(res, 200, { status: 'success', data: [] });
    });
    await clientFor(s.url, { token: 's3cret' }).labelNames(['up'], 0, 1);
    const withUser = clientFor(s.url.replace('http://', 'http://me:pw@'));
    await withUser.labelNames(['up'], 0, 1);
    expect(seen).toEqual(['Bearer s3cret', `Basic ${Buffer.from('me:pw').toString('base64')}`]);
    expect(withUser.displayUrl).not.toContain('pw');
  });

  it('reads gzip-compressed answers', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(JSON.stringify({ status: 'success', data: ['x'] })));
    });
    expect(await clientFor(s.url).labelNames([], 0, 1)).toEqual(['x']);
  });

  it('retries 5xx with backoff, then fails with the status and the number of attempts', async () => {
    const s = await serve((_req, res) => res.writeHead(500).end('boom'));
    const t0 = Date.now();
    const e = await failure(clientFor(s.url, { retries: 2, backoffMs: 50 }).labelNames(['up'], 0, 1));
    expect(s.hits).toBe(3);
    expect(e.kind).toBe('http');
    expect(e.status).toBe(500);
    expect(e.message).toMatch(/answered HTTP 500: boom \(3 attempts\)/);
    // 50ms, then 100ms (±25% jitter).
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
  });

  it('recovers when a retry succeeds', async () => {
    let n = 0;
    const s = await serve((_req, res) => (++n < 3 ? json(res, 503, { status: 'error', errorType: 'timeout', error: 'query timed out' }) : json(res, 200, { status: 'success', data: ['ok'] })));
    expect(await clientFor(s.url, { retries: 2 }).labelNames([], 0, 1)).toEqual(['ok']);
    expect(s.hits).toBe(3);
  });

  it('does not retry a 4xx, and says what Prometheus said', async () => {
    const s = await serve((_req, res) => json(res, 400, { status: 'error', errorType: 'bad_data', error: 'parse error at char 3' }));
    const e = await failure(clientFor(s.url).query('up ==', 0));
    expect(s.hits).toBe(1);
    expect(e.kind).toBe('api');
    expect(e.rejectedQuery).toBe(true);
    expect(e.message).toContain('HTTP 400: bad_data: parse error at char 3');
  });

  it('garbage JSON is an invalid answer, not retried', async () => {
    const s = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'));
    const e = await failure(clientFor(s.url).buildInfo());
    expect(s.hits).toBe(1);
    expect(e.kind).toBe('invalid-response');
    expect(e.message).toMatch(/did not answer with JSON \(HTTP 200, starting "<html>login<\/html>"\); is this a Prometheus API URL\?/);
  });

  it('JSON of the wrong shape is an invalid answer', async () => {
    const s = await serve((_req, res) => json(res, 200, { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [['x', 1]] }] } }));
    const e = await failure(clientFor(s.url).queryRange('up', 0, 1, 1));
    expect(e.kind).toBe('invalid-response');
    expect(e.message).toContain('a malformed series');
  });

  it('refuses answers above the size limit', async () => {
    const s = await serve((_req, res) => json(res, 200, { status: 'success', data: ['x'.repeat(5000)] }));
    const e = await failure(clientFor(s.url, { maxResponseBytes: 1000 }).labelNames([], 0, 1));
    expect(e.kind).toBe('invalid-response');
  });

  it('connection refused: a clear network error after the retries', async () => {
    const e = await failure(clientFor(await refusedUrl(), { retries: 1 }).buildInfo());
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/connection refused \(is Prometheus running on that address and port\?\) \(2 attempts\)/);
  });

  it('a socket that accepts and never answers: times out per request, retried, then fails', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const t0 = Date.now();
    const e = await failure(clientFor(silent.url, { timeoutMs: 300, retries: 1, backoffMs: 10 }).buildInfo());
    const took = Date.now() - t0;
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/did not answer within 300ms/);
    expect(silent.hits).toBe(2);
    expect(took).toBeGreaterThanOrEqual(600);
    expect(took).toBeLessThan(3000);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const s = await serve((_req, res) => setTimeout(() => json(res, 200, { status: 'success', data: [] }), 30));
    const c = clientFor(s.url, { concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, () => c.labelNames([], 0, 1)));
    expect(s.hits).toBe(12);
    expect(s.maxInFlight).toBe(3);
  });

  it('close() ends requests in flight at once', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const c = clientFor(silent.url, { timeoutMs: 60_000, concurrency: 1 });
    // One request in flight, two waiting for the slot: all end at close().
    const pending = [failure(c.buildInfo()), failure(c.buildInfo()), failure(c.buildInfo())];
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    c.close();
    const errors = await Promise.all(pending);
    expect(errors.map((e) => e.kind)).toEqual(['closed', 'closed', 'closed']);
    expect(silent.hits).toBe(1);
    expect(Date.now() - t0).toBeLessThan(500);
    expect((await failure(c.buildInfo())).kind).toBe('closed');
  });

  it('rejects URLs that are not http(s)', () => {
    expect(() => new PrometheusClient({ url: 'ftp://x' })).toThrow(/expected an http:\/\/ or https:\/\/ URL/);
    expect(() => new PrometheusClient({ url: 'not a url' })).toThrow(/is not a URL/);
  });
});

describe('connectPrometheus', () => {
  it('checks buildinfo first and returns a session', async () => {
    const s = await serve(prometheusLike((_req, res) => res.writeHead(404).end()));
    const session = await connectPrometheus({ url: s.url, budgetMs: 5000 }, {});
    session.close();
    expect(session.buildInfo.version).toBe('2.42.0');
    expect(session.run.budgetMs).toBe(5000);
    expect(s.paths).toEqual(['/api/v1/status/buildinfo']);
  });

  it('reads the token from the named environment variable', async () => {
    let auth: string | undefined;
    const s = await serve((req, res) => {
      auth = req.headers.authorization;
      prometheusLike(() => undefined)(req, res, '');
    });
    (await connectPrometheus({ url: s.url, tokenEnv: 'MY_TOKEN' }, { MY_TOKEN: 'abc' })).close();
    expect(auth).toBe('Bearer abc');
  });

  it('an unreachable server is one PrometheusUnavailableError', async () => {
    const url = await refusedUrl();
    const e = await connectPrometheus({ url, timeoutMs: 1000 }, {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PrometheusUnavailableError);
    expect((e as Error).message).toMatch(new RegExp(`^cannot use Prometheus at ${url.replace(/[./]/g, '\\$&')}: cannot reach .*connection refused`));
  });

  it('401 mentions where the token comes from', async () => {
    const s = await serve((_req, res) => res.writeHead(401).end('unauthorized'));
    const e = await connectPrometheus({ url: s.url }, {}).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/HTTP 401: unauthorized \(token from \$OBSLINT_PROMETHEUS_TOKEN, which is not set\)/);
  });

  it('a CA file that cannot be read is a clear error', async () => {
    const e = await connectPrometheus({ url: 'https://127.0.0.1:1/', caFile: '/nonexistent/ca.pem' }, {}).catch((x: unknown) => x);
    expect((e as Error).message).toBe('--prometheus-ca: cannot read /nonexistent/ca.pem: ENOENT');
  });
});

const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;
describe.skipIf(!openssl)(`TLS options${openssl ? '' : ' (openssl not installed: a self-signed test certificate cannot be made)'}`, () => {
  let dir: string;
  let server: HttpsServer;
  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'obslint-tls-'));
    const made = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
    server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => json(res, 200, { status: 'success', data: { version: '2.42.0' } }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a self-signed certificate is refused with a hint, accepted with --prometheus-ca or --prometheus-insecure', async () => {
    const e = await failure(clientFor(url, { retries: 0 }).buildInfo());
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/TLS error: .*\(use --prometheus-ca <file>, or --prometheus-insecure for a test server\)/);
    expect((await clientFor(url, { ca: readFileSync(join(dir, 'cert.pem')) }).buildInfo()).version).toBe('2.42.0');
    expect((await clientFor(url, { insecure: true }).buildInfo()).version).toBe('2.42.0');
    const session = await connectPrometheus({ url, caFile: join(dir, 'cert.pem') }, {});
    session.close();
    expect(session.buildInfo.version).toBe('2.42.0');
  });
});
