// Builds the CLI into one CommonJS file: one file to read and compile at start-up is the
// fastest way to load commander, chalk and yaml (see docs/benchmarks.md).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/entry.ts'],
  outfile: 'dist/memories.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
