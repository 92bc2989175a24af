import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasEslintRule } from '@obslint/core';
import { builtinRules, codeRules, documentRules } from '@obslint/rules';
import { codeDomainRules } from '@obslint/rules/code';
import plugin from '../src/index.js';
import { DOCUMENT_RULE_IDS } from '../src/document-rule-ids.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const ids = (rules: ReadonlyArray<{ meta: { id: string } }>) => rules.map((r) => r.meta.id);

describe('the plugin offers the whole catalogue', () => {
  it('lists every document rule, in catalogue order (add new document rules to document-rule-ids.ts)', () => {
    expect(DOCUMENT_RULE_IDS).toEqual(ids(documentRules));
  });

  it('gets the code domains from @obslint/rules/code with the same metadata and ESLint faces', () => {
    expect(ids(codeDomainRules)).toEqual(ids(builtinRules.filter((r) => ['metric', 'log', 'trace'].includes(r.meta.domain))));
    expect(ids(codeDomainRules.filter((r) => hasEslintRule(r as never)))).toEqual(ids(codeRules));
    for (const face of codeDomainRules) {
      const rule = builtinRules.find((r) => r.meta.id === face.meta.id)!;
      expect(face.kind).toBe(rule.kind);
      expect(face.meta).toBe(rule.meta);
      expect(face.eslint).toBe(rule.eslint);
    }
  });

  it('has an ESLint rule for every obslint rule with an ESLint face or a document side', () => {
    expect(Object.keys(plugin.rules!).sort()).toEqual([...new Set([...ids(codeRules), ...ids(documentRules)])].sort());
  });

  it('lints code and documents when run from the build', () => {
    expect(existsSync(join(repoRoot, 'packages/eslint-plugin/dist/index.js')), 'build first: pnpm exec tsc -b').toBe(true);
    const script = `
      const { ESLint } = await import(${JSON.stringify(join(repoRoot, 'node_modules/eslint/lib/api.js'))});
      const tseslint = (await import(${JSON.stringify(join(repoRoot, 'node_modules/typescript-eslint/dist/index.js'))})).default;
      const { plugin } = await import(${JSON.stringify(join(repoRoot, 'packages/eslint-plugin/dist/index.js'))});
      const config = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...plugin.configs.editor];
      const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: config, ignore: false });
      const ids = new Set((await eslint.lintFiles(['.'])).flatMap((r) => r.messages.map((m) => m.ruleId)));
      console.log(JSON.stringify([...ids]));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: join(repoRoot, 'examples/demo'), encoding: 'utf8' });
    const found = JSON.parse(out) as string[];
    for (const id of ['dashboard/max-panels', 'alert/missing-for', 'metric/generic-name', 'log/structured-message']) expect(found).toContain(`obslint/${id}`);
  }, 60_000);
});
