import { createRequire } from 'node:module';
import type * as ESTree from 'estree';
import { collectMetricSites, type MetricDefinitionSite, type MetricUseSite } from '../code/metric-instruments.js';
import type { DocumentRule } from '../rule/types.js';
import type { SourceFile } from '../source/source-file.js';

/**
 * Code as a source of metric definitions for core (the metric index): a `.ts/.js` file parsed with
 * typescript-estree, and the prom-client / OpenTelemetry definitions and uses the code recognisers find in
 * it. ESLint still lints the file; this model only feeds repo-wide rules that ask for it.
 */
export interface CodeModel {
  program: ESTree.Program;
  definitions: MetricDefinitionSite[];
  uses: MetricUseSite[];
}

/** A cheap test before parsing: can this text define or use metrics at all? */
const MAY_DEFINE_METRICS = /prom-client|@opentelemetry\/api|create(?:Counter|Gauge|Histogram|Summary|UpDownCounter|Observable)|(?:Counter|Histogram|Gauge|Summary)\(/;

export function mayDefineMetrics(text: string): boolean {
  return MAY_DEFINE_METRICS.test(text);
}

type Parse = (code: string, options: Record<string, unknown>) => ESTree.Program;
let parseTs: Parse | undefined;

/** typescript-estree (and TypeScript) load only when a file needs them. */
function parser(): Parse {
  parseTs ??= (createRequire(import.meta.url)('@typescript-eslint/typescript-estree') as { parse: Parse }).parse;
  return parseTs;
}

/**
 * The code model of a file that may define metrics; undefined when it cannot (the quick text check) or does
 * not parse (ESLint reports syntax errors, not the metric index). `parsed`: the program the code linter made
 * of the file (with ranges), so the file is not parsed again.
 */
export function loadCodeModel(file: SourceFile, parsed?: ESTree.Program): CodeModel | undefined {
  if (!mayDefineMetrics(file.text)) return undefined;
  let program: ESTree.Program;
  if (parsed) program = parsed;
  else {
    try {
      // JSX in .tsx/.jsx and in plain JavaScript (where `<T>x` assertions cannot occur).
      program = parser()(file.text, { range: true, loc: false, comment: false, tokens: false, jsx: !/\.[mc]?ts$/i.test(file.path) });
    } catch {
      return undefined;
    }
  }
  const { definitions, uses } = collectMetricSites(program);
  return { program, definitions, uses };
}

/** Start and end offsets of an ESTree node parsed with `range: true`. */
export function nodeRange(node: ESTree.Node): [number, number] {
  return node.range ?? [0, 0];
}

const CODE_READERS = new WeakSet<object>();

/** Marks a rule whose `collect` reads `FileModel.code`: code files get a code model only when such a rule is on. */
export function readsCode<R extends DocumentRule<any>>(rule: R): R {
  CODE_READERS.add(rule);
  return rule;
}

export function ruleReadsCode(rule: DocumentRule<any>): boolean {
  return CODE_READERS.has(rule);
}
