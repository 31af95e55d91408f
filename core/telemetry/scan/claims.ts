/**
 * Who scans which task, decided in shared memory. Every thread claims its next task itself, at
 * the moment it is free to start it, with one atomic compare-and-swap; no thread waits for a
 * message to learn what to do next. (Handing tasks out by message left a worker idle while the
 * busy main thread could not answer, and at the end left tasks queued at a worker while the main
 * thread had nothing to do.)
 *
 * Results are delivered in task order, so only tasks within `window` of the first undelivered one
 * may be claimed: that bounds the results waiting in memory. The main thread claims from the
 * front (its results are delivered at once), workers from the back of the window, so a worker
 * that starts slowly never holds up the first results and the two meet in the middle.
 */

/** Layout of the shared Int32Array. */
const NEXT_TO_DELIVER = 0;
const ABORTED = 1;
const FIRST_CLAIM = 2;

/** `claimBack` found nothing to claim in the window, but tasks beyond it remain. */
export const WINDOW_FULL = -1;
/** Every task is claimed. */
export const ALL_CLAIMED = -2;

export class TaskClaims {
  private readonly state: Int32Array;

  constructor(
    readonly shared: SharedArrayBuffer,
    readonly count: number,
    readonly window: number,
  ) {
    this.state = new Int32Array(shared);
  }

  static create(count: number, window: number): TaskClaims {
    return new TaskClaims(new SharedArrayBuffer((FIRST_CLAIM + count) * Int32Array.BYTES_PER_ELEMENT), count, window);
  }

  get nextToDeliver(): number {
    return Atomics.load(this.state, NEXT_TO_DELIVER);
  }

  /** The main thread delivered up to `next`: the window moves, and waiting workers wake. */
  delivered(next: number): void {
    Atomics.store(this.state, NEXT_TO_DELIVER, next);
    Atomics.notify(this.state, NEXT_TO_DELIVER);
  }

  get aborted(): boolean {
    return Atomics.load(this.state, ABORTED) === 1;
  }

  /** Stop: workers finish the task in hand and claim no more. */
  abort(): void {
    Atomics.store(this.state, ABORTED, 1);
    Atomics.notify(this.state, NEXT_TO_DELIVER);
  }

  /** The first free task in the window, claimed; -1 when there is none. */
  claimFront(): number {
    const from = this.nextToDeliver;
    const limit = Math.min(this.count, from + this.window);
    for (let id = from; id < limit; id++) if (this.tryClaim(id)) return id;
    return -1;
  }

  /** The last free task in the window, claimed; or `WINDOW_FULL` / `ALL_CLAIMED`. */
  claimBack(): number {
    const from = this.nextToDeliver;
    const limit = Math.min(this.count, from + this.window);
    for (let id = limit - 1; id >= from; id--) if (this.tryClaim(id)) return id;
    for (let id = limit; id < this.count; id++) if (Atomics.load(this.state, FIRST_CLAIM + id) === 0) return WINDOW_FULL;
    return ALL_CLAIMED;
  }

  /** Block (a worker only) until the window moves past `seen`, or at most `timeoutMs`. */
  waitForDelivery(seen: number, timeoutMs: number): void {
    Atomics.wait(this.state, NEXT_TO_DELIVER, seen, timeoutMs);
  }

  private tryClaim(id: number): boolean {
    return Atomics.compareExchange(this.state, FIRST_CLAIM + id, 0, 1) === 0;
  }
}
