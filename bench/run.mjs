// The benchmark suite: `npm run bench` (1, 10, 50 and 200 MB, the LSP latencies on 10 and 50 MB, and the .evtx
// decoder bench) or `npm run bench:ci` (`--ci`: 1 and 10 MB, the LSP latencies on 10 MB). Builds its inputs,
// measures each tool on each input in a fresh process, prints a table and writes it as JSON under bench/results/.
// No timing assertions: the goals are printed, met or not, for a person to read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleAnalysis } from './bundle.mjs';
import { ensureInputs } from './inputs.mjs';
import { measureLsp } from './lsp.mjs';
import { printGoals, printTable } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');
const ci = process.argv.includes('--ci');
const sizes = ci ? [1, 10] : [1, 10, 50, 200];
const lspSizes = ci ? [10] : [10, 50];
const MB = 1024 * 1024;

/** Best of a few runs for small inputs, one for the big ones: the whole suite has to stay under 10 minutes. */
const repetitions = (mb, tool) => (tool === 'ours' ? (mb <= 10 ? 5 : 2) : mb <= 10 ? 2 : 1);

function measure(tool, input, bundle) {
  const args = ['--max-old-space-size=8192', join(here, 'measure.mjs'), tool, input.file, String(repetitions(input.mb, tool)), bundle];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * MB });
  if (run.status !== 0) {
    console.error(`  ${tool} on ${input.shape} ${input.mb} MB failed: ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`);
    return { tool, shape: input.shape, mb: input.mb, bytes: input.bytes, failed: true };
  }
  const line = run.stdout.trim().split('\n').pop();
  const result = JSON.parse(line);
  const seconds = result.cpuMs / 1000;
  const row = {
    tool,
    shape: input.shape,
    mb: input.mb,
    bytes: input.bytes,
    events: result.events,
    findings: result.findings,
    problems: result.problems,
    repetitions: result.reps,
    cpuMs: result.cpuMs,
    wallMs: result.wallMs,
    mbPerSecond: input.bytes / MB / seconds,
    eventsPerSecond: result.events / seconds,
    maxRssMb: result.maxRssKb / 1024,
  };
  console.error(`  ${tool.padEnd(15)} ${input.shape.padEnd(13)} ${String(input.mb).padStart(3)} MB  ${row.mbPerSecond.toFixed(1)} MB/s (CPU)`);
  return row;
}

function runEvtxBench() {
  const script = join(here, 'evtx.mjs');
  if (!existsSync(script)) return undefined;
  console.error('evtx decoder bench (bench/evtx.mjs):');
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, '--tool-timeout', '60'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * MB });
  if (run.status !== 0) console.error(`  bench/evtx.mjs failed (${run.status}): ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`);
  return { status: run.status, output: run.stdout };
}

async function main() {
  const started = performance.now();
  const bundle = await bundleAnalysis();
  const inputs = await ensureInputs(sizes, bundle);
  const rows = [];
  console.error('parse + rules (ours) and parse only (fast-xml-parser, sax), each in a fresh process:');
  for (const input of inputs) {
    rows.push(measure('ours', input, bundle));
    // At 200 MB fast-xml-parser takes about 40 s and 2 GB, once: the suite still stays well under 10 minutes.
    if (input.shape === 'xml') for (const tool of ['fast-xml-parser', 'sax']) rows.push(measure(tool, input, bundle));
  }
  const lsp = [];
  const serverModule = join(repoRoot, 'server/out/server.js');
  if (!existsSync(serverModule)) spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  console.error('language server latencies (server/out/server.js --stdio):');
  for (const mb of lspSizes) {
    const input = inputs.find((i) => i.shape === 'xml' && i.mb === mb);
    try {
      lsp.push({ mb, ...(await measureLsp(serverModule, input.file)) });
    } catch (error) {
      console.error(`  LSP on ${mb} MB failed: ${error instanceof Error ? error.message : error}`);
      lsp.push({ mb, failed: true });
    }
  }
  const evtx = ci ? undefined : runEvtxBench();
  const report = { date: new Date().toISOString(), ci, node: process.version, cpus: (await import('node:os')).cpus().length, rows, lsp, evtx };
  printTable(rows, lsp);
  printGoals(rows, lsp);
  if (evtx?.output) console.log(`\n.evtx decoder (bench/evtx.mjs):\n${evtx.output.trim()}`);
  const resultsDir = join(here, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const out = join(resultsDir, `${ci ? 'ci' : 'bench'}-${report.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
