import { defineRule } from '@obslint/core';

export interface GroupTooLargeOptions extends Record<string, unknown> {
  /** Most rules in one group. */
  max: number;
}

export const groupTooLarge = defineRule<GroupTooLargeOptions>({
  meta: {
    id: 'alert/group-too-large',
    domain: 'alert',
    description: 'Rule group with more than `max` rules: its rules are evaluated sequentially, so a slow group misses evaluations.',
    severity: 'info',
    preset: 'strict',
    messages: {
      tooLarge: 'Rule group "{{group}}" has {{count}} rules (more than {{max}}): a group is evaluated sequentially, so one slow query delays all of them. Split it by component.',
    },
    schema: { properties: { max: { type: 'integer', minimum: 1, description: 'Most rules in one group.' } } },
    defaultOptions: { max: 20 },
    tags: ['performance'],
  },
  create(context) {
    return {
      ruleGroup(group) {
        const count = group.rules.length;
        if (count <= context.options.max) return;
        const nameRef = group.file.doc.ref(`${group.pointer}/name`);
        context.report({ messageId: 'tooLarge', data: { group: group.name, count, max: context.options.max }, at: nameRef.range() ? nameRef : group.ref, entity: group.entity });
      },
    };
  },
});
