import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, REPO_ROOT, parseJsonOutput, positionOf, runCli, tempRepo } from './helpers.js';

const demo = (p: string) => readFileSync(join(EXAMPLES, 'demo', p), 'utf8');

describe('obslint examples/demo --format json', () => {
  let results: ReturnType<typeof parseJsonOutput>;
  let code: number;
  beforeAll(async () => {
    const run = await runCli(['examples/demo', '--format', 'json']);
    code = run.code;
    results = parseJsonOutput(run.stdout);
  });
  const messagesOf = (rel: string) => results.find((r) => r.filePath === join(EXAMPLES, 'demo', rel))!.messages;

  it('is ESLint-compatible JSON with obslint fields and exits 1 (there are errors)', () => {
    expect(code).toBe(1);
    for (const r of results) {
      expect(typeof r.filePath).toBe('string');
      expect(r.errorCount).toBe(r.messages.filter((m) => m.severity === 2).length);
      expect(r.warningCount).toBe(r.messages.filter((m) => m.severity === 1).length);
      for (const m of r.messages) {
        expect(m).toMatchObject({ ruleId: expect.any(String), message: expect.any(String), line: expect.any(Number), column: expect.any(Number), fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) });
      }
    }
  });

  it('dashboard/max-panels at the dashboard title, with both counts', () => {
    const m = messagesOf('dashboards/shop-overview.json').find((x) => x.ruleId === 'dashboard/max-panels')!;
    const text = demo('dashboards/shop-overview.json');
    expect(m).toMatchObject({ severity: 1, ...positionOf(text, '"Shop overview"'), pointer: '/title', entity: 'dashboard:shop-overview' });
    expect(m.message).toContain('64 panels (40 in collapsed rows)');
  });

  it('alert/missing-for on the alert without for, and on for: 0m', () => {
    const text = demo('alerts/shop.rules.yaml');
    const ms = messagesOf('alerts/shop.rules.yaml').filter((x) => x.ruleId === 'alert/missing-for');
    expect(ms.map((m) => ({ line: m.line, column: m.column }))).toEqual([positionOf(text, 'ShopHighErrorRate'), positionOf(text, '0m', 'ShopInstanceDown')]);
    expect(ms[1].entity).toBe('group:shop/alert:ShopInstanceDown');
  });

  it('metric/generic-name at the metric name in the snapshot', () => {
    const text = demo('metrics/shop.prom');
    const ms = messagesOf('metrics/shop.prom').filter((x) => x.ruleId === 'metric/generic-name');
    expect(ms.map((m) => [m.line, m.column, m.endColumn, m.severity])).toEqual([
      [positionOf(text, 'metric_1').line, 8, 16, 2],
      [positionOf(text, 'requests Requests').line, 8, 16, 2],
    ]);
  });

  it('log/structured-message on the TypeScript service, through ESLint', () => {
    const text = demo('src/checkout.ts');
    const ms = messagesOf('src/checkout.ts').filter((x) => x.ruleId === 'log/structured-message');
    expect(ms.map((m) => ({ line: m.line, column: m.column }))).toEqual([positionOf(text, '`checkout started'), positionOf(text, "'charge failed for user '")]);
  });
});

