/** The subset of SARIF 2.1.0 (OASIS) objects the scanner writes. Names follow the specification. */

export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

export interface SarifRegion {
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
  charOffset?: number;
  charLength?: number;
  byteOffset?: number;
  byteLength?: number;
}

export interface SarifLogicalLocation {
  name: string;
  fullyQualifiedName?: string;
  kind?: string;
}

export interface SarifLocation {
  id?: number;
  physicalLocation?: { artifactLocation: SarifArtifactLocation; region?: SarifRegion };
  logicalLocations?: SarifLogicalLocation[];
  message?: SarifMessage;
  properties?: Record<string, unknown>;
}

export interface SarifReplacement {
  deletedRegion: SarifRegion;
  insertedContent?: { text: string };
}

export interface SarifFix {
  description: SarifMessage;
  artifactChanges: { artifactLocation: SarifArtifactLocation; replacements: SarifReplacement[] }[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  fixes?: SarifFix[];
  properties?: Record<string, unknown>;
}

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel; enabled?: boolean };
  properties: { tags: string[] } & Record<string, unknown>;
}

export interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
  locations?: SarifLocation[];
  descriptor?: { id: string };
}

export interface SarifConfigurationOverride {
  descriptor: { id: string; index: number };
  configuration: { level?: SarifLevel; enabled?: boolean };
}

export interface SarifInvocation {
  executionSuccessful: boolean;
  exitCode?: number;
  toolExecutionNotifications?: SarifNotification[];
  toolConfigurationNotifications?: SarifNotification[];
  ruleConfigurationOverrides?: SarifConfigurationOverride[];
}

export interface SarifArtifact {
  location: SarifArtifactLocation;
  roles: string[];
  length?: number;
  properties?: Record<string, unknown>;
}

export interface SarifRun {
  tool: {
    driver: {
      name: string;
      fullName: string;
      version: string;
      semanticVersion: string;
      informationUri?: string;
      rules: SarifReportingDescriptor[];
    };
  };
  automationDetails: { id: string };
  originalUriBaseIds?: Record<string, { uri: string }>;
  invocations: SarifInvocation[];
  artifacts: SarifArtifact[];
  results: SarifResult[];
  columnKind: 'utf16CodeUnits';
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}
