// `eventlog-doctor render FILE.evtx [--out FILE]`: the XML rendering of a binary .evtx log, streamed chunk by chunk.
import { closeSync, openSync } from 'node:fs';
import { once } from 'node:events';
import { describeOpenError, openEvtxFile, type EvtxFile } from '../evtx/evtxFileSource';
import { formatEvtxIssue, streamEvtxXml, writeAllSync } from '../evtx/streamEvtxXml';

/** Where the command writes; `stdout` may return a promise to apply backpressure. */
export interface RenderIo {
  stdout(text: string): void | Promise<void>;
  stderr(text: string): void;
}

export const RENDER_USAGE = `Usage: eventlog-doctor render [--out FILE] FILE.evtx

Writes the events of a binary .evtx log as XML, as Event Viewer's "Save All Events As... XML" does
(<?xml ...?><Events><Event>...</Event>...</Events>), to stdout or to FILE. Damaged parts of the log
(skipped chunks and records, and why) are reported on stderr.

Exit status: 0 when the log was rendered (even with damaged parts skipped), 2 when it cannot be read
or is not an .evtx file, or on usage errors.
`;

type RenderArgs = { kind: 'render'; file: string; out?: string } | { kind: 'help' } | { kind: 'usage-error'; message: string };

/** Reads `FILE.evtx`, `--out FILE` / `--out=FILE` / `-o FILE` and `--help`; `--` ends the options. */
export function parseRenderArgs(argv: readonly string[]): RenderArgs {
  const files: string[] = [];
  let out: string | undefined;
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (optionsEnded || !arg.startsWith('-') || arg === '-') files.push(arg);
    else if (arg === '--') optionsEnded = true;
    else if (arg === '-h' || arg === '--help') return { kind: 'help' };
    else if (arg === '--out' || arg === '-o') {
      out = argv[++i];
      if (out === undefined || out === '') return { kind: 'usage-error', message: `${arg} needs a file` };
    } else if (arg.startsWith('--out=')) {
      out = arg.slice('--out='.length);
      if (out === '') return { kind: 'usage-error', message: '--out needs a file' };
    } else return { kind: 'usage-error', message: `unknown option ${arg}` };
  }
  if (files.length !== 1) return { kind: 'usage-error', message: files.length === 0 ? 'render needs an .evtx file' : 'render takes one .evtx file' };
  return out === undefined ? { kind: 'render', file: files[0]! } : { kind: 'render', file: files[0]!, out };
}

/** The process's streams; stdout waits for `drain` when the pipe is full, and a closed pipe ends the run quietly. */
export function processRenderIo(): RenderIo {
  // `eventlog-doctor render x.evtx | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  return {
    stdout: (text) => (process.stdout.write(text) ? undefined : once(process.stdout, 'drain').then(() => undefined)),
    stderr: (text) => void process.stderr.write(text),
  };
}

/** Runs `render` with its arguments (after the word `render`) and returns the exit status. Never rejects. */
export async function runRenderCommand(argv: readonly string[], io: RenderIo = processRenderIo()): Promise<number> {
  const args = parseRenderArgs(argv);
  if (args.kind === 'help') {
    await io.stdout(RENDER_USAGE);
    return 0;
  }
  if (args.kind === 'usage-error') {
    io.stderr(`eventlog-doctor: ${args.message}\n\n${RENDER_USAGE}`);
    return 2;
  }
  let evtx: EvtxFile;
  try {
    evtx = openEvtxFile(args.file);
  } catch (error) {
    io.stderr(`eventlog-doctor: ${describeOpenError(error)}\n`);
    return 2;
  }
  let out: number | undefined;
  try {
    if (args.out !== undefined) out = openSync(args.out, 'w');
    const fd = out;
    const write = fd === undefined ? (text: string) => io.stdout(text) : (text: string) => writeAllSync(fd, text);
    const result = await streamEvtxXml(evtx.source, write);
    for (const issue of result.issues) io.stderr(`${args.file}: ${formatEvtxIssue(issue)}\n`);
    const { stats } = result;
    if (stats.skippedChunks > 0 || stats.brokenRecords > 0) {
      io.stderr(`${args.file}: ${result.records} records rendered; ${stats.skippedChunks} chunks and ${stats.brokenRecords} records skipped\n`);
    }
    return 0;
  } catch (error) {
    io.stderr(`eventlog-doctor: ${args.out !== undefined && out === undefined ? `cannot write ${args.out}: ` : ''}${describeOpenError(error)}\n`);
    return 2;
  } finally {
    evtx.close();
    if (out !== undefined) closeSync(out);
  }
}
