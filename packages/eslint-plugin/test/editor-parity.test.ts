import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin, { NAMESPACE } from '../src/index.js';
import { EXAMPLES, runCli } from '../../cli/test/helpers.js';

/** The flat config an editor user writes (see examples/eslint.config.js): code plus every document kind. */
const editorConfig: Linter.Config[] = [
  { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
  plugin.configs.recommended as Linter.Config,
  ...(plugin.configs.documents as Linter.Config[]),
];

type Row = string; // "relPath line:column ruleId"

async function eslintFindings(dir: string): Promise<Row[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: editorConfig, ignore: false });
  const rows: Row[] = [];
  for (const res of await eslint.lintFiles(['.'])) {
    for (const m of res.messages) {
      expect(m.fatal, `${res.filePath}: ${m.message}`).toBeFalsy();
      const rel = res.filePath.slice(dir.length + 1).split('\\').join('/');
      rows.push(`${rel} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId!.slice(NAMESPACE.length + 1)}`);
    }
  }
  return rows.sort();
}

async function cliFindings(dir: string): Promise<Row[]> {
  const run = await runCli(['--format', 'json', '.'], dir);
  expect(run.stderr).toBe('');
  const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number; endLine: number; endColumn: number }> }>;
  return results
    .flatMap((r) => r.messages.map((m) => `${r.filePath.slice(dir.length + 1).split('\\').join('/')} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId}`))
    .sort();
}

describe('editor parity: ESLint with the plugin reports what the CLI reports', () => {
  it.each(['demo', 'clean'])('examples/%s', async (name) => {
    const dir = join(EXAMPLES, name);
    const [viaEslint, viaCli] = await Promise.all([eslintFindings(dir), cliFindings(dir)]);
    expect(viaEslint).toEqual(viaCli);
    if (name === 'demo') {
      // every kind of file is covered: code, dashboard JSON, rule YAML and an exposition snapshot
      for (const ext of ['.ts ', '.json ', '.yaml ', '.prom ']) expect(viaEslint.some((r) => r.includes(ext)), ext).toBe(true);
      const logRules = new Set(viaEslint.map((r) => r.split(' ')[2]).filter((id) => id.startsWith('log/')));
      expect([...logRules].sort()).toEqual([
        'log/error-object',
        'log/no-console',
        'log/no-dynamic-keys',
        'log/no-log-and-throw',
        'log/no-log-in-loop',
        'log/no-sensitive-data',
        'log/pino-swallowed-args',
        'log/structured-message',
      ]);
    } else {
      expect(viaEslint).toEqual([]);
    }
  });
});
