/** RFC 6901 JSON pointers. */
export function escapePointerSegment(seg: string | number): string {
  const s = String(seg);
  if (s.indexOf('~') < 0 && s.indexOf('/') < 0) return s;
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(base: string, ...segs: Array<string | number>): string {
  let p = base;
  for (const s of segs) p += '/' + escapePointerSegment(s);
  return p;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const p = pointer.startsWith('#') ? decodeURIComponent(pointer.slice(1)) : pointer;
  if (!p.startsWith('/')) throw new Error(`invalid JSON pointer: ${pointer}`);
  const segs = p.slice(1).split('/');
  if (p.indexOf('~') < 0) return segs;
  return segs.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Reads the value at a pointer in a plain JS value; undefined if absent. */
export function getAtPointer(value: unknown, pointer: string): unknown {
  let cur: unknown = value;
  for (const seg of parsePointer(pointer)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (cur && typeof cur === 'object') cur = (cur as Record<string, unknown>)[seg];
    else return undefined;
  }
  return cur;
}
