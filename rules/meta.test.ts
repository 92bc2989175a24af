import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import type { AnyRule } from '@obslint/core';
import { builtinRules, codeRules } from './index.js';
import { ruleDocsPath } from './docs-path.js';

const here = dirname(fileURLToPath(import.meta.url));
const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule;
const ajv = new (Ajv as unknown as new (o: object) => import('ajv').default)({ strict: false });

/** Option names a rule documents: its obslint schema, or its ESLint schema's first object. */
function optionNames(rule: AnyRule): string[] {
  const own = (rule.meta.schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (own) return Object.keys(own);
  const es = (rule as { eslint?: { meta?: { schema?: unknown } } }).eslint?.meta?.schema;
  const first = Array.isArray(es) ? (es[0] as { properties?: Record<string, unknown> } | undefined) : undefined;
  return Object.keys(first?.properties ?? {});
}

function ruleFolders(): string[] {
  const out: string[] = [];
  for (const domain of readdirSync(here)) {
    const d = join(here, domain);
    if (!statSync(d).isDirectory() || ['node_modules', 'dist', 'fixtures'].includes(domain)) continue;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory() && name !== 'fixtures' && !name.startsWith('__')) out.push(`${domain}/${name}`);
    }
  }
  return out.sort();
}

describe('rule registry, docs and tests stay in step', () => {
  it('rule ids are unique', () => {
    const ids = builtinRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every rule folder is registered, and every registered rule has a folder', () => {
    const folders = ruleFolders();
    const registered = builtinRules.map((r) => ruleDocsPath(r.meta.id).replace(/\/README\.md$/, '')).sort();
    expect(folders).toEqual(registered);
  });

  describe.each(builtinRules.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
    const folder = join(here, ruleDocsPath(id).replace(/\/README\.md$/, ''));
    const readme = existsSync(join(folder, 'README.md')) ? readFileSync(join(folder, 'README.md'), 'utf8') : '';

    it('id has the form <domain>/<name> matching meta.domain (tool findings have no domain)', () => {
      if (rule.meta.tags?.includes('tool')) expect(id).toMatch(/^[a-z-]+$/);
      else expect(id).toMatch(new RegExp(`^${rule.meta.domain}/[a-z0-9-]+$`));
    });

    it('has README.md starting with "# <id>" and the one-line description', () => {
      expect(readme.split('\n')[0]).toBe(`# ${id}`);
      expect(readme).toContain(rule.meta.description);
    });

    it('README states the default severity and documents every option', () => {
      const def = /^- \*\*Default:\*\* (.+)$/m.exec(readme);
      expect(def, 'README needs a "- **Default:** …" line').not.toBeNull();
      expect(def![1]).toContain(rule.meta.severity);
      if (rule.meta.preset !== 'recommended') expect(def![1]).toContain(rule.meta.preset);
      for (const section of ['## Why it matters', '## Fires on', '## Does not fire on', '## Options', '## How to fix']) {
        expect(readme, `README section ${section}`).toContain(section);
      }
      const options = readme.slice(readme.indexOf('## Options'));
      for (const o of optionNames(rule)) expect(options, `option ${o} documented`).toContain(`\`${o}\``);
    });

    it('has tests in its folder', () => {
      expect(readdirSync(folder).some((f) => /\.test\.ts$/.test(f))).toBe(true);
    });

    it('messages are non-empty and defaults validate against the option schema', () => {
      for (const [k, v] of Object.entries(rule.meta.messages)) expect(v, k).toMatch(/\S/);
      const validate = ajv.compile({ type: 'object', additionalProperties: false, ...(rule.meta.schema ?? {}) });
      expect(validate(rule.meta.defaultOptions), JSON.stringify(validate.errors)).toBe(true);
    });
  });

  it('code rules expose ESLint metadata with docs URLs and messages', () => {
    for (const r of codeRules) {
      const meta = (r.eslint as { meta?: { docs?: { url?: string }; messages?: object } }).meta;
      expect(meta?.docs?.url, r.meta.id).toContain(r.meta.id);
      expect(Object.keys(meta?.messages ?? {}).length, r.meta.id).toBeGreaterThan(0);
    }
  });

  const catalogue = join(here, '..', '..', 'shared', 'spec', 'rule-catalogue.md');
  it.skipIf(!existsSync(catalogue))('severity and preset agree with the rule catalogue (skipped when ../shared is absent)', () => {
    const text = readFileSync(catalogue, 'utf8');
    const rows = [...text.matchAll(/^\| `([^`]+)` \| .*? \| ([^|]+) \|(?: [^|]* \|)?$/gm)].map((m) => ({ id: m[1], def: m[2].trim() }));
    let checked = 0;
    for (const { id, def } of rows) {
      const rule = builtinRules.find((r) => r.meta.id === id);
      if (!rule) continue;
      checked++;
      const preset = /online/.test(def) ? 'online' : /strict/.test(def) ? 'strict' : 'recommended';
      const severity = /(error|warning|info)/.exec(def)?.[1];
      expect({ id, preset: rule.meta.preset, severity: rule.meta.severity }).toEqual({ id, preset, severity });
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});
