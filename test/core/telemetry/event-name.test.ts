import { describe, expect, it } from 'vitest';
import { peekEventName } from '../../../core/telemetry/event-name.js';

describe('peekEventName', () => {
  it.each<[string, string | undefined]>([
    ['{"EventName":"ParseDuration","Timestamp":"x"}', 'ParseDuration'],
    ['{"EventName":"A"}', 'A'],
    ['{"EventName":"A","x":1}  ', 'A'],
    ['{"EventName":""}', ''],
    ['{"EventName":"A","x":1', undefined], // truncated: the parser must see it
    ['{"EventName":"A"x}', undefined],
    ['{"EventName":"A\\"B"}', undefined], // escape in the name
    ['{"EventName":"A","EventName":"B"}', undefined], // duplicate key
    ['{"EventName":"A","Nested":{"EventName":"B"}}', undefined], // unsure → parse (correct either way)
    ['{"Timestamp":"x","EventName":"A"}', undefined], // other key order
    ['{ "EventName": "A" }', undefined],
    ['{"EventName":7}', undefined],
    ['{"EventName":"A', undefined],
    ['[{"EventName":"A"}]', undefined],
  ])('%s → %s', (text, expected) => {
    expect(peekEventName(text)).toBe(expected);
  });
});
