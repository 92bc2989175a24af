/** YAML fixtures for the alert/recording rule tests: line 1 `groups:`, rules start on line 4. */
export function rulesFile(...rules: string[]): string {
  return `groups:\n  - name: example\n    rules:\n${rules.join('')}`;
}

export interface AlertFixture {
  for?: string;
  keepFiringFor?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const map = (key: string, m: Record<string, string> | undefined) =>
  m ? `        ${key}:\n${Object.entries(m).map(([k, v]) => `          ${k}: ${JSON.stringify(v)}\n`).join('')}` : '';

/**
 * One alerting rule: `- alert:` (name at column 16), `expr:` on the next line (value at column 15), then
 * `for`, `keep_firing_for`, `labels` and `annotations` (values double-quoted, at column 14+key length+2).
 */
export function alert(name: string, expr: string, o: AlertFixture = {}): string {
  return (
    `      - alert: ${name}\n        expr: ${expr}\n` +
    (o.for !== undefined ? `        for: ${o.for}\n` : '') +
    (o.keepFiringFor !== undefined ? `        keep_firing_for: ${o.keepFiringFor}\n` : '') +
    map('labels', o.labels) +
    map('annotations', o.annotations)
  );
}

export function record(name: string, expr: string): string {
  return `      - record: ${name}\n        expr: ${expr}\n`;
}
