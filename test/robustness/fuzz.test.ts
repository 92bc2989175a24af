import fc from 'fast-check';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { plugin } from '@obslint/eslint-plugin';
import { LOGQL_SEEDS, PROMQL_SEEDS, SEEDS, embedExpr, lintProblems, mutated, parserProblems } from './fuzz-targets.js';

/**
 * Property-based robustness: random and mutated inputs (seeded from fixtures) never throw out of the
 * runner and never make a rule fail; each yields findings or a parse-error. A few thousand cases here;
 * `node scripts/fuzz.mjs` runs 100,000+.
 */
const RUNS = Number(process.env.OBSLINT_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.OBSLINT_FUZZ_SEED ?? 20261121);

/** Inputs actually generated and checked, printed at the end (the long run reports it). */
let generated = 0;
afterAll(() => {
  console.log(`fuzz: ${generated} generated inputs checked (${RUNS} per property, seed ${SEED})`);
});

describe('fuzz: documents', () => {
  for (const [name, { filename, texts }] of Object.entries(SEEDS)) {
    it(`${name}: mutated inputs never crash the runner or a rule`, () => {
      fc.assert(
        fc.property(fc.oneof(...texts.map(mutated), fc.string({ maxLength: 200 })), (text) => {
          generated++;
          expect(lintProblems(filename, text)).toEqual([]);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }
});

describe('fuzz: PromQL, LogQL and templates through every rule that reads them', () => {
  it('mutated expressions', () => {
    fc.assert(
      fc.property(fc.oneof(...[...PROMQL_SEEDS, ...LOGQL_SEEDS].map(mutated), fc.string({ maxLength: 80 })), (expr) => {
        generated++;
        expect(parserProblems(expr)).toEqual([]);
        for (const [file, text] of embedExpr(expr)) expect(lintProblems(file, text)).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('fuzz: code rules through ESLint', () => {
  const linter = new Linter({ configType: 'flat' });
  const rules = Object.fromEntries(Object.keys(plugin.rules ?? {}).map((id) => [`obslint/${id}`, 'warn' as const]));
  const config = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as never }, plugins: { obslint: plugin }, rules }];
  const seed = `import pino from 'pino';\nimport client from 'prom-client';\nconst logger = pino();\nconst c = new client.Counter({ name: 'app_x_total', help: 'x', labelNames: ['route'] });\nexport function f(req: { url: string }, id: string) {\n  try { logger.info(\`user \${id}\`, req); c.inc({ route: req.url }); } catch (err) { logger.error('failed ' + err); throw err; }\n  for (const x of [1]) console.log({ [id]: x, password: id });\n}\n`;
  it('mutated code never makes a rule throw', () => {
    fc.assert(
      fc.property(mutated(seed), (code) => {
        generated++;
        const messages = linter.verify(code, config, 'fuzz.ts');
        // Parse errors are fine (fatal messages); a rule crash throws out of verify.
        for (const m of messages) expect(m.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('the fuzz oracle can fail', () => {
  it('reports a rule that throws, and an exception out of the runner', async () => {
    const { defineRule } = await import('@obslint/core');
    const broken = defineRule({
      meta: { id: 'dashboard/broken', domain: 'dashboard', description: 'x', severity: 'error', preset: 'recommended', messages: { m: 'm' }, defaultOptions: {} },
      create: () => ({
        dashboard() {
          throw new Error('boom');
        },
      }),
    });
    expect(lintProblems('d.json', '{"title":"x","panels":[]}', [broken])).toEqual([expect.stringContaining('boom')]);
  });
});
