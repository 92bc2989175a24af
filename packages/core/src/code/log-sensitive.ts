import { identifierWords } from './log-ast.js';

/**
 * Names that carry secrets or personal data in logs. A name is split into words (`apiKey` → api, key;
 * `X-Auth-Token` → x, auth, token) and matched word by word, so `tokenizer` or `passwordless` do not match.
 */
const SENSITIVE_WORDS = new Set([
  'password', 'passwords', 'passwd', 'pwd', 'passphrase', 'secret', 'secrets', 'token', 'authorization', 'cookie', 'cookies',
  'session', 'ssn', 'cvv', 'cvc', 'credential', 'credentials', 'apikey', 'privatekey', 'bearer', 'jwt',
]);
/** Two-word terms: `api key`, `credit card`, `card number`, `private key`, `secret key`, `access key`, `social security`. */
const SENSITIVE_PAIRS = new Set(['api key', 'access key', 'secret key', 'private key', 'credit card', 'card number', 'social security', 'set cookie']);

/** Words that give a sensitive name a harmless meaning when they end it: `tokenCount`, `passwordLength`, `sessionId`. */
export const DEFAULT_SENSITIVE_IGNORE_SUFFIXES = [
  'count', 'counts', 'length', 'len', 'size', 'total', 'limit', 'max', 'min', 'usage', 'ttl', 'expiry', 'expires', 'expiration', 'expired',
  'at', 'in', 'type', 'kind', 'name', 'id', 'ids', 'index', 'timeout', 'duration', 'age', 'version', 'policy', 'strength', 'rules', 'required',
  'enabled', 'present', 'set', 'valid', 'provider', 'source', 'store', 'manager', 'service', 'endpoint', 'url', 'uri', 'path', 'file', 'prefix',
  'header', 'headers', 'key', 'keys', 'scheme', 'format', 'status', 'state', 'error', 'reset', 'changed', 'updated', 'created', 'refreshed', 'hint', 'field', 'fields',
];
/** Words that give a sensitive name a harmless meaning when they start it: `hasPassword`, `isTokenValid`, `pageToken`. */
const HARMLESS_PREFIXES = new Set(['has', 'is', 'should', 'can', 'needs', 'requires', 'missing', 'no', 'num', 'page', 'next', 'continuation', 'cancellation', 'cancel', 'sync', 'resume', 'lexer', 'syntax', 'parse', 'csrf', 'xsrf']);

export interface SensitiveNameOptions {
  /** Extra words that make a name sensitive. */
  words?: readonly string[];
  /** Exact names (case-insensitive, separators ignored) that are never sensitive. */
  allow?: readonly string[];
  /** Last words that make a sensitive name harmless (defaults: `DEFAULT_SENSITIVE_IGNORE_SUFFIXES`). */
  ignoreSuffixes?: readonly string[];
}

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The option lists as sets, and the answers given so far (names repeat across a code base). */
interface SensitiveMatcher {
  allow: Set<string> | undefined;
  extra: Set<string>;
  suffixes: Set<string>;
  terms: Map<string, string | undefined>;
  labels: Map<string, string | undefined>;
}

/** Bound on remembered answers per options object, for a long-running editor. */
const MAX_REMEMBERED = 10_000;
const NO_OPTIONS: SensitiveNameOptions = {};
const matchers = new WeakMap<SensitiveNameOptions, SensitiveMatcher>();

function matcherFor(opts: SensitiveNameOptions): SensitiveMatcher {
  let m = matchers.get(opts);
  if (!m) {
    m = {
      allow: opts.allow && opts.allow.length > 0 ? new Set(opts.allow.map(normalise)) : undefined,
      extra: new Set((opts.words ?? []).map((w) => w.toLowerCase())),
      suffixes: new Set(opts.ignoreSuffixes ?? DEFAULT_SENSITIVE_IGNORE_SUFFIXES),
      terms: new Map(),
      labels: new Map(),
    };
    matchers.set(opts, m);
  }
  return m;
}

/** Remembers an answer (the cache is emptied when it reaches its bound). Lookups are inline: no closure per name. */
function remember(cache: Map<string, string | undefined>, key: string, value: string | undefined): string | undefined {
  if (cache.size >= MAX_REMEMBERED) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * The sensitive term a name carries (`password`, `api key`), or undefined. The options object is read once
 * (pass the same object for every name); answers are remembered per options object.
 */
export function sensitiveTerm(name: string, opts: SensitiveNameOptions = NO_OPTIONS): string | undefined {
  const m = matcherFor(opts);
  const known = m.terms.get(name);
  return known !== undefined || m.terms.has(name) ? known : remember(m.terms, name, termOf(name, m));
}

function termOf(name: string, m: SensitiveMatcher): string | undefined {
  if (m.allow?.has(normalise(name))) return undefined;
  const words = identifierWords(name);
  if (words.length === 0) return undefined;
  let term: string | undefined;
  for (let i = 0; i < words.length && !term; i++) {
    const w = words[i];
    const pair = i + 1 < words.length ? `${w} ${words[i + 1]}` : '';
    if (SENSITIVE_PAIRS.has(pair)) term = pair;
    else if (SENSITIVE_WORDS.has(w) || m.extra.has(w)) term = w;
  }
  if (!term) return undefined;
  const lastTermWord = term.split(' ').pop()!;
  const last = words[words.length - 1];
  if (last !== lastTermWord && m.suffixes.has(last)) return undefined;
  if (words.length > 1 && HARMLESS_PREFIXES.has(words[0]) && words[0] !== term) return undefined;
  return term;
}

/** A label in message text that introduces a sensitive value: `"password: "`, `"token="`, `"api key is "`. */
export function sensitiveLabelBefore(text: string, opts: SensitiveNameOptions = NO_OPTIONS): string | undefined {
  const labels = matcherFor(opts).labels;
  const known = labels.get(text);
  return known !== undefined || labels.has(text) ? known : remember(labels, text, labelOf(text, opts));
}

function labelOf(text: string, opts: SensitiveNameOptions): string | undefined {
  const m = /([A-Za-z][A-Za-z_-]*(?:\s[A-Za-z][A-Za-z_-]*)?)\s*(?:[:=]|\bis)\s*["'`]?$/.exec(text);
  if (!m) return undefined;
  const words = m[1].split(/\s+/);
  // try the two-word label, then the last word alone
  return (words.length > 1 ? sensitiveTerm(words.join('_'), opts) : undefined) ?? sensitiveTerm(words[words.length - 1], opts);
}

/**
 * Names too ambiguous to flag as a bare variable: a lexer `token`, a dependency-injection `token`, a
 * `session` object logged whole. As a field key (`{ token }`) they still count.
 */
export const AMBIGUOUS_VALUE_NAMES = new Set(['token', 'session']);

/** Values that carry no secret even under a sensitive name: `'[REDACTED]'`, `'***'`, numbers, booleans. */
export function isRedactedLiteral(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return true;
  return typeof value === 'string' && (/redact|\*{3,}|^x{3,}$/i.test(value) || /^\[?(filtered|hidden|masked|removed|omitted|secret)\]?$/i.test(value) || value === '');
}

/** Calls whose result is safe to log: `redact(x)`, `mask(token)`, `hash(pw)`, `sanitize(h)`. */
export const REDACTING_CALL = /redact|mask|sanitiz|obfuscat|hash|censor|anonymi|scrub|digest|fingerprint/i;
