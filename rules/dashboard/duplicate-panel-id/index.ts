import { defineRule, type Dashboard, type NodeRef } from '@obslint/core';

interface IdHolder {
  id: number | string;
  label: string;
  at: NodeRef;
  entity: string;
}

/** Two panels (row headers included) with the same id. */
export const duplicatePanelId = defineRule({
  meta: {
    id: 'dashboard/duplicate-panel-id',
    domain: 'dashboard',
    description: 'Two panels (row headers included) with the same id.',
    severity: 'error',
    preset: 'recommended',
    messages: {
      duplicate: 'Panel id {{id}} of {{panel}} is already used by {{other}} (line {{line}}): links, alerts and library panels resolve to the wrong panel.',
    },
    schema: { properties: {} },
    defaultOptions: {},
    tags: ['correctness'],
  },
  create(context) {
    return {
      dashboard(d: Dashboard) {
        const holders: IdHolder[] = [];
        for (const r of d.rows) {
          if (r.id !== undefined && r.idPointer) holders.push({ id: r.id, label: `row "${r.title ?? ''}"`, at: d.doc.ref(r.idPointer), entity: `${d.entity}/row:${r.id}` });
        }
        for (const p of d.panels) {
          if (p.id !== undefined && p.pointers.id) holders.push({ id: p.id, label: `panel "${p.title ?? p.type ?? ''}"`, at: d.doc.ref(p.pointers.id), entity: p.entity });
        }
        // Most dashboards have no duplicate: they are not located at all (a location index per dashboard).
        const counts = new Map<string, number>();
        for (const h of holders) counts.set(String(h.id), (counts.get(String(h.id)) ?? 0) + 1);
        if (counts.size === holders.length) return;
        // Report in document order: the first holder of an id keeps it.
        holders.sort((a, b) => (a.at.range()?.startOffset ?? 0) - (b.at.range()?.startOffset ?? 0));
        const first = new Map<string, IdHolder>();
        for (const h of holders) {
          const key = String(h.id);
          const seen = first.get(key);
          if (!seen) {
            first.set(key, h);
            continue;
          }
          context.report({
            messageId: 'duplicate',
            data: { id: key, panel: h.label, other: seen.label, line: seen.at.range()?.line ?? 0 },
            at: h.at,
            entity: h.entity,
          });
        }
      },
    };
  },
});
