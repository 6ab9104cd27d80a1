import * as path from 'node:path';
import * as esbuild from 'esbuild';

const repoRoot = path.resolve(__dirname, '../../..');

/** Builds the CLI bundle the way esbuild.mjs does (server/src/cli.ts -> cli.js), into `outfile`. */
export async function buildCliBundle(outfile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'server/src/cli.ts')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
}
