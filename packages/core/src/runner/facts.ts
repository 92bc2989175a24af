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

/** The file a per-file summary describes (stored once per summary, not in each of its locations). */
export interface FactFile {
  path: string;
  relPath: string;
}

/**
 * A compact location inside the file whose summary holds it: the node's pointer, its document index when
 * not the first, and `"line:column:endLine:endColumn"`. For summaries with many locations (every metric
 * use of every dashboard), where repeating paths and offsets in each would multiply their size (one short
 * string is a third of the memory of an array of four numbers).
 */
export interface FileFactLocation {
  pointer?: string;
  docIndex?: number;
  range: string;
}

function rangeNumbers(loc: FileFactLocation): number[] {
  return loc.range.split(':').map(Number);
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

/** Captures a NodeRef as a compact location relative to its file (computing its range now). */
export function fileFactLocation(ref: NodeRef): FileFactLocation {
  const r = ref.range() ?? ref.file.rangeOf(0, 0);
  const loc: FileFactLocation = { range: `${r.line}:${r.column}:${r.endLine}:${r.endColumn}` };
  if (ref.pointer !== undefined) loc.pointer = ref.pointer;
  if (ref.docIndex) loc.docIndex = ref.docIndex;
  return loc;
}

/** A NodeRef for a captured location, to report against in `reduce` (compact locations need their file). */
export function factRef(loc: FactLocation): NodeRef;
export function factRef(loc: FileFactLocation, file: FactFile): NodeRef;
export function factRef(loc: FactLocation | FileFactLocation, file?: FactFile): NodeRef {
  if (typeof loc.range !== 'string') {
    const full = loc as FactLocation;
    return { file: new SourceFile(full.path, full.relPath, ''), pointer: full.pointer, docIndex: full.docIndex, range: () => full.range };
  }
  const [line, column, endLine, endColumn] = rangeNumbers(loc as FileFactLocation);
  const range: SourceRange = { line, column, endLine, endColumn, startOffset: 0, endOffset: 0 };
  return { file: new SourceFile(file!.path, file!.relPath, ''), pointer: loc.pointer, docIndex: loc.docIndex ?? 0, range: () => range };
}

/** `path:line:column` of a location, for tables and messages. */
export function factPosition(loc: FileFactLocation, file: FactFile): string {
  const [line, column] = rangeNumbers(loc);
  return `${file.relPath}:${line}:${column}`;
}
