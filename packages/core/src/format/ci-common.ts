import { countFindings, occurrenceFingerprints, type Finding, type FindingCounts } from '../runner/finding.js';
import type { FindingSource } from '../runner/finding-set.js';

/** Home page of the tool, for formats that name their source. */
export const TOOL_HOME_URL = 'https://github.com/obslint/obslint';

/** One JSON document, pretty-printed, with a final newline. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Stands where the streamed array (or object) goes in a document given to `jsonTextChunks`. */
export const STREAMED_VALUE = '\u0000obslint-streamed-value\u0000';

/**
 * Characters per piece of a streamed document. It bounds what a writer holds at a time, and keeps each piece
 * below the size V8 allocates in its large-object space (128 KB), where pieces would stay until the next full
 * collection instead of going with the next minor one.
 */
const PIECE_CHARS = 64 * 1024;

/**
 * `jsonText(document)` a piece at a time (about 64 KB each), where one array of the document (the place that holds
 * STREAMED_VALUE; or an object, from [key, value] items, with `shape` 'object') is given as an iterable and read as it is written: exactly the same text as the whole
 * document stringified at once, but never held whole (a report can have hundreds of thousands of entries).
 */
export function* jsonTextChunks(
  document: unknown,
  items: Iterable<unknown>,
  { weight = () => 1, shape = 'array' }: { weight?: (item: unknown) => number; shape?: 'array' | 'object' } = {},
): Generator<string> {
  // An object is streamed from [key, value] items, as an array is from its items.
  const [open, close] = shape === 'array' ? ['[', ']'] : ['{', '}'];
  const stringify = (batch: unknown[]) => JSON.stringify(shape === 'array' ? batch : Object.fromEntries(batch as Array<[string, unknown]>), null, 2);
  const text = jsonText(document);
  const mark = JSON.stringify(STREAMED_VALUE);
  const at = text.indexOf(mark);
  if (at < 0) throw new Error('obslint: jsonTextChunks needs STREAMED_VALUE in the document');
  // JSON.stringify(batch, null, 2) is "[\n" + its items indented by 2 + "\n]": each piece is that text without
  // its brackets, indented by the array's own indent (the indent of the line it opens on).
  const lineStart = text.lastIndexOf('\n', at) + 1;
  let indent = 0;
  while (text.charCodeAt(lineStart + indent) === 0x20) indent++;
  const pad = ' '.repeat(indent);
  const head = text.slice(0, at);
  const tail = text.slice(at + mark.length);
  let batch: unknown[] = [];
  let size = 0;
  // Items are batched by weight; how much weight makes a piece is learnt from the pieces already made.
  let limit = 32;
  let first = true;
  const flush = (): string => {
    let inner = stringify(batch).slice(2, -2);
    if (indent) inner = pad + inner.replaceAll('\n', `\n${pad}`);
    const piece = `${first ? `${head}${open}\n` : ',\n'}${inner}`;
    limit = Math.max(1, Math.floor((PIECE_CHARS * size) / Math.max(1, inner.length)));
    first = false;
    batch = [];
    size = 0;
    return piece;
  };
  for (const item of items) {
    batch.push(item);
    size += weight(item);
    if (size >= limit) yield flush();
  }
  if (batch.length) yield flush();
  yield first ? `${head}${open}${close}${tail}` : `\n${pad}${close}${tail}`;
}

/** Byte offset in UTF-8 of a UTF-16 column (both 1-based) on a line: what tools that count bytes expect. */
export function utf8Column(lineText: string | undefined, column: number): number {
  if (lineText === undefined) return column;
  return Buffer.byteLength(lineText.slice(0, Math.max(0, column - 1)), 'utf8') + 1;
}

/**
 * A first pass over a source, for formats that start with their totals (JUnit, Markdown): counts by severity
 * and the files with findings. Only the counts and the paths are kept; the findings are read again to be written.
 */
export function tallyFindings(source: FindingSource): { counts: FindingCounts; files: Set<string> } {
  const counts: FindingCounts = { errorCount: 0, warningCount: 0, infoCount: 0 };
  const files = new Set<string>();
  for (const path of source.files) {
    const fs = source.of(path);
    if (fs.length === 0) continue;
    files.add(path);
    const c = countFindings(fs);
    counts.errorCount += c.errorCount;
    counts.warningCount += c.warningCount;
    counts.infoCount += c.infoCount;
  }
  return { counts, files };
}

/** Gathers text and gives it out in pieces of about PIECE_CHARS (`add` returns a piece when one is full). */
export class TextPieces {
  private text = '';

  constructor(start = '') {
    this.text = start;
  }

  add(text: string): string | undefined {
    this.text += text;
    if (this.text.length < PIECE_CHARS) return undefined;
    const piece = this.text;
    this.text = '';
    return piece;
  }

  /** What is left, with `end` after it. */
  rest(end = ''): string {
    const piece = this.text + end;
    this.text = '';
    return piece;
  }
}

/**
 * Every finding of a source, a file at a time, with its fingerprint made unique in the run (see
 * `occurrenceFingerprints`; fingerprints name their file, so occurrences are counted within it).
 */
export function* findingsWithIds(source: FindingSource): Generator<[Finding, string]> {
  for (const path of source.files) {
    const fs = source.of(path);
    const ids = occurrenceFingerprints(fs);
    for (let i = 0; i < fs.length; i++) yield [fs[i], ids[i]];
  }
}
