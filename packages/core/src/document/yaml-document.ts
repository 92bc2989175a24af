import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import { documentRef, type NodePart, type ParsedDocument, type ParseFailure } from './document.js';
import { parsePointer } from './pointer.js';
import type { SourceFile, SourceRange } from '../source/source-file.js';

/** Upper bound on alias expansion: YAML alias bombs become a parse error instead of eating memory. */
export const MAX_YAML_ALIAS_COUNT = 1000;

export interface YamlParseOutcome {
  documents: ParsedDocument[];
  /** Errors, one per broken document (the other documents of the stream are still returned). */
  errors: ParseFailure[];
}

/**
 * Parses a (multi-document) YAML file once, keeping the node tree so any JSON pointer maps to a source
 * range. Uses the `yaml` package rather than js-yaml because it keeps source ranges and comments.
 */
export function parseYamlDocuments(file: SourceFile, text: string = file.text): YamlParseOutcome {
  const documents: ParsedDocument[] = [];
  const errors: ParseFailure[] = [];
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { merge: true, prettyErrors: false, strict: false, uniqueKeys: false }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  } catch (err) {
    return { documents, errors: [{ message: `Invalid YAML: ${(err as Error).message}`, offset: 0 }] };
  }
  docs.forEach((doc, i) => {
    const err = doc.errors[0];
    if (err) {
      errors.push({ message: `Invalid YAML: ${firstLine(err.message)}`, offset: err.pos[0], endOffset: err.pos[1] });
      return;
    }
    if (doc.contents === null && i > 0) return; // empty trailing document after '---'
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
    } catch (e) {
      errors.push({ message: `Invalid YAML: ${firstLine((e as Error).message)}`, offset: doc.range?.[0] ?? 0 });
      return;
    }
    documents.push(new YamlDocument(file, doc, value, i));
  });
  return { documents, errors };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

class YamlDocument implements ParsedDocument {
  readonly format = 'yaml' as const;
  readonly basePointer = '';
  constructor(
    readonly file: SourceFile,
    private readonly doc: Document.Parsed,
    readonly value: unknown,
    readonly docIndex: number,
  ) {}

  /** The yaml node at a pointer (for embedded documents that need the scalar's source token). */
  nodeAt(pointer: string): { node: YamlNode | null; key: YamlNode | null } | undefined {
    let node: unknown = this.doc.contents;
    let key: YamlNode | null = null;
    let segs: string[];
    try {
      segs = parsePointer(pointer);
    } catch {
      return undefined;
    }
    for (const seg of segs) {
      key = null;
      if (isMap(node)) {
        let found: unknown;
        for (const item of node.items) {
          if (!isPair(item)) continue;
          const k = isScalar(item.key) ? String(item.key.value) : String(item.key);
          if (k === seg) {
            found = item.value;
            key = item.key as YamlNode;
          }
        }
        if (found === undefined) return undefined;
        node = found;
      } else if (isSeq(node)) {
        if (!/^\d+$/.test(seg)) return undefined;
        node = node.items[Number(seg)];
        if (node === undefined) return undefined;
      } else return undefined;
    }
    return { node: node as YamlNode | null, key };
  }

  locate(pointer: string, part: NodePart = 'value'): SourceRange | undefined {
    const hit = this.nodeAt(pointer);
    if (!hit) return undefined;
    const target = part === 'key' && hit.key ? hit.key : hit.node ?? hit.key;
    const range = target?.range;
    if (!range) return undefined;
    return this.file.rangeOf(range[0], range[1]);
  }

  ref(pointer: string, part?: NodePart) {
    return documentRef(this, pointer, part);
  }
}

export type { YamlDocument };
export function isYamlDocument(d: ParsedDocument): d is YamlDocument {
  return d instanceof YamlDocument;
}
