import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester, runRule } from '@obslint/core';
import { at, dashboard, promPanel } from '../fixtures/build.js';
import { rateInterval } from './index.js';

const interval = dashboard([promPanel(1, ['sum(rate(http_requests_total{job=\\"api\\"}[$__interval])) / sum(irate(x_total[${__interval}]))'.replace(/\\"/g, '"')])]);
const fixed = dashboard([promPanel(1, ['sum(irate(http_requests_total[1m]))'])]);

// A dashboard in a ConfigMap: the JSON sits in a YAML block scalar, findings and fixes map through it.
const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: dashboards
data:
  api.json: |
    {
      "uid": "api", "title": "API", "schemaVersion": 39,
      "panels": [
        { "id": 1, "type": "timeseries", "title": "RPS",
          "datasource": { "type": "prometheus", "uid": "$datasource" },
          "targets": [ { "refId": "A", "expr": "sum(rate(http_requests_total{path=\\"/a\\"}[$__interval]))" } ] }
      ]
    }
`;

new RuleTester().run(rateInterval, {
  valid: [
    { name: '$__rate_interval', filename: 'd.json', code: dashboard([promPanel(1, ['sum(rate(x_total[$__rate_interval]))'])]) },
    { name: '$__range', filename: 'd.json', code: dashboard([promPanel(1, ['sum(increase(x_total[$__range]))'])]) },
    { name: 'recording-rule metrics', filename: 'd.json', code: dashboard([promPanel(1, ['sum(rate(job:http_requests:rate5m[5m]))', 'avg_over_time(job:x:ratio[$__interval])'])]) },
    { name: 'other variables', filename: 'd.json', code: dashboard([promPanel(1, ['rate(x_total[$window])'])]) },
    { name: 'long deliberate windows', filename: 'd.json', code: dashboard([promPanel(1, ['sum(increase(x_total[1d]))', 'max_over_time(up[1h])'])]) },
    { name: 'min interval of two scrapes keeps $__interval long enough', filename: 'd.json', code: dashboard([promPanel(1, [], { targets: [{ refId: 'A', expr: 'sum(increase(x_total[$__interval:]))', interval: '2m' }] })]) },
    { name: 'fixedRanges off', filename: 'd.json', code: fixed, options: { fixedRanges: false } },
    { name: 'Loki targets', filename: 'd.json', code: dashboard([promPanel(1, ['sum(rate({app="x"}[$__interval]))'], { datasource: { type: 'loki', uid: '$loki' } })]) },
    { name: 'not a rate-like function', filename: 'd.json', code: dashboard([promPanel(1, ['delta(temp[5m])'])]) },
  ],
  invalid: [
    {
      name: '$__interval and ${__interval}: located at the range, fixed in place',
      filename: 'd.json',
      code: interval,
      output: interval.replace('[$__interval]', '[$__rate_interval]').replace('[${__interval}]', '[${__rate_interval}]'),
      errors: [
        {
          messageId: 'interval',
          message: 'rate() over $__interval in panel "Panel A": when $__interval drops below two scrape intervals the graph has gaps; use $__rate_interval.',
          ...at(interval, '$__interval'),
          endColumn: at(interval, '$__interval').column + '$__interval'.length,
        },
        { messageId: 'interval', message: /^irate\(\) over \$__interval/, ...at(interval, '${__interval}') },
      ],
    },
    {
      name: 'fixed range (no fix offered)',
      filename: 'd.json',
      code: fixed,
      errors: [{ messageId: 'fixed', message: 'irate() over a fixed [1m] in panel "Panel A": it ignores the scrape interval and the time range; use $__rate_interval.', ...at(fixed, '1m]') }],
    },
    {
      name: 'increase over $__interval: reported, but not fixed (the window is the meaning)',
      filename: 'd.json',
      code: dashboard([promPanel(1, ['sum(increase(x_total[$__interval]))'])]),
      errors: [{ messageId: 'interval', message: /^increase\(\)/ }],
    },
    {
      name: 'inside a ConfigMap block scalar',
      filename: 'cm.yaml',
      code: configMap,
      output: configMap.replace('[$__interval]', '[$__rate_interval]'),
      errors: [{ messageId: 'interval', ...at(configMap, '$__interval') }],
    },
  ],
});

describe('dashboard/rate-interval fix on a fixture file', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const path = join(here, '..', 'fixtures', 'rate-interval-fix.json');
  const before = readFileSync(path, 'utf8');

  it('changes only the intended byte ranges', () => {
    const findings = runRule(rateInterval, { filename: 'rate-interval-fix.json', code: before });
    const edits = findings.flatMap((f) => f.fix ?? []).sort((a, b) => b.start - a.start);
    expect(edits.length).toBe(2);
    let after = before;
    for (const e of edits) after = after.slice(0, e.start) + e.text + after.slice(e.end);

    // Byte diff: walk both buffers, collect the differing spans.
    const a = Buffer.from(before);
    const b = Buffer.from(after);
    const spans: Array<{ at: number; removed: string; added: string }> = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (a[i] === b[j]) {
        i++;
        j++;
        continue;
      }
      // Every edit inserts `rate_` after `__`: resync after the inserted bytes.
      const added = b.subarray(j, j + 5).toString();
      spans.push({ at: i, removed: '', added });
      j += 5;
    }
    expect(spans).toEqual([
      { at: before.indexOf('$__interval') + 3, removed: '', added: 'rate_' },
      { at: before.lastIndexOf('$__interval') + 3, removed: '', added: 'rate_' },
    ]);
    // The untouched increase() and the rest of the file are byte for byte the same.
    expect(after.replace(/__rate_interval\]\)\)/g, '__interval]))')).toBe(before);
    expect(after).toContain('increase(errors_total[$__interval])');
  });
});
