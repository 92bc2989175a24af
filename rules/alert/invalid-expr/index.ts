import {
  checkPromql,
  defineRule,
  hasTemplateActions,
  isValidPromDuration,
  parseLogql,
  parseTemplate,
  type AlertingRule,
  type NodeRef,
  type RecordingRule,
  type RuleContext,
} from '@obslint/core';
import { keyPointer, nameRef, promqlOf, templateRef } from '../util.js';

export interface InvalidExprOptions extends Record<string, unknown> {
  /** Accept experimental PromQL functions and syntax (Prometheus runs with the matching feature flags). */
  experimental: boolean;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

type Ctx = RuleContext<InvalidExprOptions>;
type AnyRule = AlertingRule | RecordingRule;

function checkExpr(context: Ctx, rule: AnyRule): void {
  const raw = rule.raw.expr;
  const doc = rule.group.file.doc;
  const report = (message: string, at: NodeRef) => context.report({ messageId: 'expr', data: { name: rule.name, message }, at, entity: rule.entity });
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    report("field 'expr' must be set in rule", raw === undefined ? nameRef(rule) : doc.ref(rule.exprPointer));
    return;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    report('`expr` must be a string', doc.ref(rule.exprPointer));
    return;
  }
  if (rule.group.file.language === 'logql') {
    const e = parseLogql(rule.expr).errors[0];
    if (e) report(`LogQL ${e.message}`, rule.exprRef(e.from, e.to));
    return;
  }
  const e = checkPromql(promqlOf(rule) ?? rule.expr, { experimental: context.options.experimental })[0];
  if (e) report(e.message, rule.exprRef(e.from, e.to));
}

function checkNames(context: Ctx, rule: AnyRule, kind: 'labels' | 'annotations'): void {
  const map = rule.raw[kind];
  if (!map || typeof map !== 'object' || Array.isArray(map)) return;
  for (const key of Object.keys(map)) {
    if (LABEL_NAME.test(key)) continue;
    context.report({
      messageId: 'name',
      data: { name: rule.name, what: kind === 'labels' ? 'label' : 'annotation', key },
      at: rule.group.file.doc.ref(keyPointer(rule, kind, key), 'key'),
      entity: rule.entity,
    });
  }
}

function checkTemplates(context: Ctx, rule: AlertingRule, kind: 'labels' | 'annotations'): void {
  const values = kind === 'labels' ? rule.labels : rule.annotations;
  for (const [key, text] of Object.entries(values)) {
    if (!hasTemplateActions(text)) continue; // plain text: nothing to parse
    const e = parseTemplate(text).errors[0];
    if (!e) continue;
    context.report({
      messageId: 'template',
      data: { name: rule.name, what: kind === 'labels' ? 'label' : 'annotation', key, message: e.message },
      at: templateRef(rule, kind, key, e.from, e.to),
      entity: rule.entity,
    });
  }
}

function checkDuration(context: Ctx, rule: AlertingRule, field: 'for' | 'keep_firing_for'): void {
  const v = rule.raw[field];
  if (v === undefined || v === null) return;
  const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  if (s !== undefined && isValidPromDuration(s)) return;
  context.report({
    messageId: 'duration',
    data: { name: rule.name, field, value: s ?? JSON.stringify(v) },
    at: rule.group.file.doc.ref(`${rule.pointer}/${field}`),
    entity: rule.entity,
  });
}

export const invalidExpr = defineRule<InvalidExprOptions>({
  meta: {
    id: 'alert/invalid-expr',
    domain: 'alert',
    description: 'PromQL (or LogQL for Loki rule files) that Prometheus rejects, invalid `for` durations, or templates that do not parse.',
    severity: 'error',
    preset: 'recommended',
    messages: {
      expr: 'Rule "{{name}}": invalid expression: {{message}}.',
      duration: 'Rule "{{name}}": `{{field}}: {{value}}` is not a valid duration (use e.g. 5m, 1h30m).',
      template: 'Rule "{{name}}": {{what}} "{{key}}" is not a valid template: {{message}}.',
      name: 'Rule "{{name}}": invalid {{what}} name "{{key}}" (letters, digits and _ only, not starting with a digit).',
      recordName: 'Recording rule "{{name}}": invalid metric name (letters, digits, _ and : only, not starting with a digit).',
    },
    schema: {
      properties: {
        experimental: { type: 'boolean', description: 'Accept experimental PromQL functions and syntax.' },
      },
    },
    defaultOptions: { experimental: false },
    tags: ['correctness'],
  },
  create(context) {
    return {
      alertingRule(rule) {
        checkExpr(context, rule);
        checkDuration(context, rule, 'for');
        checkDuration(context, rule, 'keep_firing_for');
        checkNames(context, rule, 'labels');
        checkNames(context, rule, 'annotations');
        checkTemplates(context, rule, 'labels');
        checkTemplates(context, rule, 'annotations');
      },
      recordingRule(rule) {
        checkExpr(context, rule);
        if (!METRIC_NAME.test(rule.name)) context.report({ messageId: 'recordName', data: { name: rule.name }, at: nameRef(rule), entity: rule.entity });
        checkNames(context, rule, 'labels');
      },
    };
  },
});