describe('exit codes', () => {
  it('clean example: exit 0, no findings', async () => {
    const run = await runCli(['examples/clean']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/files checked, no problems found/);
    const json = parseJsonOutput((await runCli(['examples/clean', '-f', 'json'])).stdout);
    expect(json.flatMap((r) => r.messages)).toEqual([]);
  });

  it('only warnings: exit 0; with --max-warnings 0: exit 1', async () => {
    const dir = tempRepo({ 'rules.yaml': 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n' });
    const warn = await runCli(['.', '--rule', 'alert/missing-for:warn'], dir);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toContain('alert/missing-for');
    const strict = await runCli(['.', '--max-warnings', '0'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('too many warnings');
  });

  it('an error finding: exit 1; info never changes the exit code', async () => {
    const dir = tempRepo({ 'm.prom': '# TYPE metric_1 gauge\nmetric_1 1\n' });
    expect((await runCli(['.'], dir)).code).toBe(1);
    const info = await runCli(['.', '--rule', 'metric/generic-name:info'], dir);
    expect(info.code).toBe(0);
    expect(info.stdout).toContain('info');
  });

  it.each([
    ['broken config', { 'obslint.config.yaml': 'rules: [' }, ['.'], /configuration error in .*obslint\.config\.yaml:1:9: Config file is not valid YAML/],
    ['broken JSON config', { 'obslint.config.json': '{\n  "rules": {\n    "alert/missing-for": "warn",\n  }\n}\n' }, ['.'], /configuration error in .*obslint\.config\.json:4:3: Config file is not valid JSON: property name expected/],
    ['unknown rule id', { 'obslint.config.yaml': 'rules:\n  alert/missing-fr: error\n' }, ['.'], /obslint\.config\.yaml:2:3: Invalid config at rules\["alert\/missing-fr"\]: unknown rule "alert\/missing-fr" \(did you mean "alert\/missing-for"\?\)/],
    ['unknown option', { 'obslint.config.yaml': 'rules:\n  alert/missing-for: [warn, { minimum: 5m }]\n' }, ['.'], /obslint\.config\.yaml:2:31: Invalid config at rules\["alert\/missing-for"\]\[1\]: unknown option "minimum" for rule alert\/missing-for/],
    ['bad option value', { 'obslint.config.yaml': 'rules:\n  dashboard/max-panels: [warn, { warn: "many" }]\n' }, ['.'], /obslint\.config\.yaml:2:40: Invalid config at rules\["dashboard\/max-panels"\]\[1\]\.warn: option "warn" of rule dashboard\/max-panels must be integer/],
    ['unknown config key', { 'obslint.config.yaml': 'rulez: {}\n' }, ['.'], /obslint\.config\.yaml:1:1: Invalid config at \(root\): unknown property "rulez"/],
    ['bad severity in an override (JSON)', { 'obslint.config.json': '{\n  "overrides": [\n    { "files": ["a/**"], "rules": { "alert/missing-for": "loud" } }\n  ]\n}\n' }, ['.'], /obslint\.config\.json:3:58: Invalid config at overrides\[0\]\.rules\["alert\/missing-for"\]: must be one of/],
    ['bad flag', {}, ['--frobnicate'], /Unknown option '--frobnicate'/],
    ['unknown --rule id', {}, ['--rule', 'nope/nope:error'], /unknown rule "nope\/nope"/],
    ['unknown format', {}, ['-f', 'xml'], /Unknown format "xml"/],
    ['missing path', {}, ['does-not-exist'], /No such file or directory: does-not-exist/],
  ])('%s: exit 2 with a clear message (where the config says it: file, line and column)', async (_name, files, argv, message) => {
    const dir = tempRepo(files as Record<string, string>);
    const run = await runCli(argv as string[], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message as RegExp);
    expect(run.stderr).not.toMatch(/internal error|    at /);
  });
});

describe('parse errors', () => {
  it('a malformed JSON dashboard and a malformed YAML rule file each give one parse-error at the fault; other files are still linted', async () => {
    const badJson = '{\n  "title": "Broken",\n  "panels": [\n    { "id": 1, "type": "graph" }\n    { "id": 2 }\n  ]\n}\n';
    const badYaml = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n       for: 5m\n';
    const dir = tempRepo({ 'dash.json': badJson, 'rules.yaml': badYaml, 'good.yaml': 'groups:\n  - name: g\n    rules:\n      - alert: B\n        expr: up == 0\n' });
    const run = await runCli(['.', '-f', 'json'], dir);
    const res = parseJsonOutput(run.stdout);
    const byFile = (n: string) => res.find((r) => r.filePath.endsWith(n))!.messages;
    expect(byFile('dash.json')).toEqual([expect.objectContaining({ ruleId: 'parse-error', severity: 2, line: 5, column: 5 })]);
    const yamlErr = byFile('rules.yaml');
    expect(yamlErr).toHaveLength(1);
    expect(yamlErr[0]).toMatchObject({ ruleId: 'parse-error', line: 6 });
    expect(byFile('good.yaml').map((m) => m.ruleId)).toContain('alert/missing-for');
    expect(run.code).toBe(1);
  });

  it('unknown JSON files (package.json, tsconfig) are not reported', async () => {
    const dir = tempRepo({ 'package.json': '{"name":"x"}', 'tsconfig.json': '{ // comment\n "compilerOptions": {} }' });
    const run = await runCli(['.'], dir);
    expect(run.code).toBe(0);
  });

  it('a Helm-templated rule file is skipped with an info finding, never a crash', async () => {
    const dir = tempRepo({ 'templates/rules.yaml': 'groups:\n  - name: {{ .Values.name }}\n    rules:\n{{- range .Values.alerts }}\n      - alert: {{ .name }}\n{{- end }}\n' });
    const run = await runCli(['.', '-f', 'json'], dir);
    const msgs = parseJsonOutput(run.stdout).flatMap((r) => r.messages);
    expect(msgs).toEqual([expect.objectContaining({ ruleId: 'file-skipped', severity: 0 })]);
    expect(run.code).toBe(0);
  });
});

describe('config', () => {
  it('finds obslint.config.yaml by walking up, applies overrides and ignores', async () => {
    const dir = tempRepo({
      'obslint.config.yaml': 'rules:\n  alert/missing-for: [error, { min: 5m }]\noverrides:\n  - files: ["legacy/**"]\n    rules:\n      alert/missing-for: off\nignores: ["vendor/**"]\n',
      'sub/rules.yaml': 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        for: 2m\n',
      'legacy/rules.yaml': 'groups:\n  - name: g\n    rules:\n      - alert: L\n        expr: up == 0\n',
      'vendor/rules.yaml': 'groups:\n  - name: g\n    rules:\n      - alert: V\n        expr: up == 0\n',
    });
    const run = await runCli(['..', '-f', 'json'], join(dir, 'sub'));
    const msgs = parseJsonOutput(run.stdout)
      .flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice(dir.length + 1), ...m })))
      .filter((m) => m.ruleId === 'alert/missing-for');
    expect(msgs.map((m) => [m.file, m.ruleId, m.severity])).toEqual([['sub/rules.yaml', 'alert/missing-for', 2]]);
    expect(msgs[0].message).toContain('shorter than 5m');
    expect(run.code).toBe(1);
  });

  it('--no-config ignores the config file', async () => {
    const dir = tempRepo({ 'obslint.config.yaml': 'rules:\n  alert/missing-for: off\n', 'r.yaml': 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n' });
    expect((await runCli(['.'], dir)).stdout).not.toContain('alert/missing-for');
    expect((await runCli(['.', '--no-config'], dir)).stdout).toContain('alert/missing-for');
  });

  it('never loads a JavaScript config (it would run code)', async () => {
    const dir = tempRepo({ 'obslint.config.mjs': 'import fs from "node:fs"; fs.writeFileSync("pwned", "x"); export default {};', 'r.yaml': 'groups: []\n' });
    const run = await runCli(['.'], dir);
    expect(run.stderr).toContain('JavaScript configs run code and are not loaded');
    expect(() => readFileSync(join(dir, 'pwned'))).toThrow();
    expect(run.code).toBe(0);
  });

  it('--print-config shows the effective settings for a file', async () => {
    const dir = tempRepo({ 'obslint.config.yaml': 'overrides:\n  - files: ["a/**"]\n    rules:\n      dashboard/max-panels: [error, { warn: 5, error: 10 }]\n' });
    const run = await runCli(['--print-config', 'a/x.json'], dir);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.rules['dashboard/max-panels']).toEqual(['error', { warn: 5, error: 10 }]);
    expect(out.rules['alert/missing-for']).toEqual(['warning', { min: '1m' }]);
  });

  it('obslint init writes a starter config that validates, and never overwrites', async () => {
    const dir = tempRepo({});
    expect((await runCli(['init'], dir)).code).toBe(0);
    expect((await runCli(['.'], dir)).code).toBe(0);
    expect((await runCli(['init'], dir)).code).toBe(2);
  });
});

describe('commands', () => {
  it('obslint rules lists every rule with severity, description and docs path', async () => {
    const run = await runCli(['rules']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/dashboard\/max-panels\s+warning\s+Too many panels/);
    expect(run.stdout).toContain('rules/alert/missing-for/README.md');
  });

  it('--version and --help', async () => {
    expect((await runCli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes');
  });

  it('several formats in one run: -f json -o file -f stylish', async () => {
    const dir = tempRepo({ 'm.prom': '# TYPE metric_1 gauge\nmetric_1 1\n' });
    const run = await runCli(['.', '-f', 'json', '-o', 'out/r.json', '-f', 'stylish'], dir);
    expect(run.stdout).toContain('metric/generic-name');
    const json = JSON.parse(readFileSync(join(dir, 'out/r.json'), 'utf8'));
    expect(json[0].messages[0].ruleId).toBe('metric/generic-name');
  });

  it('honours .gitignore', async () => {
    const dir = tempRepo({ '.gitignore': 'generated/\n', 'generated/m.prom': '# TYPE metric_1 gauge\nmetric_1 1\n' });
    expect((await runCli(['.'], dir)).code).toBe(0);
    expect((await runCli(['.', '--no-gitignore'], dir)).code).toBe(1);
  });

  it('YAML suppression comments with a reason hide a finding; without a reason they are reported', async () => {
    const dir = tempRepo({
      'r.yaml': 'groups:\n  - name: g\n    rules:\n      # obslint-disable-next-line alert/missing-for -- deadline alert, fires once\n      - alert: A\n        expr: up == 0\n      # obslint-disable-next-line alert/missing-for\n      - alert: B\n        expr: up == 0\n',
    });
    const run = await runCli(['.', '-f', 'json'], dir);
    const msgs = parseJsonOutput(run.stdout).flatMap((r) => r.messages).filter((m) => /suppression|missing-for/.test(m.ruleId));
    expect(msgs.map((m) => [m.ruleId, m.line])).toEqual([['suppression-missing-reason', 7]]);
  });
});

describe('real corpus', () => {
  const corpus = join(REPO_ROOT, '..', 'shared', 'corpus');
  let present = false;
  try {
    readFileSync(join(corpus, 'README.md'));
    present = true;
  } catch {
    /* absent */
  }
  it.skipIf(!present)('obslint ../shared/corpus completes without a crash (skipped when the corpus is absent)', async () => {
    const run = await runCli([corpus, '-f', 'json', '-o', join(tempRepo({}), 'corpus.json')]);
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).not.toMatch(/internal error/);
  }, 180_000);
  if (!present) it('corpus absent: ../shared/corpus not found, corpus run skipped', () => expect(present).toBe(false));
});

void writeFileSync;

describe('JSON suppression through config overrides', () => {
  const dash = JSON.stringify(
    {
      uid: 'ops',
      title: 'Ops',
      schemaVersion: 39,
      panels: [
        { id: 1, type: 'graph', title: 'Old one', targets: [{ refId: 'A', expr: 'up' }] },
        { id: 2, type: 'graph', title: 'Old two', targets: [{ refId: 'A', expr: 'up' }] },
        { id: 3, type: 'graph', title: 'Old three', targets: [{ refId: 'A', expr: 'up' }] },
      ],
    },
    null,
    2,
  );
  const panelsWith = async (config: string) => {
    const dir = tempRepo({ 'obslint.config.yaml': config, 'dashboards/ops.json': dash });
    const run = await runCli(['.', '-f', 'json'], dir);
    return parseJsonOutput(run.stdout)
      .flatMap((r) => r.messages)
      .filter((m) => m.ruleId === 'dashboard/deprecated-panel-type')
      .map((m) => m.pointer);
  };

  it('by JSON pointer and by entity, for matching files only', async () => {
    expect(await panelsWith('{}\n')).toEqual(['/panels/0/type', '/panels/1/type', '/panels/2/type']);
    const byPointer = 'overrides:\n  - files: ["dashboards/*.json"]\n    pointers: ["/panels/1"]\n    rules: { dashboard/deprecated-panel-type: off }\n';
    expect(await panelsWith(byPointer)).toEqual(['/panels/0/type', '/panels/2/type']);
    const byEntity = 'overrides:\n  - entities: ["dashboard:ops/panel:3"]\n    rules: { dashboard/deprecated-panel-type: off }\n';
    expect(await panelsWith(byEntity)).toEqual(['/panels/0/type', '/panels/1/type']);
    const otherFiles = 'overrides:\n  - files: ["legacy/*.json"]\n    pointers: ["/panels/1"]\n    rules: { dashboard/deprecated-panel-type: off }\n';
    expect(await panelsWith(otherFiles)).toHaveLength(3);
  });
});
