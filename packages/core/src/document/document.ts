import type { NodeRef } from '../source/node-ref.js';
import type { SourceFile, SourceRange } from '../source/source-file.js';

/** Which part of a node a location refers to: the whole value, or (for an object member) its key. */
export type NodePart = 'value' | 'key';

/**
 * One parsed JSON or YAML document. Rules see plain JS values (`value`); any JSON pointer into it maps back
 * to a source range in the file, for JSON and YAML alike, including documents embedded in another
 * document (a dashboard JSON string inside a ConfigMap).
 */
export interface ParsedDocument {
  readonly file: SourceFile;
  readonly format: 'json' | 'yaml';
  readonly value: unknown;
  /** Index of the document in a multi-document YAML stream. */
  readonly docIndex: number;
  /** Pointer of this document inside its embedding document ('' when top-level). */
  readonly basePointer: string;
  /** Source range of the node at `pointer` (relative to this document), or undefined if absent. */
  locate(pointer: string, part?: NodePart): SourceRange | undefined;
  /** A NodeRef for the node at `pointer`; the range is computed only when needed. */
  ref(pointer: string, part?: NodePart): NodeRef;
}

/** A failure to parse, with the position of the fault. */
export interface ParseFailure {
  message: string;
  /** 0-based offset in the file text. */
  offset: number;
  endOffset?: number;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ParseFailure };

/** Builds the NodeRef of a document node; shared by every ParsedDocument implementation. */
export function documentRef(doc: ParsedDocument, pointer: string, part: NodePart = 'value'): NodeRef {
  return lazyDocumentRef(doc, pointer, () => doc.locate(pointer, part) ?? nearestAncestorRange(doc, pointer, part));
}

/** A NodeRef at `pointer` in `doc` whose range is `locate()`, worked out when first asked for. */
export function lazyDocumentRef(doc: ParsedDocument, pointer: string, locate: () => SourceRange | undefined): NodeRef {
  let cached: SourceRange | undefined | null = null;
  return {
    file: doc.file,
    pointer: doc.basePointer + pointer,
    docIndex: doc.docIndex,
    range() {
      if (cached === null) cached = locate();
      return cached;
    },
  };
}

function nearestAncestorRange(doc: ParsedDocument, pointer: string, part: NodePart): SourceRange | undefined {
  let p = pointer;
  while (p.length > 0) {
    p = p.slice(0, p.lastIndexOf('/'));
    const r = doc.locate(p, part);
    if (r) return r;
  }
  return undefined;
}
