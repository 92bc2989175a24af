import { Writable } from 'node:stream';
import { main } from '../src/main.js';
import { createProgress, progressEnabled, progressLine } from '../src/progress.js';
import { tempRepo } from './helpers.js';

class FakeStream extends Writable {
  text = '';
  constructor(public isTTY: boolean, public columns?: number) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: string, cb: () => void) {
    this.text += String(chunk);
    cb();
  }
}

const io = (stderr: FakeStream, env: Record<string, string | undefined> = {}) => ({ argv: [], cwd: '/', stdout: new FakeStream(false), stderr, env });
const CLEAR = '\r\u001b[2K';

describe('progress indicator', () => {
  it('is on only for an interactive terminal outside CI', () => {
    expect(progressEnabled(io(new FakeStream(true)))).toBe(true);
    expect(progressEnabled(io(new FakeStream(false)))).toBe(false);
    expect(progressEnabled(io(new FakeStream(true), { CI: 'true' }))).toBe(false);
    expect(progressEnabled(io(new FakeStream(true), { CI: '1' }))).toBe(false);
    expect(progressEnabled(io(new FakeStream(true), { CI: 'false' }))).toBe(true);
    expect(progressEnabled(io(new FakeStream(true), { CI: '' }))).toBe(true);
  });

  it('draws files done/total with a bar', () => {
    expect(progressLine(0, 4)).toBe('obslint [░░░░░░░░░░░░░░░░░░░░░░░░] 0/4 files (0%)');
    expect(progressLine(1, 4)).toBe('obslint [██████░░░░░░░░░░░░░░░░░░] 1/4 files (25%)');
    expect(progressLine(4, 4)).toBe('obslint [████████████████████████] 4/4 files (100%) — finishing (cross-file and code rules)');
  });

  it('stays silent at first, then redraws at most once per interval, always drawing the last file, and clears itself', () => {
    const err = new FakeStream(true);
    let t = 0;
    const p = createProgress(io(err), { now: () => t, delayMs: 300, intervalMs: 100 });
    for (let done = 1; done <= 10; done++) {
      t += 20; // 20ms per file: files 1-14 fit in the first 300ms
      p.update(done, 1000);
    }
    expect(err.text).toBe('');
    const draws: string[] = [];
    for (let done = 11; done <= 1000; done++) {
      t += 20;
      p.update(done, 1000);
    }
    draws.push(...err.text.split(CLEAR).filter(Boolean));
    // (1000 - 15) files × 20ms ≈ 19.7s at one draw per 100ms ≈ 198 draws, plus the final one
    expect(draws.length).toBeGreaterThan(150);
    expect(draws.length).toBeLessThan(260);
    expect(draws[0]).toMatch(/ 15\/1000 files \(1%\)$/);
    expect(draws.at(-1)).toMatch(/ 1000\/1000 files \(100%\) — finishing/);
    expect(err.text.includes('\n')).toBe(false);
    p.finish();
    expect(err.text.endsWith(CLEAR)).toBe(true);
    const before = err.text;
    p.finish();
    expect(err.text).toBe(before);
  });

  it('never draws for runs shorter than the delay, and then has nothing to clear', () => {
    const err = new FakeStream(true);
    let t = 0;
    const p = createProgress(io(err), { now: () => t });
    for (let done = 1; done <= 5; done++) p.update(done, 5), (t += 10);
    p.finish();
    expect(err.text).toBe('');
  });

  it('fits the terminal width', () => {
    const err = new FakeStream(true, 30);
    const p = createProgress(io(err), { now: () => 1000, delayMs: 0 });
    p.update(1, 2);
    expect(err.text).toBe(CLEAR + progressLine(1, 2).slice(0, 29));
  });

  it('writes nothing when piped or in CI', () => {
    for (const [tty, env] of [[false, {}], [true, { CI: 'true' }]] as const) {
      const err = new FakeStream(tty);
      const p = createProgress(io(err, env), { now: () => 1e9, delayMs: 0, intervalMs: 0 });
      p.update(1, 2);
      p.update(2, 2);
      p.finish();
      expect(err.text).toBe('');
    }
  });

  it('leaves stderr clean in a real run (TTY and CI, piped)', async () => {
    const dir = tempRepo({ 'a.prom': '# TYPE x_total counter\nx_total 1\n' });
    for (const [tty, env] of [[true, { CI: 'true' }], [false, {}]] as const) {
      const stderr = new FakeStream(tty);
      const stdout = new FakeStream(false);
      const code = await main({ argv: ['audit'], cwd: dir, stdout, stderr, env: { NO_COLOR: '1', ...env } });
      expect(code).toBe(0);
      expect(stderr.text).toBe('');
      expect(stdout.text).toContain('obslint audit of .: 1 file');
    }
  });
});
