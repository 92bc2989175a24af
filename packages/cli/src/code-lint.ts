import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { ESLint as ESLintClass, Linter } from 'eslint';

/** The plugin and the code-entity helper load only when there is code to lint (they pull in ESLint and TypeScript). */
const loadPlugin = () => import('@obslint/eslint-plugin');
const loadEntities = () => import('./code-entity.js');
import { makeFingerprint, settingFor, type CodeLintRequest, type Finding, type ResolvedConfig, type Severity } from '@obslint/core';
import { codeRules } from '@obslint/rules';

const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'];
const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];

/**
 * The ESLint flat config the CLI lints code with: only obslint's code rules, typescript-eslint's parser for
 * TypeScript, and no configuration from the user's repository (their other ESLint rules never run).
 */
export async function buildEslintConfig(config: ResolvedConfig): Promise<Linter.Config[]> {
  const tseslint = (await import('typescript-eslint')).default;
  const { NAMESPACE, eslintSeverity, plugin } = await loadPlugin();
  const rules: Linter.RulesRecord = {};
  for (const r of codeRules) {
    const base = config.rules.get(r.meta.id);
    const overridden = config.overrides.some((o) => {
      const s = o.rules.get(r.meta.id)?.severity;
      return s !== undefined && s !== 'off';
    });
    const sev = base && base.severity !== 'off' ? base.severity : overridden ? r.meta.severity : 'off';
    if (sev === 'off') continue;
    const schema = (r.eslint as { meta?: { schema?: unknown } }).meta?.schema;
    const takesOptions = Array.isArray(schema) ? schema.length > 0 : schema !== undefined;
    const opts = base?.options && Object.keys(base.options).length && takesOptions ? [base.options] : [];
    rules[`${NAMESPACE}/${r.meta.id}`] = [eslintSeverity(sev), ...opts] as Linter.RuleEntry;
  }
  return [
    { files: JS_FILES, languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } } },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    { files: TS_FILES, languageOptions: { parser: tseslint.parser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } } },
    {
      files: [...JS_FILES, ...TS_FILES],
      plugins: { [NAMESPACE]: plugin },
      settings: { obslint: { loggers: config.settings.loggers, highCardinalityLabels: config.settings.highCardinalityLabels } },
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      rules,
    },
  ];
}

/** Lints code files through ESLint's Node API with obslint's plugin; returns obslint findings. */
export async function lintCode(req: CodeLintRequest, opts: { fix?: boolean } = {}): Promise<Finding[]> {
  const [{ NAMESPACE }, { codeEntities }] = await Promise.all([loadPlugin(), loadEntities()]);
  const { ESLint } = await import('eslint');
  const eslint: ESLintClass = new ESLint({
    // ESLint ignores files outside its cwd: use a directory that contains every file and the root.
    cwd: commonDirectory([req.rootDir, ...req.files]),
    overrideConfigFile: true,
    overrideConfig: await buildEslintConfig(req.config),
    ignore: false,
    errorOnUnmatchedPattern: false,
    fix: opts.fix ?? false,
  });
  const results = await eslint.lintFiles(req.files);
  if (opts.fix) await ESLint.outputFixes(results);
  const findings: Finding[] = [];
  const prefix = `${NAMESPACE}/`;
  for (const res of results) {
    const relPath = relative(req.rootDir, res.filePath).split(sep).join('/');
    const ours = res.messages.filter((m) => m.fatal || m.ruleId?.startsWith(prefix));
    if (!ours.length) continue;
    // Identity of each finding: the enclosing function and the call (see code-entity.ts), never the line.
    const entities = codeEntities(res.output ?? res.source ?? safeRead(res.filePath), res.filePath, ours);
    ours.forEach((m, i) => {
      const entity = entities[i];
      let ruleId: string;
      let severity: Severity;
      if (m.fatal || m.ruleId === null) {
        ruleId = 'parse-error';
        severity = 'error';
      } else {
        ruleId = m.ruleId.slice(prefix.length);
        const setting = settingFor(req.config, ruleId, res.filePath, { entity });
        if (setting.severity === 'off') return;
        severity = setting.severity;
      }
      findings.push({
        ruleId,
        severity,
        message: m.fatal ? `Cannot parse: ${m.message}` : m.message,
        messageId: m.messageId,
        filePath: res.filePath,
        relPath,
        line: m.line ?? 1,
        column: m.column ?? 1,
        endLine: m.endLine ?? m.line ?? 1,
        endColumn: m.endColumn ?? m.column ?? 1,
        entity,
        fingerprint: makeFingerprint(ruleId, relPath, entity),
        origin: m.fatal ? 'tool' : 'code',
      });
    });
  }
  return findings;
}

/** The deepest directory containing every path. */
export function commonDirectory(paths: string[]): string {
  const split = paths.map((p) => dirname(resolve(p)).split(sep));
  const first = split[0] ?? [sep];
  let n = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < n && i < parts.length && parts[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join(sep) || sep;
}

function safeRead(p: string): string {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}
