import type { NodeRef } from '../source/node-ref.js';
import { SourceFile, type SourceRange } from '../source/source-file.js';

/**
 * A location that survives serialisation: what a repo-wide rule's per-file `collect` keeps so that its
 * `reduce` can report without the file's model (when results come from the cache or a worker thread).
 */
export interface FactLocation {
  path: string;
  relPath: string;
  pointer?: string;
  docIndex?: number;
  range: SourceRange;
}

/** Captures a NodeRef as a serialisable location (computing its range now). */
export function factLocation(ref: NodeRef): FactLocation {
  return {
    path: ref.file.path,
    relPath: ref.file.relPath,
    pointer: ref.pointer,
    docIndex: ref.docIndex,
    range: ref.range() ?? ref.file.rangeOf(0, 0),
  };
}

/** A NodeRef for a captured location, to report against in `reduce`. */
export function factRef(loc: FactLocation): NodeRef {
  const file = new SourceFile(loc.path, loc.relPath, '');
  return { file, pointer: loc.pointer, docIndex: loc.docIndex, range: () => loc.range };
}
