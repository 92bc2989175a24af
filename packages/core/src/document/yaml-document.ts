import jsyaml from 'js-yaml';
import { documentRef, type NodePart, type ParsedDocument, type ParseFailure } from './document.js';
import { parsePointer } from './pointer.js';
import type { SourceFile, SourceRange } from '../source/source-file.js';

/**
 * Upper bound on the size of a document once its aliases are expanded: YAML alias bombs ("billion laughs")
 * become a parse error instead of an exponential walk in every rule.
 */
export const MAX_YAML_EXPANDED_NODES = 1_000_000;

/** YAML 1.2 core schema plus merge keys (`<<: *base`), as Prometheus's Go YAML parser reads rule files. */
const SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: [(jsyaml as unknown as { types: { merge: jsyaml.Type } }).types.merge] });

export interface YamlParseOutcome {
  documents: ParsedDocument[];
  /** Errors, one per broken document (the other documents of the stream are still returned). */
  errors: ParseFailure[];
}

/** The style of a scalar as written, for mapping offsets inside string values. */
export type YamlScalarType = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

const KINDS = [null, 'scalar', 'mapping', 'sequence'] as const;
type NodeKind = (typeof KINDS)[number];

/**
 * The located tree built from js-yaml's parse events: node i (numbered in document order) has a source range,
 * a kind, the value js-yaml built for it, and its children. Kept in typed arrays: a repository of 10,000
 * rules has hundreds of thousands of nodes, and an object per node was most of the heap a run keeps.
 */
class RangeTree {
  size = 0;
  start = new Int32Array(256);
  end = new Int32Array(256);
  parent = new Int32Array(256);
  kind = new Uint8Array(256);
  results: unknown[] = [];
  /** Top-level nodes (one per non-empty document), in order. */
  roots: number[] = [];
  private stack: number[] = [];
  /** Children of node i: childIdx[childStart[i] .. childStart[i + 1]), in order (built by `finish`). */
  private childStart = new Int32Array(0);
  private childIdx = new Int32Array(0);

  open(position: number): void {
    if (this.size === this.start.length) this.grow();
    const i = this.size++;
    this.start[i] = position;
    this.end[i] = position;
    this.parent[i] = this.stack.length ? this.stack[this.stack.length - 1] : -1;
    this.results.push(undefined);
    this.stack.push(i);
  }

  close(position: number, kind: string | null, result: unknown): void {
    const i = this.stack.pop();
    if (i === undefined) return;
    this.end[i] = position;
    const k = KINDS.indexOf(kind as NodeKind);
    this.kind[i] = k < 0 ? KINDS.length : k;
    this.results[i] = result;
    if (this.stack.length === 0) this.roots.push(i);
  }

  private grow(): void {
    const n = this.start.length * 2;
    const widen = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.start = widen(this.start, (k) => new Int32Array(k));
    this.end = widen(this.end, (k) => new Int32Array(k));
    this.parent = widen(this.parent, (k) => new Int32Array(k));
    this.kind = widen(this.kind, (k) => new Uint8Array(k));
  }

  /** Indexes the children of every node (after the parse). */
  finish(): void {
    const n = this.size;
    const childStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) if (this.parent[i] >= 0) childStart[this.parent[i] + 1]++;
    for (let i = 0; i < n; i++) childStart[i + 1] += childStart[i];
    const fill = childStart.slice(0, n);
    const childIdx = new Int32Array(n);
    for (let i = 0; i < n; i++) if (this.parent[i] >= 0) childIdx[fill[this.parent[i]]++] = i;
    this.childStart = childStart;
    this.childIdx = childIdx;
    this.stack = [];
  }

  kindOf(i: number): NodeKind | undefined {
    return KINDS[this.kind[i]];
  }

  childCount(i: number): number {
    return this.childStart[i + 1] - this.childStart[i];
  }

  child(i: number, k: number): number {
    return this.childIdx[this.childStart[i] + k];
  }

  /** A wrapper event (a node whose single child is the same value, e.g. a sequence item) collapses to its child. */
  unwrap(i: number): number {
    let cur = i;
    while (this.childCount(cur) === 1 && Object.is(this.results[this.child(cur, 0)], this.results[cur])) cur = this.child(cur, 0);
    return cur;
  }
}

