/**
 * The only file that knows the LSP connection: capabilities, the open documents, settings, the per-version
 * parse cache, and the handlers that hand the cached analysis to the pure service.
 */
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
  type ProgressToken,
  WorkDoneProgress,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver';
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { runDiskAnalysis } from './disk/runDiskAnalysis';
import { PieceTextDocument } from './documents/pieceTextDocument';
import { composeChanges, reparseAfterChange, type TextChange } from './parse/incremental';
import type { ParsedLog } from './parse/model';
import { parseLog } from './parse/parseLog';
import { createEvtxRequests, RENDER_EVTX_REQUEST, RENDER_EVTX_TO_FILE_REQUEST } from './evtx/evtxRequests';
import { loadBuiltinRules } from './rules/catalog';
import { createRuleEngine, type RuleEngine } from './rules/engine';
import type { Rule } from './rules/schema';
import { isRecord } from './isRecord';
import { localPath, samePath } from './localFiles';
import { insertRemediation, type RemediationHost } from './remediationCommand';
import { normalizeSettings, settingsFromInitializationOptions, SETTINGS_SECTION, type ServerSettings } from './serverSettings';
import {
  checkRuleFile,
  formatRuleError,
  isUnderRulePath,
  loadRuleFolders,
  looksLikeSigmaRule,
  resolveRulePaths,
  ruleErrorDiagnostics,
} from './userRules';
import {
  analyze,
  computeDiagnostics,
  detectedLanguage,
  getCodeActions,
  getDocumentSymbols,
  getFoldingRanges,
  getHover,
  INSERT_REMEDIATION_COMMAND,
  reanalyzeEvent,
  type Analysis,
} from './service';

/** Typing produces bursts of changes; diagnostics wait for a short pause. Opening a document is immediate. */
const CHANGE_DEBOUNCE_MS = 150;
/** An edit inside an XML event re-reads only that event: cheap enough to follow typing closely. */
const INCREMENTAL_DEBOUNCE_MS = 40;
/** The client tells the server that the user trusted the workspace, so its rule folders may load. */
const WORKSPACE_TRUSTED_NOTIFICATION = 'eventlogDoctor/workspaceTrusted';
/** Sent to the client when a generic document turns out to be an event log: `{ uri, languageId }`. */
const DETECTED_LANGUAGE_NOTIFICATION = 'eventlogDoctor/detectedLanguage';

interface CacheEntry {
  version: number;
  parsed: ParsedLog;
  analysis?: CachedAnalysis;
  /** After an edit re-read one event: its index, and the analysis of the version before, to reuse for the rest. */
  reparsed?: { eventIndex: number; previous: CachedAnalysis };
}

/** An analysis and the rules version and settings it was made with. */
interface CachedAnalysis {
  key: string;
  value: Analysis;
}

/** What the client said it can do, read once at initialize. */
interface ClientSupport {
  pullConfiguration: boolean;
  configurationChangeRegistration: boolean;
  createFiles: boolean;
  showDocument: boolean;
}

