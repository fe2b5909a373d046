#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

// `wirescope articles | head`: a closed pipe ends the command quietly, as in any Unix tool.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
