import type { SourceFile, SourceRange } from './source-file.js';

/**
 * Where a model node lives: its file, its JSON pointer (for JSON/YAML documents) and a lazily computed
 * source range. Every finding is reported against a NodeRef.
 */
export interface NodeRef {
  readonly file: SourceFile;
  /** RFC 6901 JSON pointer inside the (outermost) document, when the node comes from JSON or YAML. */
  readonly pointer?: string;
  /** Index of the YAML document in a multi-document file (0 for single documents). */
  readonly docIndex?: number;
  range(): SourceRange | undefined;
}

/** A NodeRef for a fixed offset range (exposition text, PromQL inside a string, ...). */
export function offsetRef(file: SourceFile, start: number, end: number, pointer?: string, docIndex?: number): NodeRef {
  let cached: SourceRange | undefined;
  return {
    file,
    pointer,
    docIndex,
    range() {
      return (cached ??= file.rangeOf(start, end));
    },
  };
}

/** A NodeRef covering the whole first line of a file (used for file-level findings). */
export function fileRef(file: SourceFile): NodeRef {
  const firstLineEnd = file.lineText(1).length;
  return offsetRef(file, 0, firstLineEnd);
}