/** Wires every handler to `connection` and starts listening. */
export function startServer(connection: Connection): void {
  /** Per document, the edits since the version its last parse read: the next parse re-reads only what they touched. */
  const pendingChanges = new Map<string, PendingChange>();
  const documents = new TextDocuments<PieceTextDocument>({
    create: (uri, languageId, version, content) => PieceTextDocument.create(uri, languageId, version, content),
    update: (document, changes, version) => {
      // One change at a time, so each change's offsets are read from the text it applies to.
      for (const change of changes) {
        notePendingChange(pendingChanges, document, change, version);
        document.update([change], version);
      }
      document.version = version;
      return document;
    },
  });
  const parseCache = new Map<string, CacheEntry>();
  const settingsByUri = new Map<string, Promise<ServerSettings>>();
  const pendingValidations = new Map<string, ReturnType<typeof setTimeout>>();
  /** The version each document's latest validation was scheduled for. */
  const scheduledVersions = new Map<string, number>();
  /** Documents that were sent diagnostics: only these get an empty publish when they stop being logs. */
  const published = new Set<string>();
  const announcedLanguages = new Set<string>();
  let support: ClientSupport = { pullConfiguration: false, configurationChangeRegistration: false, createFiles: false, showDocument: false };
  let pushedSettings = normalizeSettings(undefined);
  let rules: { list: Rule[]; engine: RuleEngine } | undefined;
  /** Users' rules from `rulePaths`; loaded only in a trusted workspace. */
  let userRules: Rule[] = [];
  /** The absolute rule folders and files in effect, to recognise an open rule file. */
  let rulePathRoots: string[] = [];
  /** Bumped whenever the rule set changes, so cached analyses are redone. */
  let rulesVersion = 0;
  let workspaceTrusted = true;
  let workspaceFolders: string[] = [];
  const logError = (what: string, error: unknown): void => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    try {
      connection.console.error(`${what}: ${detail}`);
    } catch {
      // The connection is gone; there is no one left to tell.
    }
  };

  /** A plain notification: every client shows it, and no answer is awaited. */
  function showMessage(type: MessageType, message: string): void {
    connection.sendNotification(ShowMessageNotification.type, { type, message }).catch((error: unknown) => logError('Showing a message failed', error));
  }

  function ruleSet(): { list: Rule[]; engine: RuleEngine } {
    if (!rules) {
      const list = [...loadBuiltinRules(), ...userRules];
      rules = { list, engine: createRuleEngine(list) };
    }
    return rules;
  }

  /** The settings that are the same for every document (the rule set is shared): the workspace's. */
  function globalSettings(): Promise<ServerSettings> {
    if (!support.pullConfiguration) return Promise.resolve(pushedSettings);
    return connection.workspace.getConfiguration({ section: SETTINGS_SECTION }).then(normalizeSettings, (error: unknown) => {
      logError('Reading the eventlogDoctor settings failed', error);
      return pushedSettings;
    });
  }

  /** Loads (or drops) users' rules from `rulePaths`, then re-analyses every open document. */
  async function reloadUserRules(): Promise<void> {
    try {
      const settings = await globalSettings();
      const paths = resolveRulePaths(settings.rulePaths, workspaceFolders);
      if (settings.rulePaths.length > 0 && !workspaceTrusted) {
        connection.console.warn('eventlogDoctor.rulePaths is ignored: the workspace is not trusted, and rules from it could run in this server.');
        userRules = [];
        rulePathRoots = [];
      } else {
        const loaded = loadRuleFolders(paths, { placeholders: settings.placeholders });
        userRules = loaded.rules;
        rulePathRoots = paths;
        if (paths.length > 0) connection.console.info(`Loaded ${loaded.rules.length} rule(s) from ${paths.join(', ')}.`);
        for (const error of loaded.errors) connection.console.error(`Rule not loaded: ${formatRuleError(error)}`);
        if (loaded.errors.length > 0) {
          showMessage(MessageType.Warning, `Event Log Doctor: ${loaded.errors.length} problem(s) in the rules of eventlogDoctor.rulePaths; open the rule files or the output for details.`);
        }
      }
    } catch (error) {
      logError('Loading the rules of eventlogDoctor.rulePaths failed', error);
      userRules = [];
    }
    rules = undefined;
    rulesVersion++;
    revalidateAll();
  }

  /** A YAML document Event Log Doctor checks as a rule: under a rule path, or shaped like a Sigma rule. */
  function isRuleDocument(document: TextDocument): boolean {
    if (!/\.ya?ml$/i.test(document.uri) && document.languageId !== 'yaml') return false;
    const file = localPath(document.uri);
    return (file !== undefined && isUnderRulePath(file, rulePathRoots)) || looksLikeSigmaRule(document.getText());
  }

  async function validateRuleDocument(document: TextDocument): Promise<void> {
    const settings = await globalSettings();
    const file = localPath(document.uri) ?? document.uri;
    const text = document.getText();
    const diagnostics = ruleErrorDiagnostics(checkRuleFile(file, text, { placeholders: settings.placeholders }), text);
    published.add(document.uri);
    await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }

  function getSettings(uri: string): Promise<ServerSettings> {
    if (!support.pullConfiguration) return Promise.resolve(pushedSettings);
    let settings = settingsByUri.get(uri);
    if (!settings) {
      settings = connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (raw: unknown) => normalizeSettings(raw),
        (error: unknown) => {
          logError('Reading the eventlogDoctor settings failed', error);
          return pushedSettings;
        },
      );
      settingsByUri.set(uri, settings);
    }
    return settings;
  }

  /** The document's parse for its current version: parsed once, then shared by every feature. */
  function cacheEntry(document: PieceTextDocument): CacheEntry {
    const cached = parseCache.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const pending = pendingChanges.get(document.uri);
    pendingChanges.delete(document.uri);
    const change = cached && pending?.fromVersion === cached.version && pending.toVersion === document.version ? pending.change : undefined;
    let entry: CacheEntry;
    if (cached && change) {
      // The edit is read from the document's pieces: only the edited event's text is looked at.
      const { parsed, reparsedEvent } = reparseAfterChange(cached.parsed, document, change);
      entry = { version: document.version, parsed };
      if (reparsedEvent !== undefined && cached.analysis) entry.reparsed = { eventIndex: reparsedEvent, previous: cached.analysis };
    } else {
      entry = { version: document.version, parsed: parseLog(document.getText()) };
    }
    parseCache.set(document.uri, entry);
    return entry;
  }

  /** The analysis of the document's current version under `settings`; undefined when there is nothing to analyse. */
  function analysisOf(document: PieceTextDocument, settings: ServerSettings): Analysis | undefined {
    if (!settings.enable || document.languageId === 'yaml') return undefined;
    const entry = cacheEntry(document);
    if (entry.parsed.kind === undefined) return undefined;
    const key = `${rulesVersion}:${settings.key}`;
    if (entry.analysis?.key !== key) {
      const { reparsed } = entry;
      const engine = ruleSet().engine;
      const text = document.getText();
      const value =
        reparsed?.previous.key === key
          ? reanalyzeEvent(reparsed.previous.value, entry.parsed, text, reparsed.eventIndex, engine, settings)
          : analyze(entry.parsed, text, engine, settings);
      entry.analysis = { key, value };
    }
    entry.reparsed = undefined;
    return entry.analysis.value;
  }

  async function currentAnalysis(uri: string): Promise<{ document: PieceTextDocument; analysis: Analysis } | undefined> {
    const settings = await getSettings(uri);
    const document = documents.get(uri);
    if (!document) return undefined;
    const analysis = analysisOf(document, settings);
    return analysis ? { document, analysis } : undefined;
  }

  // --- diagnostics -------------------------------------------------------------------------------------------

  function cancelValidation(uri: string): void {
    const timer = pendingValidations.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    pendingValidations.delete(uri);
  }

  function scheduleValidation(uri: string, delay: number): void {
    cancelValidation(uri);
    const version = documents.get(uri)?.version;
    if (version !== undefined) scheduledVersions.set(uri, version);
    if (delay === 0) {
      void validate(uri);
      return;
    }
    pendingValidations.set(
      uri,
      setTimeout(() => {
        pendingValidations.delete(uri);
        void validate(uri);
      }, delay),
    );
  }

  function clearDiagnostics(uri: string): void {
    if (!published.delete(uri)) return;
    connection.sendDiagnostics({ uri, diagnostics: [] }).catch((error: unknown) => logError(`Clearing diagnostics of ${uri} failed`, error));
  }

  async function validate(uri: string): Promise<void> {
    try {
      const requested = documents.get(uri)?.version;
      const settings = await getSettings(uri);
      const document = documents.get(uri);
      // A newer version has its own validation scheduled.
      if (!document || document.version !== requested) return;
      if (settings.enable && isRuleDocument(document)) {
        await validateRuleDocument(document);
        return;
      }
      const analysis = analysisOf(document, settings);
      if (!analysis) {
        clearDiagnostics(uri);
        return;
      }
      const diagnostics = computeDiagnostics(document, analysis, settings);
      published.add(uri);
      await connection.sendDiagnostics({ uri, version: document.version, diagnostics });
      announceLanguage(document, analysis);
    } catch (error) {
      logError(`Computing diagnostics for ${uri} failed`, error);
    }
  }

  /** Tells the client which event log language a generic xml/plaintext/log document holds (once per document). */
  function announceLanguage(document: TextDocument, analysis: Analysis): void {
    const languageId = detectedLanguage(document.languageId, analysis.parsed.kind);
    if (!languageId || announcedLanguages.has(document.uri)) return;
    announcedLanguages.add(document.uri);
    connection.sendNotification(DETECTED_LANGUAGE_NOTIFICATION, { uri: document.uri, languageId }).catch((error: unknown) => logError('Announcing the language failed', error));
  }

  function revalidateAll(): void {
    for (const document of documents.all()) scheduleValidation(document.uri, 0);
  }

  // --- lifecycle and settings ----------------------------------------------------------------------------------

  connection.onInitialize((params): InitializeResult => {
    support = readClientSupport(params.capabilities);
    pushedSettings = normalizeSettings(settingsFromInitializationOptions(params.initializationOptions));
    // Clients without a notion of trust (other editors) trust their workspace; VS Code says so explicitly.
    workspaceTrusted = !(isRecord(params.initializationOptions) && params.initializationOptions.workspaceTrusted === false);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolders = folders.flatMap((uri) => localPath(uri) ?? []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        executeCommandProvider: { commands: [INSERT_REMEDIATION_COMMAND] },
      },
      serverInfo: { name: 'Event Log Doctor' },
    };
  });

  connection.onInitialized(() => {
    if (support.pullConfiguration && support.configurationChangeRegistration) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch((error: unknown) => {
        logError('Registering for configuration changes failed', error);
      });
    }
    try {
      ruleSet();
    } catch (error) {
      logError('Loading the built-in rules failed', error);
    }
    void reloadUserRules();
  });

  connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, () => {
    if (workspaceTrusted) return;
    workspaceTrusted = true;
    void reloadUserRules();
  });

  connection.onDidChangeWatchedFiles((change) => {
    if (change.changes.some((c) => /\.ya?ml$/i.test(c.uri) && isUnderRulePath(localPath(c.uri) ?? '', rulePathRoots))) void reloadUserRules();
  });

  connection.onDidChangeConfiguration((change) => {
    if (support.pullConfiguration) {
      settingsByUri.clear();
    } else {
      const settings: unknown = change.settings;
      pushedSettings = normalizeSettings(isRecord(settings) ? settings[SETTINGS_SECTION] : undefined);
    }
    void reloadUserRules();
  });

  connection.onShutdown(() => {
    for (const uri of [...pendingValidations.keys()]) cancelValidation(uri);
  });

  documents.onDidOpen((event) => scheduleValidation(event.document.uri, 0));
  documents.onDidChangeContent((event) => {
    // onDidChangeContent also fires right after onDidOpen, whose validation covers that version.
    if (event.document.version === scheduledVersions.get(event.document.uri)) return;
    const uri = event.document.uri;
    const incremental = pendingChanges.get(uri)?.change !== undefined && parseCache.get(uri)?.parsed.kind === 'xml';
    scheduleValidation(uri, incremental ? INCREMENTAL_DEBOUNCE_MS : CHANGE_DEBOUNCE_MS);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    cancelValidation(uri);
    scheduledVersions.delete(uri);
    parseCache.delete(uri);
    pendingChanges.delete(uri);
    settingsByUri.delete(uri);
    clearDiagnostics(uri);
  });

  // --- features -------------------------------------------------------------------------------------------------

  connection.onHover((params, token) =>
    runSafe(token, null, 'hover', async () => {
      const current = await currentAnalysis(params.textDocument.uri);
      return current ? getHover(current.document, current.analysis, params.position) : null;
    }),
  );

  connection.onCodeAction((params, token) =>
    runSafe(token, [], 'code actions', async () => {
      const only = params.context.only;
      if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`))) return [];
      const current = await currentAnalysis(params.textDocument.uri);
      return current ? getCodeActions(current.document, current.analysis, params.range, params.context.diagnostics) : [];
    }),
  );

  connection.onDocumentSymbol((params, token) =>
    runSafe(token, [], 'document symbols', async () => {
      const current = await currentAnalysis(params.textDocument.uri);
      return current ? getDocumentSymbols(current.document, current.analysis) : [];
    }),
  );

  connection.onFoldingRanges((params, token) =>
    runSafe(token, [], 'folding ranges', async () => {
      const current = await currentAnalysis(params.textDocument.uri);
      return current ? getFoldingRanges(current.document, current.analysis) : [];
    }),
  );

  connection.onExecuteCommand((params, token) =>
    runSafe(token, null, `command ${params.command}`, async () => {
      if (params.command === INSERT_REMEDIATION_COMMAND) await insertRemediation(params.arguments?.[0], remediationHost);
      return null;
    }),
  );

  // --- .evtx files shown as XML documents (decoded in a worker thread) -----------------------------------------

  const evtxRequests = createEvtxRequests({
    rulesFor: async (uri) => {
      const settings = await getSettings(uri);
      return { settings, rulePaths: rulePathRoots, placeholders: settings.placeholders };
    },
  });
  const attachProgress = (token: ProgressToken | undefined) => connection.window.attachWorkDoneProgress(token);
  connection.onRequest(RENDER_EVTX_REQUEST, (params: unknown, token) => evtxRequests.renderEvtx(params, token, attachProgress));
  connection.onRequest(RENDER_EVTX_TO_FILE_REQUEST, (params: unknown, token) => evtxRequests.renderEvtxToFile(params, token, attachProgress));

  // --- files too large for the editor, read from disk ----------------------------------------------------------

  connection.onRequest(ANALYZE_FILE_REQUEST, async (params: unknown, token: CancellationToken) => {
    const request = readAnalyzeFileRequest(params);
    if (!request) return new ResponseError(ErrorCodes.InvalidParams, `${ANALYZE_FILE_REQUEST} needs { uri }`);
    const file = localPath(request.uri);
    if (file === undefined) return new ResponseError(ErrorCodes.InvalidParams, `${request.uri} is not a file on disk`);
    const settings = await getSettings(request.uri);
    const progressToken = request.workDoneToken;
    const progress = (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd): void => {
      if (progressToken === undefined) return;
      connection.sendProgress(WorkDoneProgress.type, progressToken, value).catch((error: unknown) => logError('Reporting progress failed', error));
    };
    progress({ kind: 'begin', title: `Event Log Doctor: analyzing ${path.basename(file)}`, cancellable: true, percentage: 0 });
    try {
      const outcome = await runDiskAnalysis(
        {
          file,
          settings: { enable: settings.enable, rules: settings.rules, maxDiagnostics: settings.maxDiagnostics },
          rulePaths: workspaceTrusted ? rulePathRoots : [],
          placeholders: settings.placeholders,
        },
        (done, total) => progress({ kind: 'report', percentage: total > 0 ? Math.floor((done * 100) / total) : 0, message: `${megabytes(done)} of ${megabytes(total)} MB` }),
        token,
      );
      if (outcome === undefined) return cancelled();
      published.add(request.uri);
      await connection.sendDiagnostics({ uri: request.uri, diagnostics: outcome.diagnostics });
      return { summary: outcome.summary, events: outcome.events, findings: outcome.findings, diagnostics: outcome.diagnostics.length };
    } catch (error) {
      logError(`Analyzing ${file} on disk failed`, error);
      return new ResponseError(LSPErrorCodes.RequestFailed, `Event Log Doctor could not analyze ${file}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      progress({ kind: 'end' });
    }
  });

  // --- inserting remediation scripts --------------------------------------------------------------------------

  const remediationHost: RemediationHost = {
    rules: () => ruleSet().list,
    settingsFor: getSettings,
    openDocument: (file) =>
      documents.all().find((d) => {
        const open = localPath(d.uri);
        return open !== undefined && samePath(open, file);
      }),
    get createFiles() {
      return support.createFiles;
    },
    applyEdit: (label, edit) => connection.workspace.applyEdit({ label, edit }),
    showDocument: async (uri) => {
      if (!support.showDocument) return;
      const shown = await connection.window.showDocument({ uri, takeFocus: true });
      if (!shown.success) connection.console.warn(`The client did not show ${uri}.`);
    },
    showMessage,
  };

  /**
   * Runs a request handler after pending notifications were processed, answers "cancelled" when the client gave
   * up, and turns any failure into `fallback` plus a log line: a broken document never takes the server down.
   */
  function runSafe<T>(token: CancellationToken, fallback: T, what: string, handler: () => Promise<T>): Promise<T | ResponseError<void>> {
    return new Promise((resolve) => {
      setImmediate(() => {
        if (token.isCancellationRequested) {
          resolve(cancelled());
          return;
        }
        handler().then(
          (result) => resolve(token.isCancellationRequested ? cancelled() : result),
          (error: unknown) => {
            logError(`Computing ${what} failed`, error);
            resolve(fallback);
          },
        );
      });
    });
  }

  documents.listen(connection);
  connection.listen();
}

