import { RuleTester } from '@obslint/core';
import { alert, rulesFile } from '../test-fixtures.js';
import { groupTooLarge } from './index.js';

const many = (n: number) => rulesFile(...Array.from({ length: n }, (_, i) => alert(`A${i}`, 'up == 0')));

new RuleTester().run(groupTooLarge, {
  valid: [
    { filename: 'rules.yaml', code: many(20) },
    { name: 'option max', filename: 'rules.yaml', code: many(25), options: { max: 30 } },
  ],
  invalid: [
    { filename: 'rules.yaml', code: many(21), errors: [{ messageId: 'tooLarge', line: 2, column: 11, message: 'Rule group "example" has 21 rules (more than 20): a group is evaluated sequentially, so one slow query delays all of them. Split it by component.' }] },
  ],
});
