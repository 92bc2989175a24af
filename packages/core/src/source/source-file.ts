/** A file's text with fast offset → line/column mapping. Lines and columns are 1-based (as in ESLint output). */
export interface Position {
  line: number;
  column: number;
}

/** A source range. `endColumn` is exclusive (one past the last character), as ESLint reports it. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** 0-based UTF-16 offsets into the file text. */
  startOffset: number;
  endOffset: number;
}

export class SourceFile {
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the run's root directory, with forward slashes. */
  readonly relPath: string;
  readonly text: string;
  private lineStarts: number[] | undefined;
  /** The 0-based line of the last `positionAt` answer (a hint for the next one). */
  private lastLine = 0;

  constructor(path: string, relPath: string, text: string) {
    this.path = path;
    this.relPath = relPath;
    this.text = text;
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      const t = this.text;
      if (t.indexOf('\r') < 0) {
        // The common case: only \n line breaks, found by the engine's own search.
        for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
        this.lineStarts = starts;
        return starts;
      }
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (t.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    const s = this.starts();
    return s[Math.max(0, Math.min(line - 1, s.length - 1))];
  }

  /** Text of a 1-based line without its line terminator. */
  lineText(line: number): string {
    const s = this.starts();
    if (line < 1 || line > s.length) return '';
    const start = s[line - 1];
    const end = line < s.length ? s[line] : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineIndexOf(o);
    return { line: line + 1, column: o - this.starts()[line] + 1 };
  }

  /** The 0-based line of an offset already clamped to the text (no object made: ranges ask twice each). */
  private lineIndexOf(o: number): number {
    const s = this.starts();
    // Locations are mostly asked for in file order: try the line of the last answer and the next few first.
    let line = this.lastLine;
    if (line < s.length && s[line] <= o) {
      for (let k = 0; k < 4 && line + 1 < s.length && s[line + 1] <= o; k++) line++;
      if (line + 1 >= s.length || s[line + 1] > o) return (this.lastLine = line);
    }
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return (this.lastLine = lo);
  }

  offsetAt(pos: Position): number {
    return Math.min(this.lineStart(pos.line) + pos.column - 1, this.text.length);
  }

  rangeOf(startOffset: number, endOffset: number): SourceRange {
    const len = this.text.length;
    const end = Math.max(startOffset, endOffset);
    const a = Math.max(0, Math.min(startOffset, len));
    const b = Math.max(0, Math.min(end, len));
    const s = this.starts();
    const startLine = this.lineIndexOf(a);
    const endLine = this.lineIndexOf(b);
    return { line: startLine + 1, column: a - s[startLine] + 1, endLine: endLine + 1, endColumn: b - s[endLine] + 1, startOffset, endOffset: end };
  }
}
