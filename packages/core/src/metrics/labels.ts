/**
 * Label (Prometheus) and attribute (OpenTelemetry) checks shared by exposition and code rules: unbounded
 * label names, and label values that look unbounded.
 */

/** Names that are bounded by construction even if a configured list matches them loosely. */
const BOUNDED_NAMES = new Set(['http_route', 'route', 'path_template', 'url_template', 'route_template', 'http_route_template']);

/** OpenTelemetry semantic-convention attributes that carry the same unbounded data as list entries. */
const OTEL_ALIASES: Readonly<Record<string, string>> = {
  enduser_id: 'user_id',
  user_email: 'email',
  url_full: 'full_url',
  url_path: 'path',
  url_query: 'query_string',
  http_url: 'url',
  http_target: 'request_uri',
  client_address: 'client_ip',
  net_peer_ip: 'ip',
  net_sock_peer_addr: 'ip',
  network_peer_address: 'ip',
  source_address: 'source_ip',
  db_statement: 'sql',
  db_query_text: 'sql',
  session_id: 'session_id',
};

/** `userId`, `user.id`, `User-ID` → `user_id`. */
export function normalizeLabelName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * The entry of the unbounded-label list that `name` matches (case-, separator- and camelCase-insensitive;
 * OpenTelemetry aliases such as `enduser.id` and `url.full` included), or undefined.
 */
export function highCardinalityLabel(name: string, list: readonly string[]): string | undefined {
  const n = normalizeLabelName(name);
  if (BOUNDED_NAMES.has(n)) return undefined;
  const alias = OTEL_ALIASES[n];
  for (const entry of list) {
    const e = normalizeLabelName(entry);
    if (e === n || (alias !== undefined && e === alias)) return entry;
  }
  return undefined;
}

export type UnboundedValueKind = 'uuid' | 'email' | 'ip address' | 'timestamp' | 'numeric id' | 'hex id' | 'prefixed id' | 'url with an id';

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?$/;
const IPV6 = /^\[?(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}\]?(?::\d{1,5})?$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const NUMERIC_ID = /^\d{6,}$/;
const HEX_ID = /^(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}$/i;
const PREFIXED_ID = /^[a-z]+[-_:]?\d{5,}$/i;
const URL_LIKE = /^(?:https?:\/\/[^/]+)?\/[^\s]*$/i;

function idSegment(seg: string): boolean {
  if (/^\d{2,}$/.test(seg) || UUID.test(seg) || EMAIL.test(seg)) return true;
  return /^[0-9a-f]{8,}$/i.test(seg) && /\d/.test(seg);
}

/**
 * Why a label value looks unbounded (an id, an address, a timestamp, a URL carrying an id), or undefined for
 * values that look like members of a small set (enums, status codes, methods, route templates).
 */
export function unboundedValueKind(value: string): UnboundedValueKind | undefined {
  const v = value.trim();
  if (v.length < 6) return undefined;
  if (UUID.test(v)) return 'uuid';
  if (EMAIL.test(v)) return 'email';
  if (IPV4.test(v) || ((v.includes('::') || v.split(':').length >= 8) && IPV6.test(v))) return 'ip address';
  if (ISO_TIME.test(v)) return 'timestamp';
  if (/^\d{10}(?:\d{3})?(?:\.\d+)?$/.test(v)) return 'timestamp';
  if (NUMERIC_ID.test(v)) return 'numeric id';
  if (HEX_ID.test(v)) return 'hex id';
  if (PREFIXED_ID.test(v)) return 'prefixed id';
  if (URL_LIKE.test(v)) {
    const [path, query] = v.replace(/^https?:\/\/[^/]+/i, '').split('?', 2);
    if (query !== undefined && query.includes('=')) return 'url with an id';
    if (path.split('/').some(idSegment)) return 'url with an id';
  }
  return undefined;
}
