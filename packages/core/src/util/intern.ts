import type { Finding } from '../runner/finding.js';

/**
 * One shared copy of each repeated string in values decoded from JSON (worker-thread results, the cache).
 * JSON.parse gives every occurrence its own string: a rule id, a path or a metric name repeated in each of
 * 400,000 findings and summaries would be held 400,000 times.
 */
export class StringTable {
  private readonly table = new Map<string, string>();

  /** The shared copy of `s`. */
  get(s: string): string {
    const hit = this.table.get(s);
    if (hit !== undefined) return hit;
    this.table.set(s, s);
    return s;
  }

  /** Replaces, in place, the repeated fields of findings (rule, severity, message id, paths, origin). */
  findings(findings: Finding[]): void {
    for (const f of findings) {
      f.ruleId = this.get(f.ruleId);
      f.severity = this.get(f.severity) as Finding['severity'];
      f.filePath = this.get(f.filePath);
      f.relPath = this.get(f.relPath);
      f.origin = this.get(f.origin) as Finding['origin'];
      if (f.messageId !== undefined) f.messageId = this.get(f.messageId);
    }
  }

  /** Replaces, in place, every string up to `maxLength` characters anywhere in a JSON value. */
  deep(value: unknown, maxLength = 128): void {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (typeof v === 'string') {
          if (v.length <= maxLength) value[i] = this.get(v);
        } else if (v !== null && typeof v === 'object') this.deep(v, maxLength);
      }
      return;
    }
    const o = value as Record<string, unknown>;
    for (const k in o) {
      const v = o[k];
      if (typeof v === 'string') {
        if (v.length <= maxLength) o[k] = this.get(v);
      } else if (v !== null && typeof v === 'object') this.deep(v, maxLength);
    }
  }
}
