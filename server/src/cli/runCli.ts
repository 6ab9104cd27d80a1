import * as path from 'node:path';
import packageJson from '../../../package.json';
import { DEFAULT_SCAN_CONFIG, loadConfig, type ScanConfig } from './config';
import { exportSigma } from './exportSigma';
import { COLORED, formatGrouped, PLAIN } from './formatText';
import { parseArgs, type ExportSigmaCommand, type ScanCommand } from './parseArgs';
import type { ProgressStream } from './progress';
import { formatErrors, formatSummary, hasErrors, hasFailingFindings } from './report';
import { sarifOfScan } from './sarifOutput';
import { scanPaths } from './scanPaths';
import { USAGE } from './usage';

/** Where the CLI writes and what it knows of its terminal; tests capture the output instead of the streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour the text report (stdout is a terminal and NO_COLOR is not set). */
  color?: boolean;
  /** Draw a progress bar there on long runs (stderr when it is a terminal). */
  progress?: ProgressStream;
  /** The CLI entry to start worker threads from; without it every file is scanned on this thread. */
  workerScript?: string;
}

/** Exit statuses: nothing at or above --fail-on found, something found, usage or read errors. */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERRORS = 2;

async function configOf(file: string | undefined, io: CliIo): Promise<ScanConfig | undefined> {
  if (file === undefined) return DEFAULT_SCAN_CONFIG;
  const loaded = await loadConfig(file);
  if ('config' in loaded) return loaded.config;
  io.stderr(`${loaded.errors.map((e) => `eventlog-doctor: ${e}`).join('\n')}\n`);
  return undefined;
}

async function runScan(command: ScanCommand, io: CliIo): Promise<number> {
  const loaded = await configOf(command.config, io);
  if (!loaded) return EXIT_ERRORS;
  const config: ScanConfig = { ...loaded, rulePaths: [...loaded.rulePaths, ...command.rules.map((p) => path.resolve(p))] };
  let run;
  try {
    run = await scanPaths(command.paths, {
      config,
      filter: { include: command.include, exclude: command.exclude },
      ...(command.jobs !== undefined ? { jobs: command.jobs } : {}),
      ...(io.workerScript !== undefined ? { workerScript: io.workerScript } : {}),
      ...(io.progress !== undefined ? { progress: io.progress } : {}),
    });
  } catch (error) {
    // A bad --include/--exclude pattern gets here (reading and scanning report their own errors per file).
    io.stderr(`eventlog-doctor: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_ERRORS;
  }
  const { report, rules } = run;
  const status = hasErrors(report) ? EXIT_ERRORS : hasFailingFindings(report, command.failOn) ? EXIT_FINDINGS : EXIT_CLEAN;

  if (command.format === 'json') {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else if (command.format === 'sarif') {
    const base = path.resolve(command.base ?? '.');
    // Compact: the related locations of a busy log make an indented SARIF file twice as large.
    io.stdout(`${JSON.stringify(await sarifOfScan(report, rules, config, base, status))}\n`);
  } else {
    const lines = formatGrouped(report, command.color && io.color === true ? COLORED : PLAIN);
    if (lines.length > 0) io.stdout(`${lines.join('\n')}\n\n`);
    io.stdout(`${formatSummary(report)}\n`);
  }
  const errors = formatErrors(report);
  if (errors.length > 0) io.stderr(`${errors.join('\n')}\n`);
  return status;
}

async function runExport(command: ExportSigmaCommand, io: CliIo): Promise<number> {
  const config = await configOf(command.config, io);
  if (!config) return EXIT_ERRORS;
  const result = await exportSigma(command.out, command.strict, config, command.rules);
  for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
  for (const error of result.errors) io.stderr(`error: ${error}\n`);
  const scripts = result.scripts > 0 ? ` and ${result.scripts} remediation ${result.scripts === 1 ? 'script' : 'scripts'}` : '';
  io.stdout(`Wrote ${result.rules} Sigma ${result.rules === 1 ? 'rule' : 'rules'}${scripts} to ${command.out}.\n`);
  return result.errors.length > 0 ? EXIT_ERRORS : EXIT_CLEAN;
}

/** Runs `eventlog-doctor` with `argv` (without node and the script) and returns the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const command = parseArgs(argv);
  switch (command.kind) {
    case 'help':
      io.stdout(USAGE);
      return EXIT_CLEAN;
    case 'version':
      io.stdout(`${packageJson.version}\n`);
      return EXIT_CLEAN;
    case 'usage-error':
      io.stderr(`eventlog-doctor: ${command.message}\n\n${USAGE}`);
      return EXIT_ERRORS;
    case 'scan':
      return runScan(command, io);
    case 'export-sigma':
      return runExport(command, io);
  }
}
