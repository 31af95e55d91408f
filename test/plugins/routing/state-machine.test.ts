import { describe, expect, it } from 'vitest';
import { OutageEvaluator, type ConflictPolicy, type EvaluationSummary } from '../../../plugins/routing/detector/evaluator.js';
import type { Transition } from '../../../plugins/routing/detector/state-machine.js';

const CONDITION = { H: 'healthy', G: 'degraded', D: 'down' } as const;

/**
 * Runs a timeline written one character per 10 s tick (H healthy, G degraded = primary down with the
 * secondary carrying traffic, D down) through the evaluator. A second string is a second source.
 */
function run(cli: string, options: { probe?: string; forS?: number; keepForS?: number; policy?: ConflictPolicy } = {}): { transitions: string[]; raw: Transition[]; summary: EvaluationSummary } {
  const raw: Transition[] = [];
  const evaluator = new OutageEvaluator({ forMs: (options.forS ?? 30) * 1000, keepForMs: (options.keepForS ?? 60) * 1000, conflictPolicy: options.policy }, (t) => raw.push(t));
  const sources = options.probe ? [cli, options.probe] : [cli];
  for (let i = 0; i < cli.length; i++) {
    sources.forEach((s, j) => {
      const c = s[i] as keyof typeof CONDITION;
      evaluator.observe({ route: 'R', at: i * 10_000, source: j === 0 ? 'cli' : 'probe', condition: CONDITION[c] });
    });
  }
  const summary = evaluator.finish();
  return { raw, summary, transitions: raw.map((t) => `${t.from}→${t.to} ${t.kind} observed ${t.observedAt / 1000}s detected ${t.detectedAt / 1000}s latency ${t.latencyMs / 1000}s`) };
}

describe('per-route state machine (for 30 s, keepFor 60 s, 10 s interval)', () => {
  it.each([
    {
      name: 'clean outage: down after `for`, recovered after `keepFor`',
      cli: 'HHH' + 'D'.repeat(12) + 'H'.repeat(10),
      expected: ['healthy→down failure observed 30s detected 60s latency 30s', 'down→recovered recovery observed 150s detected 210s latency 60s'],
    },
    {
      name: 'outage shorter than the debounce: nothing reported',
      cli: 'HHDDDHHHHH',
      expected: [],
    },
    {
      name: 'flapping: reported down once, recovered once after the flapping stops',
      cli: 'DDDDHH'.repeat(3) + 'DDDD' + 'H'.repeat(8),
      expected: ['healthy→down failure observed 0s detected 30s latency 30s', 'down→recovered recovery observed 220s detected 280s latency 60s'],
    },
    {
      name: 'failover to the secondary, then the secondary fails, then comes back, then the primary',
      cli: 'HH' + 'G'.repeat(7) + 'D'.repeat(7) + 'G'.repeat(7) + 'H'.repeat(7),
      expected: [
        'healthy→degraded failure observed 20s detected 50s latency 30s',
        'degraded→down escalation observed 90s detected 120s latency 30s',
        'down→degraded improvement observed 160s detected 190s latency 30s',
        'degraded→recovered recovery observed 230s detected 290s latency 60s',
      ],
    },
    {
      name: 'recovery needs keepFor of uninterrupted health: one bad sample restarts it',
      cli: 'DDDDDD' + 'HHHH' + 'D' + 'H'.repeat(7),
      expected: ['healthy→down failure observed 0s detected 30s latency 30s', 'down→recovered recovery observed 110s detected 170s latency 60s'],
    },
    {
      name: 'degraded and down observations both count as "not healthy" while pending; the latest wins',
      cli: 'HGGDDH',
      expected: ['healthy→down failure observed 10s detected 40s latency 30s'],
    },
    {
      name: 'a recovered route that fails again goes recovered → down',
      cli: 'DDDD' + 'H'.repeat(7) + 'DDDD',
      expected: [
        'healthy→down failure observed 0s detected 30s latency 30s',
        'down→recovered recovery observed 40s detected 100s latency 60s',
        'recovered→down failure observed 110s detected 140s latency 30s',
      ],
    },
  ])('$name', ({ cli, expected }) => {
    expect(run(cli).transitions).toEqual(expected);
  });

  it('without debounce (for 0, keepFor 0) every change is a transition at its first observation', () => {
    expect(run('HDHD', { forS: 0, keepForS: 0 }).transitions).toEqual([
      'healthy→down failure observed 10s detected 10s latency 0s',
      'down→recovered recovery observed 20s detected 20s latency 0s',
      'recovered→down failure observed 30s detected 30s latency 0s',
    ]);
  });

  it('flapping: the debounced detector reports once per window where the stateless rule reports every flap', () => {
    const { summary, raw } = run('DDDDHH'.repeat(3) + 'DDDD' + 'H'.repeat(8));
    expect(summary).toMatchObject({ Failures: 1, Recoveries: 1, MaxFailuresPerWindow: 1, RoutesOverWindowLimit: 0, StatelessFailureReports: 4, StatelessMaxFailuresPerWindow: 2, WindowMs: 90_000 });
    expect(raw.filter((t) => t.kind === 'failure').map((t) => t.sincePreviousFailureMs)).toEqual([undefined]);
  });

  it('records the time since the previous failure', () => {
    const { raw } = run('DDDD' + 'H'.repeat(7) + 'DDDD');
    expect(raw.filter((t) => t.kind === 'failure').map((t) => t.sincePreviousFailureMs)).toEqual([undefined, 110_000]);
  });
});

