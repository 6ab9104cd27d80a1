// Bundles the analysis core with esbuild, as it ships (scope-hoisted, const enums inlined), into bench/.cache/.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');
export const cacheDir = join(here, '.cache');

const ENTRY = `
export { parseLog } from './server/src/parse/parseLog';
export { analyze } from './server/src/service';
export { defaultSettings } from './server/src/features/settings';
import { loadBuiltinRules } from './server/src/rules/catalog';
import { builtinRuleSources } from './server/src/rules/catalog.generated';
import { compileRuleSource } from './server/src/rules/loadRule';
import { createRuleEngine } from './server/src/rules/engine';
export { createRuleEngine };

/**
 * The built-in rules. While the knowledge base is being edited its catalog can be out of step (a script
 * moved); the bench then compiles the detections without remediations, and says so, rather than measure nothing.
 */
export function benchRules() {
  try {
    return loadBuiltinRules();
  } catch (error) {
    const rules = builtinRuleSources.flatMap((src) => {
      const document = src.document;
      const block = document?.eventlogdoctor;
      const stripped = block ? { ...src, document: { ...document, eventlogdoctor: { ...block, remediations: [] } } } : src;
      return compileRuleSource(stripped, true).rule ?? [];
    });
    console.error(\`bench: the built-in catalog does not load (\${String(error).split('\\n')[1] ?? error}); measuring \${rules.length} rules compiled without remediations\`);
    return rules;
  }
}
`;

/** Builds the analysis bundle (by default `bench/.cache/analysis.cjs`) and returns its path. */
export async function bundleAnalysis(outfile = join(cacheDir, 'analysis.cjs')) {
  const { build } = await import('esbuild');
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    stdin: { contents: ENTRY, resolveDir: repoRoot, loader: 'ts', sourcefile: 'benchEntry.ts' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}
