/**
 * Builds a SARIF 2.1.0 log from a scan: every rule as a reporting descriptor, every finding as a result at its
 * event (file, line and column; the record id in a binary .evtx log), the other occurrences as related
 * locations, the remediation scripts as fixes, read errors as tool notifications. Pure: the command line
 * works out the URIs and the scripts' insertion points and passes them in.
 */
import type { FileReport } from '../cli/report';
import type { CliFinding, CliPlace } from '../cli/scanText';
import type { Rule, SeveritySetting } from '../rules/schema';
import { parseErrorDescriptor, ruleDescriptor, sarifConfiguration, sarifLevel } from './sarifRules';
import type { SarifArtifactLocation, SarifFix, SarifLocation, SarifLog, SarifNotification, SarifRegion, SarifResult } from './sarifTypes';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The run's category (`automationDetails.id`), as code-scanning services group uploads by it. */
const AUTOMATION_CATEGORY = 'eventlog-doctor';

/** Inserting one remediation script into the log's remediation file. */
export interface SarifFixInput {
  /** "Insert remediation script: ..." */
  description: string;
  /** The remediation file (`<log>.remediation.ps1`). */
  script: SarifArtifactLocation;
  /** Where the text goes: 0 for a new file, the end of an existing one. */
  charOffset: number;
  text: string;
}

/** One scanned file: its report, where it is, and the fixes per rule id (attached to the rule's first result). */
export interface SarifFileInput {
  report: FileReport;
  location: SarifArtifactLocation;
  fixes: ReadonlyMap<string, readonly SarifFixInput[]>;
}

export interface SarifInput {
  toolName: string;
  toolVersion: string;
  informationUri?: string;
  rules: readonly Rule[];
  /** The per-rule severity settings the scan ran with (shown as configuration overrides). */
  ruleSettings: Readonly<Record<string, SeveritySetting>>;
  files: readonly SarifFileInput[];
  /** Users' rules that could not be loaded. */
  ruleErrors: readonly string[];
  /** `uriBaseId` -> absolute `file:` URI ending in '/'. */
  uriBases: Readonly<Record<string, string>>;
  exitCode: number;
}

function region(place: CliPlace & { line: number; column: number }): SarifRegion {
  return { startLine: place.line, startColumn: place.column, endLine: place.endLine ?? place.line, endColumn: place.endColumn ?? place.column };
}

/**
 * A text log's finding sits at its line and column; a binary log's at its record: the record's bytes, and the
 * record id as a logical location.
 */
function location(file: SarifArtifactLocation, place: CliPlace, index: number): SarifLocation {
  const artifactLocation = { ...file, index };
  if (place.line !== null && place.column !== null) {
    return { physicalLocation: { artifactLocation, region: region({ ...place, line: place.line, column: place.column }) } };
  }
  const physicalLocation: NonNullable<SarifLocation['physicalLocation']> = { artifactLocation };
  if (place.byteOffset !== null) physicalLocation.region = { byteOffset: place.byteOffset, byteLength: place.byteLength ?? 0 };
  const loc: SarifLocation = { physicalLocation };
  if (place.recordId !== null) {
    loc.logicalLocations = [{ name: `EventRecordID ${place.recordId}`, fullyQualifiedName: `Event[EventRecordID=${place.recordId}]`, kind: 'element' }];
    loc.properties = { recordId: place.recordId };
  }
  return loc;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function fixOf(input: SarifFixInput): SarifFix {
  return {
    description: { text: input.description },
    artifactChanges: [
      {
        artifactLocation: input.script,
        replacements: [{ deletedRegion: { charOffset: input.charOffset, charLength: 0 }, insertedContent: { text: input.text } }],
      },
    ],
  };
}

function resultOf(finding: CliFinding, file: SarifFileInput, artifactIndex: number, ruleIndex: ReadonlyMap<string, number>): SarifResult {
  const result: SarifResult = {
    ruleId: finding.ruleId,
    level: sarifLevel(finding.severity),
    message: { text: sentence(finding.message) },
    locations: [location(file.location, finding, artifactIndex)],
  };
  const index = ruleIndex.get(finding.ruleId);
  if (index !== undefined) result.ruleIndex = index;
  if (finding.related.length > 0) {
    result.relatedLocations = finding.related.map((other, i) => ({
      id: i + 1,
      ...location(file.location, other, artifactIndex),
      message: { text: sentence(other.message) },
    }));
  }
  if (finding.recordId !== null) result.properties = { recordId: finding.recordId };
  return result;
}

function readErrorNotifications(files: readonly SarifFileInput[]): SarifNotification[] {
  return files.flatMap((file) =>
    file.report.errors.map((message) => ({
      level: 'error' as const,
      message: { text: sentence(`${file.report.path}: ${message}`) },
      locations: [{ physicalLocation: { artifactLocation: file.location } }],
      descriptor: { id: 'read-error' },
    })),
  );
}

/** The SARIF log of one scan (one run). */
export function buildSarif(input: SarifInput): SarifLog {
  const descriptors = [...input.rules.map(ruleDescriptor), parseErrorDescriptor()];
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id, i]));
  const results: SarifResult[] = [];
  input.files.forEach((file, artifactIndex) => {
    const fixed = new Set<string>();
    for (const finding of file.report.findings) {
      const result = resultOf(finding, file, artifactIndex, ruleIndex);
      const fixes = fixed.has(finding.ruleId) ? undefined : file.fixes.get(finding.ruleId);
      if (fixes && fixes.length > 0) result.fixes = fixes.map(fixOf);
      fixed.add(finding.ruleId);
      results.push(result);
    }
  });
  const overrides = Object.entries(input.ruleSettings).flatMap(([id, setting]) => {
    const index = ruleIndex.get(id);
    return index === undefined ? [] : [{ descriptor: { id, index }, configuration: sarifConfiguration(setting) }];
  });
  const readErrors = readErrorNotifications(input.files);
  const ruleErrors: SarifNotification[] = input.ruleErrors.map((text) => ({ level: 'error', message: { text: sentence(text) }, descriptor: { id: 'rule-error' } }));
  const invocation: SarifLog['runs'][number]['invocations'][number] = {
    executionSuccessful: readErrors.length === 0 && ruleErrors.length === 0,
    exitCode: input.exitCode,
  };
  if (readErrors.length > 0) invocation.toolExecutionNotifications = readErrors;
  if (ruleErrors.length > 0) invocation.toolConfigurationNotifications = ruleErrors;
  if (overrides.length > 0) invocation.ruleConfigurationOverrides = overrides;

  const driver: SarifLog['runs'][number]['tool']['driver'] = {
    name: input.toolName,
    fullName: `${input.toolName} ${input.toolVersion}`,
    version: input.toolVersion,
    semanticVersion: input.toolVersion,
    rules: descriptors,
  };
  if (input.informationUri) driver.informationUri = input.informationUri;
  const run: SarifLog['runs'][number] = {
    tool: { driver },
    automationDetails: { id: `${AUTOMATION_CATEGORY}/` },
    invocations: [invocation],
    artifacts: input.files.map((file) => ({
      location: file.location,
      roles: ['analysisTarget'],
      properties: { format: file.report.format, events: file.report.events },
    })),
    results,
    columnKind: 'utf16CodeUnits',
  };
  if (Object.keys(input.uriBases).length > 0) {
    run.originalUriBaseIds = Object.fromEntries(Object.entries(input.uriBases).map(([id, uri]) => [id, { uri }]));
  }
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}
