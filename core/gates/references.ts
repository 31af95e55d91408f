/**
 * Ready-made ReferenceResolvers: one from plain maps (the runner's facts, the other scenarios' sample
 * indexes, a baseline lookup), and an empty one for `statetrace check` without history.
 */
import type { FactValue } from '../types.js';
import type { BaselineQuery, ReferenceResolver, SampleIndex } from './types.js';

export interface ReferenceSources {
  facts?: Readonly<Record<string, FactValue>>;
  /** Other scenarios of the same run by name, each collected for (at least) the same gates. */
  scenarios?: ReadonlyMap<string, SampleIndex> | Readonly<Record<string, SampleIndex>>;
  baseline?: (query: BaselineQuery) => number | undefined;
}

/** Facts are looked up exactly first, then case-insensitively. */
export function createReferenceResolver(sources: ReferenceSources = {}): ReferenceResolver {
  const facts = sources.facts ?? {};
  const scenarios = sources.scenarios;
  return {
    fact(name) {
      if (name in facts) return facts[name];
      const key = Object.keys(facts).find((k) => k.toLowerCase() === name.toLowerCase());
      return key === undefined ? undefined : facts[key];
    },
    scenarioSamples(name) {
      if (!scenarios) return undefined;
      if (scenarios instanceof Map) return scenarios.get(name);
      return (scenarios as Readonly<Record<string, SampleIndex>>)[name];
    },
    baseline(query) {
      return sources.baseline?.(query);
    },
  };
}

/** No facts, no other scenarios, no history: every reference is `not_evaluated` with its reason. */
export const noReferences: ReferenceResolver = createReferenceResolver();
