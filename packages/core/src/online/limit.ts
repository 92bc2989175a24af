/** A counting semaphore: at most `size` holders at once, the others wait in FIFO order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`concurrency must be a whole number ≥ 1, got ${size}`);
  }

  async acquire(): Promise<() => void> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }
}

/**
 * Calls `fn` on every item with at most `limit` calls in flight; resolves when all started calls have settled.
 * `shouldStart` is asked before each item starts: once it returns false no further item starts (the count of
 * items never started is returned).
 */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
  shouldStart: () => boolean = () => true,
): Promise<{ notStarted: number }> {
  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (next < items.length) {
      if (stopped || !shouldStart()) {
        stopped = true;
        return;
      }
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return { notStarted: items.length - next };
}