describe('conflicting sources (cli and probe disagree about the same route at the same time)', () => {
  const cli = 'HHDDDDDD';
  const probe = 'HHDHDDDD';

  it.each([
    ['hold', ['healthy→down failure observed 20s detected 50s latency 30s']],
    ['worst', ['healthy→down failure observed 20s detected 50s latency 30s']],
    ['best', ['healthy→down failure observed 40s detected 70s latency 30s']],
  ] as const)('policy %s', (policy, expected) => {
    const { transitions, summary } = run(cli, { probe, policy });
    expect(transitions).toEqual(expected);
    expect(summary).toMatchObject({ Evaluations: 8, MultiSourceEvaluations: 8, ConflictingEvaluations: 1, ConflictingSignalRate: 1 / 8, ConflictingSignalPercent: 12.5, ConflictPolicy: policy });
  });

  it('hold: a conflicting evaluation neither confirms nor resets a pending recovery', () => {
    const { transitions } = run('DDDD' + 'HHHHHHH', { probe: 'DDDD' + 'HHDHHHH', policy: 'hold' });
    expect(transitions).toEqual(['healthy→down failure observed 0s detected 30s latency 30s', 'down→recovered recovery observed 40s detected 100s latency 60s']);
  });

  it('agreeing sources are not conflicts; one source alone has no conflict rate', () => {
    expect(run('HHDD', { probe: 'HHDD' }).summary).toMatchObject({ MultiSourceEvaluations: 4, ConflictingEvaluations: 0, ConflictingSignalRate: 0 });
    expect(run('HHDD').summary).toMatchObject({ Observations: 4, Evaluations: 4, MultiSourceEvaluations: 0, ConflictingSignalRate: 0 });
  });
});

describe('evaluator bookkeeping', () => {
  it('counts observations older than the route’s open evaluation instead of applying them', () => {
    const evaluator = new OutageEvaluator({ forMs: 0, keepForMs: 0 });
    evaluator.observe({ route: 'R', at: 20_000, source: 'a', condition: 'healthy' });
    evaluator.observe({ route: 'R', at: 10_000, source: 'a', condition: 'down' });
    const summary = evaluator.finish();
    expect(summary).toMatchObject({ Observations: 2, Evaluations: 1, OutOfOrderObservations: 1, Transitions: 0 });
  });

  it('groups observations within sameTimeMs into one evaluation', () => {
    const evaluator = new OutageEvaluator({ forMs: 0, keepForMs: 0, sameTimeMs: 2_000 });
    evaluator.observe({ route: 'R', at: 10_000, source: 'a', condition: 'down' });
    evaluator.observe({ route: 'R', at: 11_500, source: 'b', condition: 'healthy' });
    expect(evaluator.finish()).toMatchObject({ Evaluations: 1, ConflictingEvaluations: 1 });
  });

  it('routes are independent', () => {
    const seen: string[] = [];
    const evaluator = new OutageEvaluator({ forMs: 10_000, keepForMs: 10_000 }, (t) => seen.push(`${t.route}:${t.to}`));
    for (let i = 0; i < 4; i++) {
      evaluator.observe({ route: 'A', at: i * 10_000, source: 's', condition: 'down' });
      evaluator.observe({ route: 'B', at: i * 10_000, source: 's', condition: 'healthy' });
    }
    evaluator.finish();
    expect(seen).toEqual(['A:down']);
    expect(evaluator.stateOf('A')).toBe('down');
    expect(evaluator.stateOf('B')).toBe('healthy');
  });

  it('rejects unknown condition words', () => {
    const evaluator = new OutageEvaluator({ forMs: 0, keepForMs: 0 });
    expect(() => evaluator.observe({ route: 'R', at: 0, source: 's', condition: 'sideways' as 'down' })).toThrow(/unknown condition "sideways"/);
  });
});
