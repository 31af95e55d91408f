/**
 * Holds telemetry events raised inside a host's timed write (cache lookups publish GetHit/GetMiss)
 * and publishes them once the write is over, the way persistence returns its own events and emits
 * them after the commit. Keeps the cost of formatting and writing telemetry out of
 * InterfaceCallDurationMs / SiteCacheFetchDurationMs. Order is preserved.
 */
import type { EventInput } from '../../core/plugin.js';

export class DeferredEmitter {
  private pending: EventInput[] = [];
  constructor(private readonly target: (event: EventInput) => void) {}

  /** Queue an event (bound, so it can be handed around as a callback). */
  readonly emit = (event: EventInput): void => {
    this.pending.push(event);
  };

  /** Publish every queued event, in order. */
  readonly flush = (): void => {
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    for (const event of events) this.target(event);
  };
}
