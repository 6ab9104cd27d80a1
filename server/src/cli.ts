// The `eventlog-doctor` command (package.json `bin`, bundled to server/out/cli.js). The same bundle runs the
// scan worker threads: started with scan-worker `workerData`, it serves scan requests instead.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runRenderCommand } from './cli/renderCommand';
import { runCli } from './cli/runCli';
import { isScanWorkerData, serveScanRequests } from './cli/scanWorker';

if (!isMainThread && parentPort && isScanWorkerData(workerData)) {
  serveScanRequests(parentPort, workerData);
} else if (process.argv[2] === 'render') {
  void runRenderCommand(process.argv.slice(3)).then((status) => (process.exitCode = status));
} else {
  const noColor = process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '';
  // `eventlog-doctor scan ... | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: process.stdout.isTTY === true && !noColor,
    ...(process.stderr.isTTY ? { progress: { write: (text: string) => process.stderr.write(text), columns: process.stderr.columns || 80 } } : {}),
    workerScript: __filename,
  }).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`eventlog-doctor: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
