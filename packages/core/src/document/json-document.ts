import { firstJsonError, JsonLocationIndex } from './json-locations.js';
import { documentRef, type NodePart, type ParsedDocument, type ParseResult } from './document.js';
import { SourceFile, type SourceRange } from '../source/source-file.js';

export interface JsonDocumentOptions {
  /** The JSON text when it is not the whole file (embedded documents). */
  text?: string;
  /** Maps an offset in `text` to an offset in the file (embedded documents). */
  mapOffset?: (offset: number) => number;
  basePointer?: string;
  docIndex?: number;
}

/**
 * Parses JSON with the engine's JSON.parse (the fastest path: the parse floor) and builds a located AST
 * location index (one scan, see JsonLocationIndex) only when a location is first asked for, which is only for
 * files that have findings.
 */
export function parseJsonDocument(file: SourceFile, opts: JsonDocumentOptions = {}): ParseResult<ParsedDocument> {
  const text = opts.text ?? file.text;
  const mapOffset = opts.mapOffset ?? ((o: number) => o);
  let value: unknown;
  try {
    value = JSON.parse(stripBom(text));
  } catch (err) {
    const located = locateJsonError(text, err);
    return { ok: false, error: { message: located.message, offset: mapOffset(located.offset) } };
  }
  return { ok: true, value: new JsonDocument(file, text, value, mapOffset, opts.basePointer ?? '', opts.docIndex ?? 0) };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Where a JSON text that JSON.parse refused goes wrong, for a message about a file given to obslint (a config,
 * a baseline, a report to merge): the reason and its 1-based line and column.
 */
export function jsonSyntaxError(text: string, err: unknown): { message: string; line: number; column: number } {
  const { message, offset } = locateJsonError(text, err);
  const pos = new SourceFile('', '', text).positionAt(offset);
  return { message: message.replace(/^Invalid JSON: /, ''), line: pos.line, column: pos.column };
}

function locateJsonError(text: string, err: unknown): { message: string; offset: number } {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const e = firstJsonError(text.slice(bom));
  if (e) return { message: `Invalid JSON: ${e.message}`, offset: e.offset + bom };
  const msg = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(msg);
  return { message: `Invalid JSON: ${msg}`, offset: pos ? Number(pos[1]) + bom : 0 };
}

class JsonDocument implements ParsedDocument {
  readonly format = 'json' as const;
  private spans: JsonLocationIndex | undefined;

  constructor(
    readonly file: SourceFile,
    private readonly text: string,
    readonly value: unknown,
    private readonly mapOffset: (o: number) => number,
    readonly basePointer: string,
    readonly docIndex: number,
  ) {}

  locate(pointer: string, part: NodePart = 'value'): SourceRange | undefined {
    const bom = this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.spans ??= new JsonLocationIndex(bom ? this.text.slice(bom) : this.text);
    const span = this.spans.span(pointer.startsWith('#') ? decodeURIComponent(pointer.slice(1)) : pointer);
    if (!span) return undefined;
    const useKey = part === 'key' && span.keyStart !== undefined;
    const start = this.mapOffset((useKey ? span.keyStart! : span.start) + bom);
    const end = this.mapOffset((useKey ? span.keyEnd! : span.end) + bom);
    return this.file.rangeOf(start, end);
  }

  /** Drops the location index (rebuilt on demand): keeps memory flat once a file's findings are located. */
  releaseLocations(): void {
    this.spans = undefined;
  }

  ref(pointer: string, part?: NodePart) {
    return documentRef(this, pointer, part);
  }
}