/**
 * Parses a (multi-document) YAML file once with js-yaml (the fast parser the design card names), recording
 * the source range of every node through js-yaml's `listener` events, so any JSON pointer maps to a source
 * range. A broken document does not hide the others: the stream is split at `---` and each document is
 * parsed on its own.
 */
export function parseYamlDocuments(file: SourceFile, text: string = file.text): YamlParseOutcome {
  const whole = parseStream(file, text, 0, 0);
  if (whole.ok) return { documents: whole.documents, errors: [] };
  const documents: ParsedDocument[] = [];
  const errors: ParseFailure[] = [];
  splitDocuments(text).forEach((chunk, i) => {
    const r = parseStream(file, chunk.text, chunk.offset, i);
    if (r.ok) documents.push(...r.documents);
    else errors.push(r.error);
  });
  if (errors.length === 0) errors.push(whole.error); // the split parsed fine but the stream did not: report the stream's error
  return { documents, errors };
}

/** Splits a YAML stream at document markers, keeping each chunk's offset. */
function splitDocuments(text: string): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = [];
  const re = /^---(?=[ \t]|\r?$)/gm;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last || out.length === 0) out.push({ text: text.slice(last, m.index), offset: last });
    last = m.index;
    re.lastIndex = m.index + 3;
  }
  out.push({ text: text.slice(last), offset: last });
  return out.filter((c) => c.text.replace(/^---/, '').trim() !== '' || out.length === 1);
}

type StreamResult = { ok: true; documents: ParsedDocument[] } | { ok: false; error: ParseFailure };

function parseStream(file: SourceFile, text: string, base: number, firstIndex: number): StreamResult {
  const tree = new RangeTree();
  let values: unknown[];
  try {
    values = jsyaml.loadAll(text, undefined, {
      schema: SCHEMA,
      filename: file.relPath,
      listener(event, state) {
        if (event === 'open') tree.open(state.position);
        else tree.close(state.position, state.kind, state.result);
      },
    });
  } catch (e) {
    const err = e as { mark?: { position?: number }; reason?: string; message?: string };
    const tooDeep = e instanceof RangeError;
    return {
      ok: false,
      error: {
        message: tooDeep ? 'Invalid YAML: nesting too deep' : `Invalid YAML: ${err.reason ?? firstLine(err.message ?? String(e))}`,
        offset: base + (err.mark?.position ?? 0),
      },
    };
  }
  tree.finish();
  const documents: ParsedDocument[] = [];
  // Empty documents produce no root event: pair roots with the non-empty documents in order.
  let r = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const root = value === null || value === undefined ? undefined : tree.roots[r++];
    if (value === null || value === undefined) {
      if (values.length > 1) continue; // an empty document in a stream ('---' at the end) holds nothing to lint
    }
    if (text.includes('&') && expandedSize(value) > MAX_YAML_EXPANDED_NODES) {
      return { ok: false, error: { message: `Invalid YAML: aliases expand to more than ${MAX_YAML_EXPANDED_NODES} nodes (an alias bomb?)`, offset: base + (root === undefined ? 0 : tree.start[root]) } };
    }
    documents.push(new YamlDocument(file, text, base, tree, root, value, firstIndex + i));
  }
  return { ok: true, documents };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

/** Size of a value with aliases (shared references) expanded, stopping early past the limit. */
function expandedSize(value: unknown): number {
  const memo = new Map<object, number>();
  const size = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1;
    const hit = memo.get(v);
    if (hit !== undefined) return hit;
    memo.set(v, 1); // cycles (recursive aliases) count once
    let n = 1;
    for (const c of Array.isArray(v) ? v : Object.values(v)) {
      n += size(c);
      if (n > MAX_YAML_EXPANDED_NODES) break;
    }
    memo.set(v, n);
    return n;
  };
  return size(value);
}

