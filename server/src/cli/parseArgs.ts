import type { Severity } from '../rules/schema';

export type OutputFormat = 'text' | 'json' | 'sarif';

/** The lowest severity that makes the exit status 1, or `never`. */
export type FailOn = Severity | 'never';

/** `eventlog-doctor scan`. */
export interface ScanCommand {
  kind: 'scan';
  paths: string[];
  format: OutputFormat;
  include: string[];
  exclude: string[];
  /** `--config FILE`: settings in the shape of the editor's. */
  config?: string;
  /** `--rules DIR`: folders of users' Sigma rules. */
  rules: string[];
  failOn: FailOn;
  /** `--base DIR`: SARIF locations are relative to it (default: the current folder). */
  base?: string;
  /** `--jobs N`: worker threads (default: one per core, at most one per file); 1 scans on the main thread. */
  jobs?: number;
  /** False with `--no-color`. */
  color: boolean;
}

/** `eventlog-doctor export-sigma DIR`. */
export interface ExportSigmaCommand {
  kind: 'export-sigma';
  out: string;
  strict: boolean;
  config?: string;
  rules: string[];
}

/** What the command line asks for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | ScanCommand
  | ExportSigmaCommand
  | { kind: 'usage-error'; message: string };

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const FAIL_ON: readonly FailOn[] = ['hint', 'information', 'warning', 'error', 'never'];
/** Options that take a value, and the commands they belong to. */
const VALUE_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  '--format': ['scan'],
  '--include': ['scan'],
  '--exclude': ['scan'],
  '--fail-on': ['scan'],
  '--base': ['scan'],
  '--jobs': ['scan'],
  '--config': ['scan', 'export-sigma'],
  '--rules': ['scan', 'export-sigma'],
};
const FLAG_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  '--no-color': ['scan'],
  '--strict': ['export-sigma'],
};

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | { error: string } {
  if (allowed.includes(value as T)) return value as T;
  const list = `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
  return { error: `${name} must be ${list}, not ${value ?? 'nothing'}` };
}

/**
 * Reads `eventlog-doctor [--help|--version] scan [options] PATH...` and `eventlog-doctor export-sigma [options] DIR`.
 * Options may come anywhere, as `--name value` or `--name=value`; everything after `--` is a path.
 */
export function parseArgs(argv: readonly string[]): CliCommand {
  const positional: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '-v' || arg === '--version') return { kind: 'version' };
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (VALUE_OPTIONS[name]) {
      const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined) return { kind: 'usage-error', message: missingValue(name) };
      values.set(name, [...(values.get(name) ?? []), value]);
    } else if (FLAG_OPTIONS[name] && eq < 0) {
      flags.add(name);
    } else {
      return { kind: 'usage-error', message: `unknown option ${arg}` };
    }
  }
  const [command, ...rest] = positional;
  if (command === undefined) return { kind: 'usage-error', message: 'missing command' };
  if (command !== 'scan' && command !== 'export-sigma') return { kind: 'usage-error', message: `unknown command ${command}` };
  for (const name of [...values.keys(), ...flags]) {
    const allowed = VALUE_OPTIONS[name] ?? FLAG_OPTIONS[name] ?? [];
    if (!allowed.includes(command)) return { kind: 'usage-error', message: `${name} does not apply to ${command}` };
  }
  const last = (name: string) => values.get(name)?.at(-1);
  const all = (name: string) => values.get(name) ?? [];

  if (command === 'export-sigma') {
    if (rest.length !== 1) return { kind: 'usage-error', message: 'export-sigma needs exactly one output folder' };
    const exportCommand: ExportSigmaCommand = { kind: 'export-sigma', out: rest[0]!, strict: flags.has('--strict'), rules: all('--rules') };
    const config = last('--config');
    if (config !== undefined) exportCommand.config = config;
    return exportCommand;
  }

  if (rest.length === 0) return { kind: 'usage-error', message: 'scan needs at least one file or folder' };
  const format = oneOf('--format', last('--format') ?? 'text', FORMATS);
  if (typeof format === 'object') return { kind: 'usage-error', message: format.error };
  const failOn = oneOf('--fail-on', last('--fail-on') ?? 'warning', FAIL_ON);
  if (typeof failOn === 'object') return { kind: 'usage-error', message: failOn.error };
  const scan: ScanCommand = {
    kind: 'scan',
    paths: rest,
    format,
    include: all('--include'),
    exclude: all('--exclude'),
    rules: all('--rules'),
    failOn,
    color: !flags.has('--no-color'),
  };
  const config = last('--config');
  if (config !== undefined) scan.config = config;
  const base = last('--base');
  if (base !== undefined) scan.base = base;
  const jobs = last('--jobs');
  if (jobs !== undefined) {
    if (!/^[1-9][0-9]{0,3}$/.test(jobs)) return { kind: 'usage-error', message: `--jobs must be a whole number from 1 to 9999, not ${jobs}` };
    scan.jobs = Number(jobs);
  }
  return scan;
}

/** What a value option at the end of the command line lacks. */
function missingValue(name: string): string {
  if (name === '--format') return (oneOf(name, undefined, FORMATS) as { error: string }).error;
  if (name === '--fail-on') return (oneOf(name, undefined, FAIL_ON) as { error: string }).error;
  return `${name} needs a value`;
}
