/**
 * The name a remediation script takes from its log: the file name without folder and without its last
 * extension (`/logs/Application.xml` gives `Application`); `eventlog` when nothing is left.
 */
export function logBaseName(logPath: string): string {
  const path = String(logPath ?? '').replace(/\\/g, '/');
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base) || 'eventlog';
}
