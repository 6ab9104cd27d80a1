import { availableParallelism } from 'node:os';
import type { Rule } from '../rules/schema';
import { collectFiles, type FileFilter } from './collectFiles';
import { DEFAULT_SCAN_CONFIG, type ScanConfig } from './config';
import { createProgress, type ProgressStream } from './progress';
import type { ScanReport } from './report';
import { scanFile, type FileScan } from './scanFile';
import { loadScanRules } from './scanRules';
import { startScanWorker } from './scanWorker';
import { scanInWorkers } from './workerPool';

/** How a scan runs, beyond what it scans. */
export interface ScanOptions {
  config?: ScanConfig;
  filter?: FileFilter;
  /** Worker threads; default one per core, at most one per file. 1 scans on this thread. */
  jobs?: number;
  /** The CLI entry to start worker threads from (server/out/cli.js, or cli.ts under tsx); none: this thread. */
  workerScript?: string;
  /** Where the progress bar goes (stderr when it is a terminal). */
  progress?: ProgressStream;
}

/** A finished scan: the report and the rules it ran. */
export interface ScanRun {
  report: ScanReport;
  rules: Rule[];
}

/**
 * Scans every path and collects the report in a fixed order (files as named and found), whatever order the
 * workers finish in. Files that cannot be read, and users' rules that cannot be loaded, are reported; the rest
 * is still scanned.
 */
export async function scanPaths(paths: readonly string[], options: ScanOptions = {}): Promise<ScanRun> {
  const config = options.config ?? DEFAULT_SCAN_CONFIG;
  const collected = await collectFiles(paths, options.filter);
  const { rules, engine, errors } = loadScanRules(config.rulePaths);
  const files = collected.files;
  const jobs = Math.min(options.jobs ?? availableParallelism(), files.length);
  const progress = createProgress(files.length, options.progress);

  let scans: FileScan[];
  if (jobs > 1 && options.workerScript !== undefined) {
    const script = options.workerScript;
    scans = await scanInWorkers(files, jobs, () => startScanWorker(script, config.settings, config.rulePaths), () => progress.tick());
  } else {
    scans = [];
    for (const file of files) {
      scans.push(await scanFile(file, engine, config.settings));
      progress.tick();
    }
  }
  progress.finish();

  const report: ScanReport = { files: [], skipped: 0, ruleErrors: errors };
  for (const scan of scans) {
    if ('report' in scan) report.files.push(scan.report);
    else report.skipped++;
  }
  for (const { path, message } of collected.errors) {
    report.files.push({ path, format: null, events: 0, findings: [], omitted: 0, errors: [message] });
  }
  return { report, rules };
}
