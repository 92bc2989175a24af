import { describe, expect, it } from 'vitest';
import { StringTable } from './intern.js';

describe('StringTable', () => {
  it('leaves decoded values equal while sharing one copy of each repeated string', () => {
    const json = JSON.stringify({ uses: [{ metric: 'shop_orders_total', labels: [{ name: 'status' }] }, { metric: 'shop_orders_total', labels: [{ name: 'status' }], long: 'x'.repeat(300) }], n: 3, none: null });
    const value = JSON.parse(json) as { uses: Array<{ metric: string }> };
    const strings = new StringTable();
    strings.deep(value);
    expect(JSON.stringify(value)).toBe(json);
    expect(strings.get('shop_orders_total')).toBe(value.uses[1].metric);
  });

  it('interns the repeated fields of findings and keeps the rest', () => {
    const f = JSON.parse('[{"ruleId":"a/b","severity":"warning","message":"m","messageId":"x","filePath":"/r/f","relPath":"f","line":1,"column":1,"endLine":1,"endColumn":2,"fingerprint":"fp","origin":"document"}]');
    const before = JSON.stringify(f);
    new StringTable().findings(f);
    expect(JSON.stringify(f)).toBe(before);
  });
});
