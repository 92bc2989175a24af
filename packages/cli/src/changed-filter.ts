import { realpathSync } from 'node:fs';
import { touchesChangedLines, type ChangedFiles, type Finding, type FileModel, type SourceRange } from '@obslint/core';

/** A dashboard panel's source range, keyed by its JSON pointer, for judging a changed panel whole. */
interface PanelSpan {
  pointer: string;
  range: SourceRange;
}

function realPath(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return p; // a deleted file keeps its path
  }
}

function panelSpans(models: readonly FileModel[]): Map<string, PanelSpan[]> {
  const byFile = new Map<string, PanelSpan[]>();
  for (const m of models) {
    const spans: PanelSpan[] = [];
    for (const d of m.dashboards) {
      for (const p of d.panels) {
        const range = p.ref.range();
        if (p.ref.pointer !== undefined && range) spans.push({ pointer: p.ref.pointer, range });
      }
    }
    if (spans.length) byFile.set(m.file.path, spans);
  }
  return byFile;
}

/**
 * The innermost panel holding a finding: its pointer lies at or under the panel's pointer (`/panels/3/...`,
 * or a panel nested in a row) and its line inside the panel's range (which tells documents of a multi-document
 * YAML file apart).
 */
function enclosingPanel(spans: readonly PanelSpan[] | undefined, f: Finding): PanelSpan | undefined {
  if (!spans || f.pointer === undefined) return undefined;
  let best: PanelSpan | undefined;
  for (const s of spans) {
    const under = f.pointer === s.pointer || f.pointer.startsWith(`${s.pointer}/`);
    if (under && s.range.line <= f.line && f.line <= s.range.endLine && (!best || s.pointer.length > best.pointer.length)) best = s;
  }
  return best;
}

/** What a diff keeps: its files, and the findings in them (with changed lines: those on changed lines). */
export interface ChangeFilter {
  keepsFile(filePath: string): boolean;
  keeps(f: Finding): boolean;
}

/**
 * Keeps the findings in changed files; with `lines`, only those whose range touches a changed hunk, where a
 * finding inside a dashboard panel counts as touched when any line of that panel changed.
 */
/** Whether a path is one of the changed files (compared by real path: symlinks and `..` do not hide a change). */
export function changedFileTest(changed: ChangedFiles): (filePath: string) => boolean {
  const { realOf, changedFiles } = realView(changed);
  return (filePath) => changedFiles.has(realOf(filePath));
}

function realView(changed: ChangedFiles) {
  const real = new Map<string, string>();
  const realOf = (p: string) => real.get(p) ?? real.set(p, realPath(p)).get(p)!;
  return { realOf, changedFiles: new Set([...changed.files].map(realOf)) };
}

export function changeFilter(changed: ChangedFiles, models: readonly FileModel[], lines: boolean): ChangeFilter {
  const { realOf, changedFiles } = realView(changed);
  const hunksByReal = new Map([...changed.hunks].map(([p, h]) => [realOf(p), h] as const));
  const view: ChangedFiles = { ...changed, files: changedFiles, hunks: hunksByReal };
  const spans = lines ? panelSpans(models) : new Map<string, PanelSpan[]>();
  const keepsFile = (filePath: string) => changedFiles.has(realOf(filePath));
  return {
    keepsFile,
    keeps(f) {
      if (!keepsFile(f.filePath)) return false;
      if (!lines) return true;
      const panel = enclosingPanel(spans.get(f.filePath), f);
      const [from, to] = panel ? [panel.range.line, panel.range.endLine] : [f.line, f.endLine];
      return touchesChangedLines(view, realOf(f.filePath), from, to);
    },
  };
}
