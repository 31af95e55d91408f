import { describe, expect, it } from 'vitest';
import { formatDotNetNumber } from '../../../core/stats/dotnet-number.js';

// .NET Core 3.0+ double.ToString() (invariant): shortest round-trip digits; fixed-point when the
// decimal exponent is in [-5, 15) exclusive of -5, i.e. > -5 and < 15.
describe('formatDotNetNumber', () => {
  it.each<[number, string]>([
    [2098, '2098'],
    [0, '0'],
    [-0, '-0'],
    [0.667, '0.667'],
    [1719.3, '1719.3'],
    [1143.769, '1143.769'],
    [11.549999999999999, '11.549999999999999'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-12.5, '-12.5'],
    [0.0001, '0.0001'],
    [0.00012, '0.00012'],
    [0.00001, '1E-05'],
    [0.000015, '1.5E-05'],
    [-0.0000123, '-1.23E-05'],
    [1e-7, '1E-07'],
    [5e-324, '5E-324'],
    [999999999999999, '999999999999999'],
    [1e15, '1E+15'],
    [1.5e15, '1.5E+15'],
    [123456789012345680, '1.2345678901234568E+17'],
    [1e21, '1E+21'],
    [1.7976931348623157e308, '1.7976931348623157E+308'],
    [100, '100'],
    [1e14, '100000000000000'],
    [Number.NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
  ])('%d → %s', (value, text) => {
    expect(formatDotNetNumber(value)).toBe(text);
  });
});
