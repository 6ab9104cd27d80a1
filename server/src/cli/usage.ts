/** The `--help` text. */
export const USAGE = `Usage: eventlog-doctor scan [options] PATH...
       eventlog-doctor render FILE.evtx [--out FILE]
       eventlog-doctor export-sigma [--strict] [--rules DIR]... [--config FILE] DIR

scan: analyses exported Windows event logs (Event Viewer XML, text and CSV exports, wevtutil and
PowerShell output, binary .evtx) with the same parsers, rules and settings as the editor. Folders
are searched recursively; files that are not event logs are skipped and counted.

  --format text      findings grouped by file: line:column severity rule-id message (default;
                     in a binary .evtx file the place is the record: #record-id)
  --format json      one JSON document: { "files": [ { "path", "format", "events", "findings",
                     "omitted", "errors" } ], "skipped", "ruleErrors" }
  --format sarif     SARIF 2.1.0, with rules, locations, related locations and fixes that insert the
                     remediation scripts
  --include GLOB     in folders, read only files matching GLOB (repeatable; default
                     '*.{xml,txt,log,csv,evtx}'); ** * ? {a,b}; a pattern without / matches names
  --exclude GLOB     in folders, skip files and folders matching GLOB (repeatable)
  --config FILE      settings as in VS Code: eventlogDoctor.rules, .maxDiagnostics, .rulePaths,
                     .scriptFolder, .enable (flat or nested; a .vscode/settings.json works)
  --rules DIR        a folder of your own Sigma rules (repeatable)
  --fail-on LEVEL    exit 1 on a finding at LEVEL or above: hint, information, warning (default),
                     error, or never
  --base DIR         SARIF paths are relative to DIR (default: the current folder)
  --jobs N           worker threads (default: one per core); 1 scans on the main thread
  --no-color         no colours (also when NO_COLOR is set or stdout is not a terminal)

render: writes a binary .evtx file as Event Viewer XML (<Events>, one <Event> per record) to stdout
or --out FILE, streaming chunk by chunk; what had to be skipped, and why, goes to stderr.

export-sigma: writes every rule (built-in, and --rules / rulePaths rules) as a standard Sigma rule
DIR/<rule id>.yml, for sigma convert. The product's eventlogdoctor block is kept as a custom field
and its scripts written beside; --strict drops every non-standard field and refuses rules that use
a modifier pySigma does not know.

  -h, --help         show this help
  -v, --version      show the version

Exit status: 0 when nothing at or above --fail-on was found, 1 when something was,
2 on usage or read errors (the other files are still scanned and reported).
`;
