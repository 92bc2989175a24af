import { parse as momoaParse, type AnyNode, type DocumentNode } from '@humanwhocodes/momoa';
import { documentRef, type NodePart, type ParsedDocument, type ParseResult } from './document.js';
import { parsePointer } from './pointer.js';
import type { SourceFile, SourceRange } from '../source/source-file.js';

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
 * (momoa) only when a location is first asked for, which is only for files that have findings.
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

function locateJsonError(text: string, err: unknown): { message: string; offset: number } {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  try {
    momoaParse(text.slice(bom), { mode: 'json' });
  } catch (e) {
    const m = e as { message?: string; offset?: number };
    if (typeof m.offset === 'number') {
      return { message: `Invalid JSON: ${String(m.message).replace(/\s*\(\d+:\d+\)\s*$/, '')}`, offset: m.offset + bom };
    }
  }
  const msg = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(msg);
  return { message: `Invalid JSON: ${msg}`, offset: pos ? Number(pos[1]) + bom : 0 };
}

class JsonDocument implements ParsedDocument {
  readonly format = 'json' as const;
  private ast: DocumentNode | undefined;

  constructor(
    readonly file: SourceFile,
    private readonly text: string,
    readonly value: unknown,
    private readonly mapOffset: (o: number) => number,
    readonly basePointer: string,
    readonly docIndex: number,
  ) {}

  locate(pointer: string, part: NodePart = 'value'): SourceRange | undefined {
    if (!this.ast) {
      const bom = this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
      try {
        this.ast = momoaParse(this.text.slice(bom), { mode: 'json', ranges: true });
      } catch {
        return undefined;
      }
    }
    let node: AnyNode = this.ast.body;
    let keyNode: AnyNode | undefined;
    let segs: string[];
    try {
      segs = parsePointer(pointer);
    } catch {
      return undefined;
    }
    for (const seg of segs) {
      keyNode = undefined;
      if (node.type === 'Object') {
        let found: AnyNode | undefined;
        for (const m of node.members) {
          const name = m.name.type === 'String' ? m.name.value : m.name.name;
          if (name === seg) {
            found = m.value;
            keyNode = m.name;
          }
        }
        if (!found) return undefined;
        node = found;
      } else if (node.type === 'Array') {
        const el: { value: AnyNode } | undefined = node.elements[Number(seg)];
        if (!el || !/^\d+$/.test(seg)) return undefined;
        node = el.value;
      } else return undefined;
    }
    const target = part === 'key' && keyNode ? keyNode : node;
    const bom = this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const start = this.mapOffset(target.loc.start.offset + bom);
    const end = this.mapOffset(target.loc.end.offset + bom);
    return this.file.rangeOf(start, end);
  }

  ref(pointer: string, part?: NodePart) {
    return documentRef(this, pointer, part);
  }
}
