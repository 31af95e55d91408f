/** Statistics primitives: percentiles (named methods), summaries, .NET-exact rounding and number text. */
export * from './percentile.js';
export * from './summary.js';
export * from './rounding.js';
export * from './dotnet-number.js';
