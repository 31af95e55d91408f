import { describe, expect, it } from 'vitest';
import { roundAwayFromZero, roundDotNet, roundHalfEven } from '../../../core/stats/rounding.js';

// Expected values are what .NET's Math.Round(x, d, mode) returns: scale by 10^d as a double,
// round the double to an integer with the mode, divide.
describe('roundAwayFromZero (.NET MidpointRounding.AwayFromZero)', () => {
  it.each<[number, number, number]>([
    [0.5, 0, 1],
    [1.5, 0, 2],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [1.2811538461538463, 3, 1.281],
    [1143.7692307692307, 3, 1143.769],
    [1.8404, 3, 1.84],
    [0.0005, 3, 0.001],
    [1.0005, 3, 1.001], // 1.0005·1000 is exactly 1000.5 as a double → tie → away
    [2.675, 2, 2.68], // 2.675 is really 2.67499999…, but 2.675·100 rounds to exactly 267.5: scaling decides, not the decimal text
    [1.005, 2, 1], // 1.005·100 = 100.49999999999999 → 100
    [12345.6789, 0, 12346],
    [1e16, 2, 1e16],
  ])('Math.Round(%d, %d, AwayFromZero) = %d', (x, d, expected) => {
    expect(roundAwayFromZero(x, d)).toBe(expected);
  });
});

describe('roundHalfEven (.NET default, MidpointRounding.ToEven)', () => {
  it.each<[number, number, number]>([
    [0.5, 0, 0],
    [1.5, 0, 2],
    [2.5, 0, 2],
    [-2.5, 0, -2],
    [-3.5, 0, -4],
    [0.125, 2, 0.12],
    [0.375, 2, 0.38],
    [46.2, 2, 46.2],
    [18.74075, 6, 18.74075],
    [24.785899999999998, 6, 24.7859],
    [26.212380000000003, 6, 26.21238],
    [1.005, 2, 1],
    [123.4565, 3, 123.456], // scales to exactly 123456.5 → tie → even 123456
  ])('Math.Round(%d, %d, ToEven) = %d', (x, d, expected) => {
    expect(roundHalfEven(x, d)).toBe(expected);
  });
});

describe('rounding edge cases', () => {
  it('keeps negative zero like .NET (prints as -0)', () => {
    expect(Object.is(roundHalfEven(-0.4, 0), -0)).toBe(true);
    expect(Object.is(roundAwayFromZero(-0.0004, 3), -0)).toBe(true);
  });
  it('passes NaN and infinities through, rejects digits outside 0–15', () => {
    expect(roundHalfEven(Number.NaN, 2)).toBeNaN();
    expect(roundAwayFromZero(Infinity, 2)).toBe(Infinity);
    expect(() => roundHalfEven(1, 16)).toThrow(RangeError);
    expect(() => roundHalfEven(1, 1.5)).toThrow(RangeError);
  });
  it('roundDotNet dispatches on the mode', () => {
    expect(roundDotNet(2.5, 0, 'away-from-zero')).toBe(3);
    expect(roundDotNet(2.5, 0, 'half-even')).toBe(2);
  });
});
