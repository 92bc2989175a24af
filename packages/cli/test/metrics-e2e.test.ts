import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { plugin } from '@obslint/eslint-plugin';
import { runCli, tempRepo, type JsonResult } from './helpers.js';

/**
 * Issue 5 acceptance, end to end: the same rule ids at the same places through `obslint .` (main() in-process,
 * `--format json`) and through ESLint with the plugin.
 */
const APP = [
  "import client from 'prom-client';",
  "import { metrics } from '@opentelemetry/api';",
  '',
  "const meter = metrics.getMeter('web');",
  "export const logins = new client.Counter({ name: 'metric_1', help: 'x', labelNames: ['user_id'] });",
  "meter.createHistogram('http.server.duration_seconds');",
  "const counter = meter.createCounter('http.requests', { description: 'Requests served.' });",
  'export function handle(req: { url: string }) {',
  '  counter.add(1, { path: req.url });',
  '}',
  '',
].join('\n');

const col = (line: number, needle: string) => APP.split('\n')[line - 1].indexOf(needle) + 1;

const CODE_EXPECTED = [
  { ruleId: 'metric/generic-name', line: 5, column: col(5, "'metric_1'") },
  { ruleId: 'metric/naming-convention', line: 5, column: col(5, "'metric_1'") },
  { ruleId: 'metric/high-cardinality-label', line: 5, column: col(5, "'user_id'") },
  { ruleId: 'metric/missing-help', line: 6, column: col(6, "'http.server") },
  { ruleId: 'metric/missing-unit', line: 6, column: col(6, "'http.server") },
  { ruleId: 'metric/naming-convention', line: 6, column: col(6, "'http.server") },
  { ruleId: 'metric/high-cardinality-label', line: 9, column: col(9, 'path') },
  { ruleId: 'metric/unbounded-label-value', line: 9, column: col(9, 'req.url') },
];

function snapshot(): { text: string; column: number } {
  const lines = ['# HELP api_requests_total Requests served.', '# TYPE api_requests_total counter'];
  for (let i = 0; i < 5000; i++) lines.push(`api_requests_total{method="GET",user_id="${100000 + i}"} 1`);
  return { text: lines.join('\n') + '\n', column: lines[2].indexOf('user_id') + 1 };
}

const sortKey = (m: { ruleId: string | null; line: number; column: number }) => `${String(m.line).padStart(4, '0')}:${String(m.column).padStart(4, '0')}:${m.ruleId}`;
const sorted = <T extends { ruleId: string | null; line: number; column: number }>(ms: T[]) => [...ms].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));

describe('issue 5 acceptance: metric names and label sets end to end', () => {
  const snap = snapshot();
  const dir = tempRepo({ 'src/app.ts': APP, 'metrics/big.prom': snap.text });
  let results: JsonResult[];

  beforeAll(async () => {
    const run = await runCli(['.', '--format', 'json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    results = JSON.parse(run.stdout) as JsonResult[];
  });

  const messagesOf = (suffix: string) => results.find((r) => r.filePath.endsWith(suffix))?.messages.filter((m) => /^(metric|trace)\//.test(m.ruleId)) ?? [];

  it('obslint . reports the code sites at the right places', () => {
    expect(sorted(messagesOf('app.ts')).map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual(sorted(CODE_EXPECTED));
  });

  it('obslint . reports the 5,000-value user_id label at the first offending sample', () => {
    const ms = messagesOf('big.prom');
    expect(sorted(ms).map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([
      { ruleId: 'metric/high-cardinality-label', line: 3, column: snap.column },
      { ruleId: 'metric/series-budget', line: 3, column: snap.column },
      { ruleId: 'metric/unbounded-label-value', line: 3, column: snap.column },
    ]);
    const budget = ms.find((m) => m.ruleId === 'metric/series-budget')!;
    expect(budget.message).toContain('label "user_id" has 5,000 distinct values');
    expect(ms.find((m) => m.ruleId === 'metric/high-cardinality-label')!.severity).toBe(2);
  });

  it('ESLint with @obslint/eslint-plugin reports the same code findings', () => {
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(
      APP,
      [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser }, plugins: { obslint: plugin }, rules: plugin.configs.recommended.rules }],
      'src/app.ts',
    );
    const ours = messages.filter((m) => m.ruleId && /^obslint\/(metric|trace)\//.test(m.ruleId));
    expect(sorted(ours.map((m) => ({ ruleId: m.ruleId!.slice('obslint/'.length), line: m.line, column: m.column })))).toEqual(sorted(CODE_EXPECTED));
    expect(messages.filter((m) => m.fatal)).toEqual([]);
  });
});
