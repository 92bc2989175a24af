import { json, prometheusLike, refusedUrl, startHttpServer, startSilentServer, type TestServer } from '../../core/src/online/fixtures/fault-servers.js';
import { ONLINE_REPO } from '../../core/src/online/fixtures/repo.js';
import { parseJsonOutput, runCli, tempRepo } from './helpers.js';

/**
 * Fault tests: obslint --prometheus-url against servers that are down, silent, failing or not Prometheus.
 * Each run ends within its time budget with a clear message and exit 2, never a hang.
 */
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function track(s: Promise<TestServer>): Promise<TestServer> {
  const server = await s;
  servers.push(server);
  return server;
}

async function lint(url: string, ...extra: string[]) {
  const t0 = Date.now();
  const run = await runCli(['--prometheus-url', url, '-f', 'json', ...extra], tempRepo(ONLINE_REPO));
  return { ...run, ms: Date.now() - t0, lines: run.stderr.split('\n').filter(Boolean) };
}

describe('the server cannot be used at all: one line, exit 2, before any linting', () => {
  it('connection refused', async () => {
    const url = await refusedUrl();
    const r = await lint(url);
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([`obslint: cannot use Prometheus at ${url}: cannot reach ${url}api/v1/status/buildinfo: connection refused (is Prometheus running on that address and port?) (2 attempts)`]);
    expect(r.stdout).toBe('');
    expect(r.ms).toBeLessThan(5000);
  });

  it('a socket that accepts and never answers: bounded by --prometheus-timeout', async () => {
    const silent = await track(startSilentServer());
    const r = await lint(silent.url, '--prometheus-timeout', '1s');
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([`obslint: cannot use Prometheus at ${silent.url}: ${silent.url}api/v1/status/buildinfo did not answer within 1s (--prometheus-timeout) (2 attempts)`]);
    // Two attempts of 1s and one backoff.
    expect(r.ms).toBeGreaterThanOrEqual(2000);
    expect(r.ms).toBeLessThan(4500);
  });

  it('a silent socket is cut by --online-budget when that is shorter than the request timeout', async () => {
    const silent = await track(startSilentServer());
    const r = await lint(silent.url, '--online-budget', '1s');
    expect(r.code).toBe(2);
    expect(r.lines[0]).toContain('did not answer within 1s');
    expect(r.ms).toBeLessThan(4500);
  });

  it('500s: retried, then one line with the status', async () => {
    const s = await track(startHttpServer((_req, res) => res.writeHead(500).end('internal error')));
    const r = await lint(s.url);
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([`obslint: cannot use Prometheus at ${s.url}: ${s.url}api/v1/status/buildinfo answered HTTP 500: internal error (2 attempts)`]);
    expect(s.hits).toBe(2);
  });

  it('garbage instead of JSON: not a Prometheus API', async () => {
    const s = await track(startHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Grafana</title>')));
    const r = await lint(s.url);
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([
      `obslint: cannot use Prometheus at ${s.url}: ${s.url}api/v1/status/buildinfo did not answer with JSON (HTTP 200, starting "<!doctype html><title>Grafana</title>"); is this a Prometheus API URL?`,
    ]);
  });
});

describe('the server fails during the checks: findings so far are written, the failure is said, exit 2', () => {
  it('queries answer 500: retried with backoff, then reported once per problem', async () => {
    const s = await track(startHttpServer(prometheusLike((_req, res) => res.writeHead(500).end('boom'))));
    const r = await lint(s.url, '--prometheus-concurrency', '2');
    expect(r.code).toBe(2);
    // The output is still complete JSON (the offline findings).
    expect(parseJsonOutput(r.stdout).length).toBeGreaterThan(0);
    expect(r.lines.length).toBeGreaterThan(0);
    for (const l of r.lines) expect(l).toMatch(/^obslint: online check failed: (alert\/noisy|query\/missing-series|metric\/series-budget|metric\/high-cardinality-label): http:\/\/127\.0\.0\.1:\d+\/api\/v1\/(query|query_range) answered HTTP 500: boom \(3 attempts\)( \(\d+ times\))?$/);
    expect(r.ms).toBeLessThan(15_000);
  });

  it('queries answer garbage JSON: an invalid answer, not a crash', async () => {
    const s = await track(startHttpServer(prometheusLike((_req, res) => json(res, 200, { status: 'success', data: { resultType: 'matrix', result: 'nope' } }))));
    const r = await lint(s.url);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/online check failed: alert\/noisy: http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query_range answered with an unexpected shape: no "result" array/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('queries never answer: the total budget ends the run', async () => {
    const s = await track(startHttpServer(prometheusLike(() => undefined)));
    const r = await lint(s.url, '--online-budget', '2s', '--prometheus-timeout', '60s');
    expect(r.code).toBe(2);
    expect(r.lines.at(-1)).toMatch(/^obslint: the online time budget of 2s \(--online-budget\) ran out; \d+ checks did not run\.$/);
    expect(r.ms).toBeGreaterThanOrEqual(2000);
    expect(r.ms).toBeLessThan(5000);
    expect(parseJsonOutput(r.stdout).length).toBeGreaterThan(0);
  });

  it('a query the server rejects (4xx) skips that check only: said, but the run is complete', async () => {
    const s = await track(
      startHttpServer(
        prometheusLike((req, res) => {
          if (req.url === '/api/v1/query_range') json(res, 400, { status: 'error', errorType: 'bad_data', error: 'invalid expression' });
          else json(res, 200, { status: 'success', data: req.url === '/api/v1/query' ? { resultType: 'vector', result: [{ metric: {}, value: [0, '1'] }] } : [] });
        }),
      ),
    );
    const r = await lint(s.url, '--rule', 'metric/high-cardinality-label:off');
    expect(r.code).toBe(0);
    expect(r.lines.length).toBeGreaterThan(0);
    for (const l of r.lines) expect(l).toMatch(/^obslint: online check skipped: alert\/noisy: .* answered HTTP 400: bad_data: invalid expression/);
  });
});
