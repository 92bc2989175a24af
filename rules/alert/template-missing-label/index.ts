import { canCarry, defineRule, labelSetOf, parseTemplate, whyNotCarried } from '@obslint/core';
import { templateRef, validPromqlOf } from '../util.js';

export const templateMissingLabel = defineRule({
  meta: {
    id: 'alert/template-missing-label',
    domain: 'alert',
    description: "`$labels.x` in an alert's labels or annotations where the expression's result cannot carry label `x`.",
    severity: 'error',
    preset: 'recommended',
    messages: {
      missing: 'Alert "{{name}}": `$labels.{{label}}` is always empty here: the expression\'s result cannot carry label "{{label}}" (removed by `{{why}}`).',
      staticLabel:
        'Alert "{{name}}": `$labels.{{label}}` is always empty here: "{{label}}" is a static label of this rule, and $labels holds only the labels of the expression\'s result, which cannot carry it. Write the value itself.',
    },
    schema: { properties: {} },
    defaultOptions: {},
    tags: ['correctness'],
  },
  create(context) {
    return {
      alertingRule(rule) {
        const ast = validPromqlOf(rule);
        if (!ast) return;
        let set: ReturnType<typeof labelSetOf> | undefined;
        for (const kind of ['labels', 'annotations'] as const) {
          const values = kind === 'labels' ? rule.labels : rule.annotations;
          for (const [key, text] of Object.entries(values)) {
            if (!text.includes('{{')) continue;
            const refs = parseTemplate(text).labelRefs;
            if (!refs.length) continue;
            set ??= labelSetOf(ast);
            if (set.open && set.dropped.size === 0) return;
            for (const ref of refs) {
              if (canCarry(set, ref.name)) continue;
              context.report({
                messageId: ref.name in rule.labels ? 'staticLabel' : 'missing',
                data: { name: rule.name, label: ref.name, why: whyNotCarried(set, ref.name) ?? 'the expression' },
                at: templateRef(rule, kind, key, ref.from, ref.to),
                entity: rule.entity,
              });
            }
          }
        }
      },
    };
  },
});
