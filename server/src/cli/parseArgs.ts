/** What the command line asks for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'scan'; paths: string[]; format: OutputFormat }
  | { kind: 'usage-error'; message: string };

export type OutputFormat = 'text' | 'json';

const FORMATS: readonly OutputFormat[] = ['text', 'json'];

/** Reads `eventlog-doctor [--help|--version] scan [--format text|json] PATH...`; options may come anywhere. */
export function parseArgs(argv: readonly string[]): CliCommand {
  const positional: string[] = [];
  let format: OutputFormat = 'text';
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    if (arg === '--') optionsEnded = true;
    else if (arg === '-h' || arg === '--help') return { kind: 'help' };
    else if (arg === '-v' || arg === '--version') return { kind: 'version' };
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? argv[++i] : arg.slice('--format='.length);
      if (!FORMATS.includes(value as OutputFormat)) return { kind: 'usage-error', message: `--format must be text or json, not ${value ?? 'nothing'}` };
      format = value as OutputFormat;
    } else return { kind: 'usage-error', message: `unknown option ${arg}` };
  }
  const [command, ...paths] = positional;
  if (command === undefined) return { kind: 'usage-error', message: 'missing command' };
  if (command !== 'scan') return { kind: 'usage-error', message: `unknown command ${command}` };
  if (paths.length === 0) return { kind: 'usage-error', message: 'scan needs at least one file or folder' };
  return { kind: 'scan', paths, format };
}

/** The `--help` text. */
export const USAGE = `Usage: eventlog-doctor scan [--format text|json] PATH...

Scans exported Windows event logs (Event Viewer XML, text and CSV exports, wevtutil and
PowerShell output) for Crypt32 and Cryptographic Services problems. Folders are searched
recursively for .xml, .txt, .log, .csv and .evtx files; files that are not event logs
are skipped and counted.

Options:
  --format text   one line per finding: file:line:column severity rule-id message (default;
                  in a binary .evtx file the place is the record: file#record-id)
  --format json   one JSON document: { "files": [ { "path", "format", "events", "findings", "errors" } ] }
  -h, --help      show this help
  -v, --version   show the version

Exit status: 0 when nothing at warning or above was found, 1 when something was,
2 on usage or read errors (the other files are still scanned and reported).
`;
