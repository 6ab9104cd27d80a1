/** The messages between the server and the worker that reads a file on disk. */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ServiceSettings } from '../features/settings';

/** What the worker is asked to read, and with which rules. */
export interface DiskRequest {
  file: string;
  settings: ServiceSettings;
  /** Users' rule folders and files in effect (empty in an untrusted workspace). */
  rulePaths: string[];
  placeholders: Record<string, string[]>;
}

/** What reading the file gave, ready for the client. */
export interface DiskOutcome {
  diagnostics: Diagnostic[];
  /** The findings summary, markdown. */
  summary: string;
  events: number;
  findings: number;
  cancelled: boolean;
}

export type WorkerMessage =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'result'; outcome: DiskOutcome }
  | { kind: 'error'; message: string };
