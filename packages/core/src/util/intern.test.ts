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
});
