import { SourceFile, loadFile, type ChangedFiles, type FileModel, type Finding } from '@obslint/core';
import { describe, expect, it } from 'vitest';
import { changeFilter } from '../src/changed-filter.js';

const filterToChanges = (findings: Finding[], changed: ChangedFiles, models: FileModel[], lines: boolean) => findings.filter(changeFilter(changed, models, lines).keeps);

const PATH = '/nonexistent-obslint-test/dash.json';

/** A dashboard with a plain panel and a collapsed row holding a nested panel. */
const TEXT = JSON.stringify(
  {
    uid: 'd',
    title: 'D',
    schemaVersion: 39,
    panels: [
      { id: 1, type: 'timeseries', title: 'A', targets: [{ refId: 'A', expr: 'rate(x[5m])' }] },
      { id: 2, type: 'row', title: 'Row', collapsed: true, panels: [{ id: 3, type: 'stat', title: 'C', targets: [{ refId: 'A', expr: 'up' }] }] },
    ],
  },
  null,
  2,
);

const lines = TEXT.split('\n');
const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;

function finding(pointer: string, needle: string, filePath = PATH): Finding {
  const line = lineOf(needle);
  return { ruleId: 'r/x', severity: 'warning', message: pointer, filePath, relPath: 'dash.json', line, column: 1, endLine: line, endColumn: 2, pointer, fingerprint: pointer, origin: 'document' };
}

function changed(ranges: Array<[number, number]>): ChangedFiles {
  return { files: new Set([PATH]), hunks: new Map([[PATH, ranges]]), added: new Set(), topLevel: '/nonexistent-obslint-test' };
}

describe('changeFilter', () => {
  const model = loadFile(new SourceFile(PATH, 'dash.json', TEXT));
  const onExprA = finding('/panels/0/targets/0/expr', '"rate(x[5m])"');
  const onNested = finding('/panels/1/panels/0/targets/0/expr', '"up"');
  const onTitle = finding('/title', '"title": "D"');
  const all = [onTitle, onExprA, onNested];

  it('keeps findings in changed files only', () => {
    const other = finding('/title', '"title": "D"', '/nonexistent-obslint-test/other.json');
    expect(filterToChanges([...all, other], changed([[1, 1]]), [model], false)).toEqual(all);
  });

  it('judges a changed panel whole: a change to its title keeps a finding on its query', () => {
    expect(filterToChanges(all, changed([[lineOf('"title": "A"'), lineOf('"title": "A"')]]), [model], true)).toEqual([onExprA]);
    // A nested panel inside a collapsed row is its own unit: changing it keeps its finding, not the first panel's.
    expect(filterToChanges(all, changed([[lineOf('"title": "C"'), lineOf('"title": "C"')]]), [model], true)).toEqual([onNested]);
  });

  it('outside panels, only findings on changed lines', () => {
    const t = lineOf('"title": "D"');
    expect(filterToChanges(all, changed([[t, t]]), [model], true)).toEqual([onTitle]);
    expect(filterToChanges(all, changed([[lineOf('schemaVersion'), lineOf('schemaVersion')]]), [model], true)).toEqual([]);
  });
});
