/** A terminal stream the progress bar draws on. */
export interface ProgressStream {
  write(text: string): void;
  /** Terminal width in columns. */
  columns: number;
}

/** Runs shorter than this show no bar at all, so quick scans print nothing extra. */
const SHOW_AFTER_MS = 500;
/** Redraw at most this often. */
const REDRAW_MS = 100;

/** `[#####-----] 12/40 files` fitted to `columns`. */
export function renderProgressBar(done: number, total: number, columns: number): string {
  const label = ` ${done}/${total} files`;
  const width = Math.max(10, Math.min(40, columns - label.length - 3));
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${label}`;
}

/** The bar for one run: `tick` after each file, `finish` to erase it. `now` is injectable for tests. */
export interface Progress {
  tick(): void;
  finish(): void;
}

/** A progress bar on `stream` (stderr on a terminal), shown once the run takes longer than half a second. */
export function createProgress(total: number, stream: ProgressStream | undefined, now: () => number = Date.now): Progress {
  if (!stream) return { tick() {}, finish() {} };
  const started = now();
  let done = 0;
  let drawnAt = -Infinity;
  let drawn = false;
  return {
    tick() {
      done++;
      const at = now();
      if (at - started < SHOW_AFTER_MS || at - drawnAt < REDRAW_MS) return;
      drawnAt = at;
      drawn = true;
      stream.write(`\r${renderProgressBar(done, total, stream.columns)}\x1b[K`);
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
