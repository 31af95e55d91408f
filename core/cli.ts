#!/usr/bin/env node
/**
 * Entry point of the `statetrace` command. `--version` is answered before anything else is
 * imported so it stays fast; everything else is loaded lazily by `cli/main.ts`.
 */
import { packageInfo } from './package-info.js';

// `statetrace … | head` closes the pipe early; that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V' || args[0] === '-v')) {
  process.stdout.write(`${packageInfo().version}\n`);
} else {
  const { main } = await import('./cli/main.js');
  process.exitCode = await main(args);
}
