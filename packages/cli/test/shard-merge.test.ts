import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonOutput, runCli, tempRepo } from './helpers.js';
import { mergeJson } from '../src/commands/merge.js';

const rule = (name: string) => `groups:\n  - name: g-${name}\n    rules:\n      - alert: ${name}\n        expr: up{job="${name}"} == 0\n`;

function ids(stdout: string): string[] {
  return parseJsonOutput(stdout).flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.ruleId}:${m.fingerprint}`)).sort();
}

describe('--shard k/n and obslint merge', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 30; i++) files[`rules/r${i}.yaml`] = rule(i % 10 === 0 ? 'Dup' : `A${i}`);
  files['m.prom'] = '# TYPE metric_1 gauge\nmetric_1 1\n';
  files['src/app.ts'] = "import pino from 'pino';\nconst log = pino();\nexport const f = (id: string) => log.info(`user ${id}`);\n";

  it('three shards report disjoint shares whose union is the full run (cross-file rules included), and merge joins them', async () => {
    const dir = tempRepo(files);
    const full = await runCli(['.', '-f', 'json'], dir);
    const shards = [];
    for (let k = 1; k <= 3; k++) {
      const run = await runCli(['.', '--shard', `${k}/3`, '-f', 'json', '-o', `out/s${k}.json`], dir);
      expect(run.code).not.toBe(2);
      shards.push(ids(readFileSync(join(dir, 'out', `s${k}.json`), 'utf8')));
    }
    const union = shards.flat().sort();
    expect(new Set(union).size).toBe(union.length); // disjoint
    expect(union).toEqual(ids(full.stdout));
    expect(union.filter((x) => x.includes('alert/duplicate'))).toHaveLength(2);
    expect(shards.filter((s) => s.length > 0).length).toBeGreaterThan(1);

    const merged = await runCli(['merge', 'out/s1.json', 'out/s2.json', 'out/s3.json', '-f', 'json'], dir);
    expect(ids(merged.stdout)).toEqual(ids(full.stdout));
    expect(merged.code).toBe(full.code);
  }, 60_000);

  it('shards locate cross-file findings on queries as the full run does (outside its share, a shard locates no query)', async () => {
    const dashboards: Record<string, string> = {
      'src/metrics.ts': "import { Counter } from 'prom-client';\nexport const orders = new Counter({ name: 'shop_orders_total', help: 'Orders placed.', labelNames: ['job', 'route'] });\n",
    };
    for (let i = 0; i < 12; i++) {
      const targets = [
        { refId: 'A', expr: `sum by (route) (rate(shop_order_total{job="api"}[$__rate_interval]))` }, // a typo of the counter
        { refId: 'B', expr: `sum(rate(shop_orders_total{job="api",rout="/r${i}"}[$__rate_interval]))` }, // an unknown label
      ];
      const panels = [{ id: 1, type: 'timeseries', title: `Orders ${i}`, datasource: { type: 'prometheus', uid: '${datasource}' }, targets }];
      dashboards[`dashboards/d${i}.json`] = JSON.stringify({ uid: `d${i}`, title: `Shop ${i}`, schemaVersion: 39, panels }, null, i % 2 ? 2 : undefined);
    }
    const dir = tempRepo(dashboards);
    const located = (stdout: string) =>
      parseJsonOutput(stdout)
        .flatMap((r) => r.messages.filter((m) => m.ruleId.startsWith('query/')).map((m) => `${r.filePath}:${m.line}:${m.column}-${m.endLine}:${m.endColumn}:${m.ruleId}:${m.message}`))
        .sort();
    const full = located((await runCli(['.', '-f', 'json'], dir)).stdout);
    expect(full.filter((f) => f.includes('query/unknown-metric'))).toHaveLength(12);
    expect(full.filter((f) => f.includes('query/unknown-label'))).toHaveLength(12);
    const union: string[] = [];
    for (let k = 1; k <= 3; k++) union.push(...located((await runCli(['.', '--shard', `${k}/3`, '-f', 'json'], dir)).stdout));
    expect(union.sort()).toEqual(full);
    // And each finding is on the name or label as written in its file.
    for (const f of full) {
      const [, path, line, column, endColumn] = /^(.*?):(\d+):(\d+)-\d+:(\d+):/.exec(f)!;
      const text = readFileSync(path, 'utf8').split('\n')[Number(line) - 1].slice(Number(column) - 1, Number(endColumn) - 1);
      expect(text, f).toBe(f.includes('unknown-metric') ? 'shop_order_total' : 'rout');
    }
  }, 60_000);

  it('merges SARIF into one run with remapped rule indexes', async () => {
    const dir = tempRepo(files);
    for (let k = 1; k <= 2; k++) await runCli(['.', '--shard', `${k}/2`, '-f', 'sarif', '-o', `s${k}.sarif`], dir);
    const run = await runCli(['merge', 's1.sarif', 's2.sarif', '-f', 'sarif', '-o', 'all.sarif'], dir);
    expect(run.code).toBe(1);
    const log = JSON.parse(readFileSync(join(dir, 'all.sarif'), 'utf8'));
    const full = JSON.parse((await runCli(['.', '-f', 'sarif'], dir)).stdout);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].results.length).toBe(full.runs[0].results.length);
    for (const r of log.runs[0].results) expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  }, 60_000);

  it('merge --sarif-max-results keeps what the whole run would keep, in its order, whatever the order of the shards', async () => {
    const dir = tempRepo(files);
    for (let k = 1; k <= 3; k++) await runCli(['.', '--shard', `${k}/3`, '-f', 'sarif', '-o', `s${k}.sarif`], dir);
    const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
    type Result = { ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> };
    const results = (log: { runs: Array<{ results: Result[] }> }) => log.runs[0].results.map((r) => `${r.level} ${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine} ${r.ruleId}`);
    const whole = JSON.parse((await runCli(['.', '-f', 'sarif'], dir)).stdout);
    const all = results(whole);
    const errors = all.filter((r) => r.startsWith('error')).length;
    expect(errors).toBeGreaterThan(0);
    const max = errors + 3;
    expect(all.length).toBeGreaterThan(max);
    await runCli(['.', '-f', 'sarif', '-o', 'whole-capped.sarif', '--sarif-max-results', String(max)], dir);

    const run = await runCli(['merge', 's3.sarif', 's1.sarif', 's2.sarif', '-f', 'sarif', '-o', 'all.sarif', '--sarif-max-results', String(max)], dir);
    expect(run.code).toBe(1); // the errors are in it
    expect(run.stderr).toBe(`obslint: SARIF (all.sarif) holds the ${max} most severe of ${all.length} findings (--sarif-max-results ${max})\n`);
    const merged = read('all.sarif');
    expect(results(merged)).toEqual(results(read('whole-capped.sarif')));
    expect(merged.runs[0].invocations[0].toolExecutionNotifications[0]).toMatchObject({ descriptor: { id: 'results-omitted' }, properties: { omittedResults: all.length - max } });
    // Without a cap, the joined results are the whole run's, in its order.
    await runCli(['merge', 's2.sarif', 's3.sarif', 's1.sarif', '-f', 'sarif', '-o', 'uncapped.sarif'], dir);
    expect(results(read('uncapped.sarif'))).toEqual(all);
    expect(read('uncapped.sarif').runs[0].invocations).toBeUndefined();

    // Shards capped on their own: the joined notice counts what each left out, and a cut on top of them.
    for (let k = 1; k <= 3; k++) await runCli(['.', '--shard', `${k}/3`, '-f', 'sarif', '-o', `c${k}.sarif`, '--sarif-max-results', String(errors)], dir);
    const shardsKept = [1, 2, 3].reduce((n, k) => n + read(`c${k}.sarif`).runs[0].results.length, 0);
    await runCli(['merge', 'c1.sarif', 'c2.sarif', 'c3.sarif', '-f', 'sarif', '-o', 'joined.sarif'], dir);
    expect(read('joined.sarif').runs[0].invocations[0].toolExecutionNotifications[0].properties.omittedResults).toBe(all.length - shardsKept);
    const cut = await runCli(['merge', 'c1.sarif', 'c2.sarif', 'c3.sarif', '-f', 'sarif', '-o', 'cut.sarif', '--sarif-max-results', String(errors)], dir);
    expect(read('cut.sarif').runs[0].results.map((r: Result) => r.level)).toEqual(new Array(errors).fill('error'));
    expect(read('cut.sarif').runs[0].invocations[0].toolExecutionNotifications[0].properties.omittedResults).toBe(all.length - errors);
    expect(cut.stderr).toContain(`holds the ${errors} most severe of ${all.length} findings`);
  }, 60_000);

  it('a file in several JSON inputs gets all their messages, and its counts are made again from them', () => {
    const entry = (severities: number[]) => ({ filePath: '/r/a.yaml', messages: severities.map((severity) => ({ severity })), errorCount: 9, warningCount: 9, infoCount: 9 });
    const [joined] = mergeJson([[entry([2, 0])], [entry([1, 0, 0])]]);
    expect(joined).toMatchObject({ errorCount: 1, warningCount: 1, infoCount: 3 });
    expect(joined.messages).toHaveLength(5);
  });

  it('rejects a bad shard and mixed inputs', async () => {
    const dir = tempRepo({ 'a.json': '[]', 'b.sarif': '{"version":"2.1.0","runs":[]}' });
    expect((await runCli(['.', '--shard', '4/3'], dir)).stderr).toContain('--shard: expected k/n');
    const mixed = await runCli(['merge', 'a.json', 'b.sarif'], dir);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('inputs must all be obslint JSON');
    const capped = await runCli(['merge', 'a.json', '--sarif-max-results', '10'], dir);
    expect(capped.code).toBe(2);
    expect(capped.stderr).toContain('merge: --sarif-max-results applies to SARIF; these inputs are JSON');
  });

  it('an input that is JSON but not an obslint output: exit 2, with the file, line and column of the value at fault', async () => {
    const dir = tempRepo({
      'entries.json': '[\n  {"filePath": "a.yaml", "messages": []},\n  {"filePath": "b.yaml", "messages": null}\n]\n',
      'severity.json': '[{"filePath": "a.yaml", "messages": [{"severity": 2}, {"severity": "high"}]}]',
      'tool.sarif': '{"version": "2.1.0", "runs": [\n  {"tool": {}, "results": []}\n]}',
      'results.sarif': '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": {"0": 1}}]}',
      'empty.sarif': '{"version": "2.1.0", "runs": []}',
      'one.sarif': '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "obslint"}}, "results": [{"level": "error", "message": {"text": "m"}}]}]}',
    });
    const merge = (...files: string[]) => runCli(['merge', ...files], dir);
    const entries = await merge('entries.json');
    expect(entries.code).toBe(2);
    expect(entries.stderr).toMatch(/^obslint: merge: entries\.json:3:3: not an obslint JSON output \(\/1\): a file entry needs a "messages" array\n/);
    expect((await merge('severity.json')).stderr).toContain('severity.json:1:55: not an obslint JSON output (/0/messages/1): a message must be an object with a severity of 0, 1 or 2');
    expect((await merge('tool.sarif')).stderr).toContain('tool.sarif:2:12: not an obslint SARIF output (/runs/0/tool): a run needs tool.driver with a name');
    expect((await merge('results.sarif')).stderr).toContain('(/runs/0/results): results must be an array of objects');
    // A log without runs adds nothing, and alone it is the joined log.
    const joined = await merge('empty.sarif', 'one.sarif', '--sarif-max-results', '5');
    expect(joined.code).toBe(1);
    expect(JSON.parse(joined.stdout).runs[0].results).toHaveLength(1);
    const empty = await merge('empty.sarif', 'empty.sarif', '--sarif-max-results', '5');
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.stdout).runs).toEqual([]);
  });

  it('a truncated or missing input: exit 2, with the file, line and column of the fault', async () => {
    const dir = tempRepo({ 'a.json': '[\n  {"filePath": "x", "messages": []},\n', 'b.json': '[]' });
    const cut = await runCli(['merge', 'a.json', 'b.json'], dir);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(/^obslint: merge: a\.json:3:1: not valid JSON: value expected\n/);
    const missing = await runCli(['merge', 'b.json', 'gone.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^obslint: merge: cannot read gone\.json: ENOENT: no such file or directory\n/);
  });
});
