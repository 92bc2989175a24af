import { describe, expect, it } from 'vitest';
import { codeEntities } from '../src/code-entity.js';

/** The entity of the first occurrence of `needle` in `src` (the finding's start). */
function entityAt(src: string, needle: string, path = 'x.ts'): string {
  const offset = src.indexOf(needle);
  expect(offset, needle).toBeGreaterThanOrEqual(0);
  const before = src.slice(0, offset).split('\n');
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  return codeEntities(src, path, [{ line, column, endLine: line, endColumn: column + needle.length }])[0];
}

describe('code finding entities: enclosing function and normalized call', () => {
  it('names declarations, methods, variables, properties, assignments and callbacks', () => {
    const src = `
export async function checkout(order) { logger.info(\`start \${order.id}\`); }
class Shop { pay() { log.warn('a' + b); } constructor() { log.error(x); } static s = () => log.debug(y); }
const handler = async () => { metrics.inc({ user: id }); };
const api = { get: function () { log.info('x' + y); }, put() { log.info('z' + w); } };
module.exports.run = function () { log.info('m' + n); };
app.get('/x', (req, res) => { log.info('r' + req.id); });
function outer() { function inner() { log.info('i' + j); } }
log.info('top' + level);
`;
    expect(entityAt(src, '`start')).toBe('code:checkout/logger.info(`start ${order.id}`)');
    expect(entityAt(src, "'a' + b")).toBe('code:Shop.pay/log.warn("a"+b)');
    expect(entityAt(src, 'log.error(x)')).toBe('code:Shop.constructor/log.error(x)');
    expect(entityAt(src, 'log.debug(y)')).toBe('code:Shop.s/log.debug(y)');
    expect(entityAt(src, '{ user: id }')).toBe('code:handler/metrics.inc({user:id})');
    expect(entityAt(src, "'x' + y")).toBe('code:get/log.info("x"+y)');
    expect(entityAt(src, "'z' + w")).toBe('code:put/log.info("z"+w)');
    expect(entityAt(src, "'m' + n")).toBe('code:module.exports.run/log.info("m"+n)');
    expect(entityAt(src, "'r' + req.id")).toBe('code:app.get()/log.info("r"+req.id)');
    expect(entityAt(src, "'i' + j")).toBe('code:outer > inner/log.info("i"+j)');
    expect(entityAt(src, "'top' + level")).toBe('code:<module>/log.info("top"+level)');
  });

  it('ignores formatting: line breaks, comments, quote style and trailing commas', () => {
    const a = entityAt(`function f() {\n  log.info('user ' + id, { a: 1 });\n}\n`, "'user");
    const b = entityAt(`function f() {\n  log.info(\n    "user " + id, // why\n    { a: 1, },\n  );\n}\n`, '"user');
    expect(a).toBe('code:f/log.info("user "+id,{a:1})');
    expect(b).toBe(a);
    expect(entityAt('function f() { return new Counter({ name: "x" }); }', 'name')).toBe('code:f/new Counter({name:"x"})');
  });

  it('does not let a call span a whole callback body', () => {
    const src = 'function setup() {\n  app.use((req) => {\n    const msg = `x ${req.id}`;\n  });\n}\n';
    expect(entityAt(src, '`x')).toBe('code:setup > app.use()/`x ${req.id}`');
  });

  it('finds the statement holding a finding among thousands, JSDoc and zero-width nodes included', () => {
    const body = Array.from({ length: 3000 }, (_, i) => `  /** step ${i} */\n  log.info('s${i}', { i: ${i} });`).join('\n');
    const src = `/** Runs. */\nexport function run() {\n${body}\n}\nlog.info('after');\n`;
    for (const i of [0, 1, 1499, 2999]) expect(entityAt(src, `'s${i}'`)).toBe(`code:run/log.info("s${i}",{i:${i}})`);
    expect(entityAt(src, "'after'")).toBe('code:<module>/log.info("after")');
    // A position inside a doc comment (the smallest node holding it is the function's body), and an empty range
    // at the end of the file.
    expect(entityAt(src, 'step 7 ')).toMatch(/^code:run\/\{\/\*\* step 0 \*\/log\.info\("s0",\{i:0\}\);.*…#[0-9a-f]{8}$/);
    expect(codeEntities(src, 'x.ts', [{ line: src.split('\n').length, column: 1 }])[0]).toBe('code:<module>/');
  });

  it('handles JS with JSX and keeps long calls bounded', () => {
    expect(entityAt('function C() { log.info("a" + b); return <div>{x}</div>; }', '"a"', 'c.jsx')).toBe('code:C/log.info("a"+b)');
    const long = `function f() { log.info('${'y'.repeat(300)}' + v); }`;
    const e = entityAt(long, "'yyy");
    expect(e.length).toBeLessThan(260);
    expect(e).toMatch(/…#[0-9a-f]{8}$/);
    expect(entityAt(long.replace('+ v', '+ w'), "'yyy")).not.toBe(e);
  });
});
