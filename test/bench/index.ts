/**
 * `npm run bench [-- <filter>...] [--quick]`: runs every `*.bench.js` module next to this file
 * (compiled from `test/bench/*.bench.ts`) and prints its figures. Each module default-exports
 * `(options) => Promise<BenchFigure[]>`. Benchmarks measure; they never assert.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchOptions {
  /** Smaller inputs, for a smoke run. */
  quick: boolean;
}

export interface BenchFigure {
  name: string;
  figures: Record<string, string | number>;
}

export type BenchModule = (options: BenchOptions) => Promise<BenchFigure[]>;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const filters = args.filter((a) => !a.startsWith('--'));
  const here = dirname(fileURLToPath(import.meta.url));
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.js'))
    .filter((f) => filters.length === 0 || filters.some((flt) => f.includes(flt)))
    .sort();
  if (files.length === 0) {
    console.error(`no benchmark matches ${filters.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: BenchModule };
    console.log(`\n## ${file.replace(/\.bench\.js$/, '')}`);
    const results = await mod.default({ quick });
    for (const r of results) {
      const parts = Object.entries(r.figures).map(([k, v]) => `${k}=${typeof v === 'number' ? formatNumber(v) : v}`);
      console.log(`  ${r.name.padEnd(48)} ${parts.join('  ')}`);
    }
  }
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

await main();
