#!/usr/bin/env node
// Time and peak memory of obslint on each hostile input (issue: robustness). Each case is a fresh
// directory with the hostile file and one good rule file; obslint runs in its own process.
//   node scripts/robustness-report.mjs        (after pnpm build)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const measure = join(root, 'scripts/bench/measure.mjs');
const GOOD = 'groups:\n  - name: g\n    rules:\n      - alert: StillLinted\n        expr: up == 0\n';

const cases = {
  '100 MB JSON (default limit)': (d) => {
    const panel = JSON.stringify({ id: 1, type: 'timeseries', title: 'x'.repeat(1000), targets: [{ expr: 'up' }] });
    const n = Math.ceil((100 * 1024 * 1024) / (panel.length + 1));
    writeFileSync(join(d, 'huge.json'), `{"title":"huge","panels":[${Array(n).fill(panel).join(',')}]}`);
  },
  '100 MB JSON (--max-file-size 200MB, parsed)': [
    (d) => cases['100 MB JSON (default limit)'](d),
    ['--max-file-size', '200MB'],
  ],
  '20,000-deep JSON nesting': (d) => writeFileSync(join(d, 'deep.json'), `{"title":"deep","panels":[],"x":${'['.repeat(20000)}${']'.repeat(20000)}}`),
  '20,000-deep YAML nesting': (d) => writeFileSync(join(d, 'deep.yaml'), `groups: []\nx: ${'['.repeat(20000)}${']'.repeat(20000)}\n`),
  'YAML alias bomb (9^10 expansion)': (d) => {
    const lines = ['groups: []', 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i <= 9; i++) lines.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(',')}]`);
    writeFileSync(join(d, 'bomb.yaml'), lines.join('\n') + '\n');
  },
  'binary file named .json': (d) => writeFileSync(join(d, 'blob.json'), Buffer.alloc(5 * 1024 * 1024, 0)),
  'invalid UTF-8 rule file': (d) => writeFileSync(join(d, 'latin1.yaml'), Buffer.concat([Buffer.from('groups:\n  - name: caf'), Buffer.from([0xe9, 0xff]), Buffer.from('\n    rules: []\n')])),
  'symlink loops': (d) => {
    mkdirSync(join(d, 'sub'));
    symlinkSync(d, join(d, 'sub', 'loop'));
    symlinkSync(join(d, 'sub', 'b'), join(d, 'sub', 'a'));
    symlinkSync(join(d, 'sub', 'a'), join(d, 'sub', 'b'));
  },
  'unreadable file (skipped when root)': (d) => {
    writeFileSync(join(d, 'secret.yaml'), GOOD);
    execFileSync('chmod', ['000', join(d, 'secret.yaml')]);
  },
  'million-line exposition snapshot': [
    (d) => {
      const lines = ['# HELP app_requests_total Requests.', '# TYPE app_requests_total counter'];
      for (let i = 0; i < 1_000_000; i++) lines.push(`app_requests_total{route="/r/${i % 50}",user_id="${i}"} ${i}`);
      writeFileSync(join(d, 'big.prom'), lines.join('\n') + '\n');
    },
    ['--max-file-size', '200MB'],
  ],
};

console.log('| hostile input | exit | findings | wall time | peak RSS |');
console.log('|---|---|---|---|---|');
for (const [name, spec] of Object.entries(cases)) {
  const [make, extra] = Array.isArray(spec) ? spec : [spec, []];
  const dir = mkdtempSync(join(tmpdir(), 'obslint-hostile-'));
  writeFileSync(join(dir, 'good.yaml'), GOOD);
  make(dir);
  const out = join(dir, '..', `${dir.split('/').pop()}.json`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [measure, 'obslint', dir, '.', '--no-config', '-f', 'json', '-o', out, ...extra], { encoding: 'utf8', timeout: 600_000 });
  const ms = performance.now() - t0;
  const m = JSON.parse((r.stdout.trim().split('\n').pop() || '{}'));
  let findings = '';
  try {
    const res = JSON.parse(execFileSync('cat', [out], { encoding: 'utf8', maxBuffer: 1 << 30 }));
    const ids = {};
    for (const f of res) for (const x of f.messages) ids[x.ruleId] = (ids[x.ruleId] ?? 0) + 1;
    findings = Object.entries(ids).map(([k, v]) => `${k} ${v}`).join(', ');
  } catch {
    findings = '(no output)';
  }
  console.log(`| ${name} | ${r.status} | ${findings} | ${(ms / 1000).toFixed(2)} s | ${m.rssKB ? Math.round(m.rssKB / 1024) + ' MB' : '?'} |`);
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { force: true });
}
