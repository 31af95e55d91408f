#!/usr/bin/env node
/**
 * Entry point of the `statetrace` command. `--version` is answered before anything else is
 * imported so it stays fast; everything else is loaded lazily by `cli/main.ts`.
 */
import { packageInfo } from './package-info.js';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V' || args[0] === '-v')) {
  process.stdout.write(`${packageInfo().version}\n`);
} else {
  const { main } = await import('./cli/main.js');
  process.exitCode = await main(args);
}