/** Asks the server to read a file from disk (one too large for the editor) and publish its findings against it. */
const ANALYZE_FILE_REQUEST = 'eventlogDoctor/analyzeFile';

interface AnalyzeFileRequest {
  uri: string;
  workDoneToken?: string | number;
}

function readAnalyzeFileRequest(params: unknown): AnalyzeFileRequest | undefined {
  if (!isRecord(params) || typeof params.uri !== 'string') return undefined;
  const token = params.workDoneToken;
  return typeof token === 'string' || typeof token === 'number' ? { uri: params.uri, workDoneToken: token } : { uri: params.uri };
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(0);
}

/** The edits between two versions of a document, as one change; undefined when one replaced the whole text. */
interface PendingChange {
  fromVersion: number;
  toVersion: number;
  change: TextChange | undefined;
}

/** Records `change`, about to be applied to `document` to make `version`, after the changes already pending. */
function notePendingChange(pending: Map<string, PendingChange>, document: TextDocument, change: TextDocumentContentChangeEvent, version: number): void {
  const step: TextChange | undefined =
    'range' in change ? { start: document.offsetAt(change.range.start), end: document.offsetAt(change.range.end), length: change.text.length } : undefined;
  const before = pending.get(document.uri);
  if (before === undefined || before.toVersion !== document.version) {
    pending.set(document.uri, { fromVersion: document.version, toVersion: version, change: step });
    return;
  }
  before.toVersion = version;
  before.change = before.change && step ? composeChanges(before.change, step) : undefined;
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

function readClientSupport(capabilities: ClientCapabilities): ClientSupport {
  const workspace = capabilities.workspace;
  const workspaceEdit = workspace?.workspaceEdit;
  return {
    pullConfiguration: workspace?.configuration === true,
    configurationChangeRegistration: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    createFiles: workspaceEdit?.documentChanges === true && (workspaceEdit.resourceOperations ?? []).includes('create'),
    showDocument: capabilities.window?.showDocument?.support === true,
  };
}


