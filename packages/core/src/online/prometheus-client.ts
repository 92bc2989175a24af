import * as http from 'node:http';
import * as https from 'node:https';
import { createGunzip } from 'node:zlib';
import { Semaphore } from './limit.js';

/**
 * A small client for Prometheus's HTTP API (`/api/v1/...`) on Node's own `http`/`https` (CA files and
 * `--prometheus-insecure` need TLS options that the global `fetch` does not take without undici's Agent).
 * Every request has a timeout; 5xx answers, 429, timeouts and broken connections are retried with exponential
 * backoff; 4xx answers are not. At most `concurrency` requests are in flight. `close()` ends everything at once.
 */

export type PrometheusErrorKind =
  /** Connection refused, DNS failure, TLS failure, connection reset. */
  | 'network'
  /** No complete answer within the per-request timeout. */
  | 'timeout'
  /** An HTTP error status without a Prometheus error body. */
  | 'http'
  /** Prometheus answered `status: "error"` (bad query, execution error, overload). */
  | 'api'
  /** Not the JSON shape the API documents. */
  | 'invalid-response'
  /** The client was closed (the online time budget ran out). */
  | 'closed';

export class PrometheusError extends Error {
  constructor(
    message: string,
    readonly kind: PrometheusErrorKind,
    /** HTTP status, when there was an answer. */
    readonly status?: number,
    /** Prometheus's `errorType` (`bad_data`, `execution`, `timeout`, ...), for `api` errors. */
    readonly errorType?: string,
  ) {
    super(message);
    this.name = 'PrometheusError';
  }

  /** The server rejected this particular query (4xx): the check of that one item cannot run, nothing is broken. */
  get rejectedQuery(): boolean {
    return this.status !== undefined && this.status >= 400 && this.status < 500 && this.status !== 429 && this.status !== 401 && this.status !== 403;
  }
}

export interface PrometheusClientOptions {
  /** Base URL, e.g. `https://prometheus.example.com/` or `http://127.0.0.1:9090/prefix`. */
  url: string;
  /** Sent as `Authorization: Bearer <token>`; never printed. */
  token?: string;
  /** PEM CA certificate(s) to trust for https. */
  ca?: string | Buffer;
  /** Accept any TLS certificate (self-signed test servers). */
  insecure?: boolean;
  /** Per-request timeout in ms (default 30 s). */
  timeoutMs?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Retries after the first attempt for 5xx/429/timeouts/broken connections (default 2). */
  retries?: number;
  /** First backoff delay in ms; doubles on each retry, with jitter (default 250). */
  backoffMs?: number;
  /** Answers larger than this are refused (default 256 MiB). */
  maxResponseBytes?: number;
}

export type Labels = Record<string, string>;
/** `[unix seconds, "value"]` as the API returns samples. */
export type SamplePair = [number, string];
export interface RangeSeries {
  metric: Labels;
  values: SamplePair[];
}
export interface InstantSample {
  metric: Labels;
  value: SamplePair;
}

export interface BuildInfo {
  version: string;
  revision?: string;
  [k: string]: unknown;
}

/** What online rules use; `PrometheusClient` implements it over HTTP, tests may implement it in memory. */
export interface PrometheusApi {
  /** The server as shown in messages (no credentials). */
  readonly displayUrl: string;
  buildInfo(): Promise<BuildInfo>;
  /** An instant query at `time` (unix seconds); an instant vector (scalars come back as one sample without labels). */
  query(expr: string, time: number): Promise<InstantSample[]>;
  /** A range query; times in unix seconds, step in seconds. */
  queryRange(expr: string, start: number, end: number, step: number): Promise<RangeSeries[]>;
  /** Label names of the series matching any of `matchers` between start and end. */
  labelNames(matchers: string[], start: number, end: number): Promise<string[]>;
  /** Values of label `name` on the series matching any of `matchers` between start and end. */
  labelValues(name: string, matchers: string[], start: number, end: number): Promise<string[]>;
}

const DEFAULTS = { timeoutMs: 30_000, concurrency: 4, retries: 2, backoffMs: 250, maxResponseBytes: 256 * 1024 * 1024 };

type Params = Record<string, string | number | string[]>;