class YamlDocument implements ParsedDocument {
  readonly format = 'yaml' as const;
  readonly basePointer = '';
  constructor(
    readonly file: SourceFile,
    /** The text the document was parsed from (the file, or one chunk of it). */
    private readonly text: string,
    /** Offset of `text` in the file. */
    private readonly base: number,
    private readonly tree: RangeTree,
    /** The document's top node in `tree` (undefined for an empty document). */
    private readonly root: number | undefined,
    readonly value: unknown,
    readonly docIndex: number,
  ) {}

  private find(pointer: string): { node: number; key?: number } | undefined {
    if (this.root === undefined) return undefined;
    let segs: string[];
    try {
      segs = parsePointer(pointer);
    } catch {
      return undefined;
    }
    const tree = this.tree;
    let node = tree.unwrap(this.root);
    let key: number | undefined;
    for (const seg of segs) {
      key = undefined;
      const kind = tree.kindOf(node);
      if (kind === 'mapping') {
        // The last of duplicate keys wins (as in the parsed value): search from the end.
        let found: number | undefined;
        for (let i = (tree.childCount(node) & ~1) - 2; i >= 0; i -= 2) {
          const k = tree.unwrap(tree.child(node, i));
          const name = tree.results[k];
          if (name === seg || (typeof name !== 'string' && String(name) === seg)) {
            found = tree.child(node, i + 1);
            key = k;
            break;
          }
        }
        if (found === undefined) return undefined;
        node = tree.unwrap(found);
      } else if (kind === 'sequence') {
        if (!/^\d+$/.test(seg)) return undefined;
        const index = Number(seg);
        if (index >= tree.childCount(node)) return undefined;
        node = tree.unwrap(tree.child(node, index));
      } else return undefined;
    }
    return { node, key };
  }

  /** Start/end offsets in the file of a node, without surrounding blanks and trailing comment lines. */
  private span(n: number): { start: number; end: number } {
    const t = this.text;
    let s = this.tree.start[n];
    let e = Math.max(this.tree.end[n], s);
    for (;;) {
      while (s < e && /\s/.test(t[s])) s++;
      if (t[s] === '#') {
        while (s < e && t[s] !== '\n') s++;
        continue;
      }
      break;
    }
    for (;;) {
      while (e > s && /\s/.test(t[e - 1])) e--;
      const lineStart = t.lastIndexOf('\n', e - 1) + 1;
      if (lineStart > s && t.slice(lineStart, e).trimStart().startsWith('#')) {
        e = lineStart;
        continue;
      }
      break;
    }
    return { start: this.base + s, end: this.base + e };
  }

  locate(pointer: string, part: NodePart = 'value'): SourceRange | undefined {
    const hit = this.find(pointer);
    if (!hit) return undefined;
    const { start, end } = this.span(part === 'key' && hit.key !== undefined ? hit.key : hit.node);
    return this.file.rangeOf(start, end);
  }

  /** The source of the scalar at `pointer` (after any tag or anchor) and its style, for offset mapping. */
  scalarAt(pointer: string): { start: number; end: number; type: YamlScalarType } | undefined {
    const hit = this.find(pointer);
    if (!hit || this.tree.kindOf(hit.node) !== 'scalar') return undefined;
    let { start, end } = this.span(hit.node);
    const t = this.file.text;
    while ((t[start] === '!' || t[start] === '&') && start < end) {
      while (start < end && !/\s/.test(t[start])) start++;
      while (start < end && /\s/.test(t[start])) start++;
    }
    const c = t[start];
    const type: YamlScalarType = c === '"' ? 'QUOTE_DOUBLE' : c === "'" ? 'QUOTE_SINGLE' : c === '|' ? 'BLOCK_LITERAL' : c === '>' ? 'BLOCK_FOLDED' : 'PLAIN';
    if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') end = this.base + Math.max(this.tree.end[hit.node], this.tree.start[hit.node]);
    return { start, end, type };
  }

  ref(pointer: string, part?: NodePart) {
    return documentRef(this, pointer, part);
  }
}

export type { YamlDocument };
export function isYamlDocument(d: ParsedDocument): d is YamlDocument {
  return d instanceof YamlDocument;
}
