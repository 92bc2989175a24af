import { RuleTester } from '@obslint/core';
import { alert, rulesFile } from '../test-fixtures.js';
import { valueInLabels } from './index.js';

new RuleTester().run(valueInLabels, {
  valid: [
    { name: '$value in annotations', filename: 'rules.yaml', code: rulesFile(alert('A', 'x > 1', { labels: { severity: 'warning' }, annotations: { summary: 'value {{ $value | humanize }}' } })) },
    { name: 'label templates without the value', filename: 'rules.yaml', code: rulesFile(alert('A', 'x > 1', { labels: { team: '{{ $labels.team }}' } })) },
  ],
  invalid: [
    {
      filename: 'rules.yaml',
      code: rulesFile(alert('A', 'x > 1', { labels: { severity: 'warning', value: '{{ $value }}' } })),
      errors: [{ messageId: 'value', line: 8, column: 22, endColumn: 28, message: /label "value" uses `\$value`/ }],
    },
    {
      name: '.Value and humanize',
      filename: 'rules.yaml',
      code: rulesFile(alert('A', 'x > 1', { labels: { level: '{{ .Value | humanizePercentage }}', h: 'x{{ humanize 1 }}' } })),
      errors: [{ messageId: 'value', line: 7, message: /uses `\.Value`/ }, { messageId: 'value', line: 8, message: /uses `humanize`/ }],
    },
  ],
});