function encodeParams(params: Params): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const x of v) u.append(k, x);
    else u.append(k, String(v));
  }
  return u.toString();
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isLabels = (v: unknown): v is Labels => isObj(v) && Object.values(v).every((x) => typeof x === 'string');
const isPair = (v: unknown): v is SamplePair => Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export class PrometheusClient implements PrometheusApi {
  readonly displayUrl: string;
  private readonly base: URL;
  private readonly opts: typeof DEFAULTS & PrometheusClientOptions;
  private readonly agent: http.Agent;
  private readonly lib: typeof http | typeof https;
  private readonly slots: Semaphore;
  private readonly auth?: string;
  private readonly closing = new AbortController();

  constructor(options: PrometheusClientOptions) {
    let base: URL;
    try {
      base = new URL(options.url);
    } catch {
      throw new PrometheusError(`--prometheus-url: "${options.url}" is not a URL (expected e.g. http://prometheus:9090)`, 'network');
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new PrometheusError(`--prometheus-url: expected an http:// or https:// URL, got "${base.protocol}"`, 'network');
    }
    this.opts = { ...DEFAULTS, ...options };
    if (options.token) this.auth = `Bearer ${options.token}`;
    else if (base.username) this.auth = `Basic ${Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString('base64')}`;
    base.username = '';
    base.password = '';
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    this.base = base;
    this.displayUrl = base.href;
    this.slots = new Semaphore(this.opts.concurrency);
    this.lib = base.protocol === 'https:' ? https : http;
    const agentOptions = { keepAlive: true, maxSockets: this.opts.concurrency };
    this.agent =
      base.protocol === 'https:'
        ? new https.Agent({ ...agentOptions, ca: options.ca, rejectUnauthorized: !options.insecure })
        : new http.Agent(agentOptions);
  }

  /** Aborts requests in flight and backoff waits; later calls fail at once with kind `closed`. */
  close(): void {
    this.closing.abort();
    this.agent.destroy();
  }

  get closed(): boolean {
    return this.closing.signal.aborted;
  }

  async buildInfo(): Promise<BuildInfo> {
    const data = await this.call('GET', 'api/v1/status/buildinfo', {});
    if (!isObj(data) || typeof data.version !== 'string') throw this.invalid('api/v1/status/buildinfo', 'no "version" in the build information');
    return data as BuildInfo;
  }

  async query(expr: string, time: number): Promise<InstantSample[]> {
    const path = 'api/v1/query';
    const data = await this.call('POST', path, { query: expr, time });
    if (!isObj(data) || !Array.isArray(data.result)) throw this.invalid(path, 'no "result" array');
    if (data.resultType === 'scalar' && isPair(data.result)) return [{ metric: {}, value: data.result }];
    if (data.resultType !== 'vector') throw this.invalid(path, `expected an instant vector, got "${String(data.resultType)}"`);
    for (const s of data.result) if (!isObj(s) || !isLabels(s.metric) || !isPair(s.value)) throw this.invalid(path, 'a malformed sample');
    return data.result as InstantSample[];
  }

  async queryRange(expr: string, start: number, end: number, step: number): Promise<RangeSeries[]> {
    const path = 'api/v1/query_range';
    const data = await this.call('POST', path, { query: expr, start, end, step });
    if (!isObj(data) || !Array.isArray(data.result)) throw this.invalid(path, 'no "result" array');
    if (data.resultType !== 'matrix') throw this.invalid(path, `expected a range vector, got "${String(data.resultType)}"`);
    for (const s of data.result) {
      if (!isObj(s) || !isLabels(s.metric) || !Array.isArray(s.values) || !s.values.every(isPair)) throw this.invalid(path, 'a malformed series');
    }
    return data.result as RangeSeries[];
  }

  async labelNames(matchers: string[], start: number, end: number): Promise<string[]> {
    const path = 'api/v1/labels';
    const data = await this.call('POST', path, { 'match[]': matchers, start, end });
    if (!isStringArray(data)) throw this.invalid(path, 'expected a list of label names');
    return data;
  }

  async labelValues(name: string, matchers: string[], start: number, end: number): Promise<string[]> {
    const path = `api/v1/label/${encodeURIComponent(name)}/values`;
    const data = await this.call('GET', path, { 'match[]': matchers, start, end });
    if (!isStringArray(data)) throw this.invalid(path, 'expected a list of label values');
    return data;
  }

  private invalid(path: string, why: string): PrometheusError {
    return new PrometheusError(`${this.displayUrl}${path} answered with an unexpected shape: ${why}`, 'invalid-response');
  }

  /** One API call with retries; resolves to the `data` of a `status: "success"` answer. */
  private async call(method: 'GET' | 'POST', path: string, params: Params): Promise<unknown> {
    let last: PrometheusError | undefined;
    for (let attempt = 0; attempt <= this.opts.retries; attempt++) {
      if (attempt > 0) await this.sleep(this.opts.backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5));
      const release = await this.slots.acquire();
      try {
        // Checked after waiting for a slot too: close() may have come meanwhile.
        if (this.closed) throw new PrometheusError('the online checks were stopped (time budget exhausted)', 'closed');
        return await this.once(method, path, params);
      } catch (e) {
        if (!(e instanceof PrometheusError)) throw e;
        last = e;
        const retriable = e.kind === 'network' || e.kind === 'timeout' || (e.status !== undefined && (e.status >= 500 || e.status === 429));
        if (!retriable || this.closed) throw e;
      } finally {
        release();
      }
    }
    const tries = this.opts.retries + 1;
    throw new PrometheusError(`${last!.message} (${tries} attempt${tries === 1 ? '' : 's'})`, last!.kind, last!.status, last!.errorType);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      const onAbort = () => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(() => {
        this.closing.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.closing.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private once(method: 'GET' | 'POST', path: string, params: Params): Promise<unknown> {
    const url = new URL(path, this.base);
    const body = encodeParams(params);
    if (method === 'GET' && body) url.search = body;
    const where = `${this.displayUrl}${path}`;
    const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': 'gzip', 'user-agent': 'obslint' };
    if (this.auth) headers.authorization = this.auth;
    if (method === 'POST') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (err: PrometheusError | undefined, value?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.closing.signal.removeEventListener('abort', onAbort);
        if (err) {
          req.destroy();
          reject(err);
        } else resolve(value);
      };
      const onAbort = () => finish(new PrometheusError('the online checks were stopped (time budget exhausted)', 'closed'));
      const req = this.lib.request(url, { method, headers, agent: this.agent }, (res) => {
        const status = res.statusCode ?? 0;
        const stream = /\bgzip\b/i.test(String(res.headers['content-encoding'] ?? '')) ? res.pipe(createGunzip()) : res;
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (c: Buffer) => {
          size += c.length;
          if (size > this.opts.maxResponseBytes) {
            finish(new PrometheusError(`${where} answered with more than ${Math.round(this.opts.maxResponseBytes / 1048576)} MiB`, 'invalid-response', status));
            return;
          }
          chunks.push(c);
        });
        stream.on('error', (e: Error) => finish(new PrometheusError(`${where}: the answer broke off: ${e.message}`, 'network', status)));
        stream.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            finish(undefined, parseAnswer(where, status, text));
          } catch (e) {
            finish(e as PrometheusError);
          }
        });
      });
      const timer = setTimeout(() => finish(new PrometheusError(`${where} did not answer within ${formatMs(this.opts.timeoutMs)} (--prometheus-timeout)`, 'timeout')), this.opts.timeoutMs);
      this.closing.signal.addEventListener('abort', onAbort, { once: true });
      req.on('error', (e: NodeJS.ErrnoException) => finish(new PrometheusError(`cannot reach ${where}: ${describeNetworkError(e)}`, 'network')));
      if (method === 'POST') req.end(body);
      else req.end();
    });
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function describeNetworkError(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is Prometheus running on that address and port?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found (${e.message})`;
    case 'ECONNRESET':
      return 'the connection was reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    default:
      if (e.code?.startsWith('ERR_TLS') || /certificate|self[- ]signed|TLS|SSL/i.test(e.message)) {
        return `TLS error: ${e.message} (use --prometheus-ca <file>, or --prometheus-insecure for a test server)`;
      }
      return e.code ? `${e.code}: ${e.message}` : e.message;
  }
}

/** The `data` of a Prometheus API answer, or a PrometheusError that says what went wrong. */
export function parseAnswer(where: string, status: number, text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const snippet = text.trim().slice(0, 80).replace(/\s+/g, ' ');
    if (status >= 400) throw new PrometheusError(`${where} answered HTTP ${status}${snippet ? `: ${snippet}` : ''}`, 'http', status);
    throw new PrometheusError(`${where} did not answer with JSON (HTTP ${status}${snippet ? `, starting "${snippet}"` : ', empty body'}); is this a Prometheus API URL?`, 'invalid-response', status);
  }
  if (isObj(body) && body.status === 'error') {
    const type = typeof body.errorType === 'string' ? body.errorType : undefined;
    const msg = typeof body.error === 'string' ? body.error : 'unknown error';
    throw new PrometheusError(`${where} answered HTTP ${status}: ${type ? `${type}: ` : ''}${msg}`, 'api', status, type);
  }
  if (status < 200 || status >= 300) throw new PrometheusError(`${where} answered HTTP ${status}`, 'http', status);
  if (!isObj(body) || body.status !== 'success' || !('data' in body)) {
    throw new PrometheusError(`${where} answered JSON that is not a Prometheus API answer (no "status": "success" with "data")`, 'invalid-response', status);
  }
  return body.data;
}
