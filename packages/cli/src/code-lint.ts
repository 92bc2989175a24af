import { createRequire } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import type { Linter } from 'eslint';

/** The plugin and the code-entity helper load only when there is code to lint (the plugin pulls in ESLint). */
const loadPlugin = () => import('@obslint/eslint-plugin');
const loadEntities = () => import('./code-entity.js');
import { makeFingerprint, settingFor, writeFileAtomic, type CodeFileLinter, type Finding, type ResolvedConfig, type Severity, type SourceFile } from '@obslint/core';
import { codeRules } from '@obslint/rules';

const JS_EXTENSIONS = ['js', 'mjs', 'cjs', 'jsx'];
const TS_EXTENSIONS = ['ts', 'mts', 'cts', 'tsx'];
const JS_FILES = JS_EXTENSIONS.map((e) => `**/*.${e}`);
const TS_FILES = TS_EXTENSIONS.map((e) => `**/*.${e}`);
/** A path ESLint's configuration below matches by its extension. */
const CODE_EXTENSION = new RegExp(`\\.(?:${[...JS_EXTENSIONS, ...TS_EXTENSIONS].join('|')})$`, 'i');

/**
 * typescript-eslint's parser, loaded (with TypeScript, 0.2 s) by the first TypeScript file: a run over
 * JavaScript never loads it. The parser package alone, not typescript-eslint, which loads its ESLint plugin too.
 */
let tsParser: { parseForESLint(text: string, options?: unknown): unknown } | undefined;
const typescriptParser = {
  meta: { name: '@typescript-eslint/parser' },
  parseForESLint(text: string, options?: unknown): unknown {
    tsParser ??= createRequire(import.meta.url)('@typescript-eslint/parser') as NonNullable<typeof tsParser>;
    return tsParser.parseForESLint(text, options);
  },
} as Linter.Parser;

/**
 * The ESLint flat config the CLI lints code with: only obslint's code rules, typescript-eslint's parser for
 * TypeScript, and no configuration from the user's repository (their other ESLint rules never run).
 */
export async function buildEslintConfig(config: ResolvedConfig): Promise<Linter.Config[]> {
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
    // The run chose its files: none is ignored, not even under node_modules (ESLint's default ignore).
    { ignores: ['!**/node_modules/'] },
    { files: JS_FILES, languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } } },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    { files: TS_FILES, languageOptions: { parser: typescriptParser, parserOptions: { ecmaFeatures: { jsx: true } } } },
    {
      files: [...JS_FILES, ...TS_FILES],
      plugins: { [NAMESPACE]: plugin },
      settings: { obslint: { loggers: config.settings.loggers, highCardinalityLabels: config.settings.highCardinalityLabels } },
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      rules,
    },
  ];
}

/** What the code linter does besides linting: fix the files (ESLint's fixes, written back). */
export interface CodeFileLinterOptions {
  /** A directory that contains every file it will lint (ESLint matches its config's patterns against it). */
  cwd: string;
  fix?: boolean;
}

/**
 * A linter of one code file at a time (ESLint's `Linter`, obslint's code rules), for the per-file phase: it
 * returns the findings with their entities and the program ESLint parsed, which the metric index reads, so a
 * code file is parsed once (it was parsed three times: for the metric index, by ESLint, and again for the
 * entities of its findings). The entities use typescript-eslint's TypeScript tree of the file.
 */
export async function createCodeFileLinter(config: ResolvedConfig, o: CodeFileLinterOptions): Promise<CodeFileLinter> {
  const [{ NAMESPACE }, { codeEntities }, { Linter }, eslintConfig] = await Promise.all([loadPlugin(), loadEntities(), import('eslint'), buildEslintConfig(config)]);
  const linter = new Linter({ cwd: o.cwd });
  const prefix = `${NAMESPACE}/`;
  return (file) => {
    // A file the config's `kinds` makes code whatever its extension (`*.es6`) is linted as JavaScript.
    const filename = CODE_EXTENSION.test(file.path) ? file.path : `${file.path}.js`;
    let text = file.text;
    let messages: Linter.LintMessage[];
    if (o.fix) {
      const fixed = linter.verifyAndFix(text, eslintConfig, { filename });
      messages = fixed.messages;
      if (fixed.fixed) {
        writeFileAtomic(file.path, fixed.output);
        text = fixed.output;
      }
    } else messages = linter.verify(text, eslintConfig, { filename });
    // The tree ESLint made of this text (none after a parse error).
    const sourceCode = linter.getSourceCode();
    const parsed = sourceCode?.text === text ? sourceCode : undefined;
    const program = parsed?.ast as unknown as ReturnType<CodeFileLinter>['program'];
    const findings: Finding[] = [];
    const ours = messages.filter((m) => m.fatal || m.ruleId === null || m.ruleId.startsWith(prefix));
    if (ours.length) {
      const tsTree = (parsed?.parserServices as { esTreeNodeToTSNodeMap?: { get(n: unknown): unknown } } | undefined)?.esTreeNodeToTSNodeMap?.get(parsed!.ast);
      // Identity of each finding: the enclosing function and the call (see code-entity.ts), never the line.
      const entities = codeEntities(text, file.path, ours, tsTree as Parameters<typeof codeEntities>[3]);
      ours.forEach((m, i) => {
        const f = findingOfMessage(m, entities[i], file, prefix, config);
        if (f) findings.push(f);
      });
    }
    return { findings, program };
  };
}

/** An ESLint message as an obslint finding (undefined: the rule is off for this entity). */
function findingOfMessage(m: Linter.LintMessage, entity: string, file: SourceFile, prefix: string, config: ResolvedConfig): Finding | undefined {
  let ruleId: string;
  let severity: Severity;
  let message = m.message;
  if (m.fatal) {
    ruleId = 'parse-error';
    severity = 'error';
    message = `Cannot parse: ${m.message}`;
  } else if (m.ruleId === null) {
    // ESLint's own notes on the whole file (such as no configuration for it): said, not dropped.
    ruleId = 'file-skipped';
    severity = 'warning';
  } else {
    ruleId = m.ruleId.slice(prefix.length);
    const setting = settingFor(config, ruleId, file.path, { entity });
    if (setting.severity === 'off') return undefined;
    severity = setting.severity;
  }
  return {
    ruleId,
    severity,
    message,
    messageId: m.messageId,
    filePath: file.path,
    relPath: file.relPath,
    // ESLint's notes on a whole file are at 0:0: the file's start.
    line: m.line || 1,
    column: m.column || 1,
    endLine: m.endLine || m.line || 1,
    endColumn: m.endColumn || m.column || 1,
    entity,
    fingerprint: makeFingerprint(ruleId, file.relPath, entity),
    origin: m.fatal || m.ruleId === null ? 'tool' : 'code',
  };
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
