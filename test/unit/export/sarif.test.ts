import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FileReport } from '../../../server/src/cli/report';
import { buildSarif, SARIF_SCHEMA, type SarifInput } from '../../../server/src/export/sarif';
import { parseErrorDescriptor, pascalName, ruleDescriptor, sarifConfiguration, sarifLevel } from '../../../server/src/export/sarifRules';
import type { Rule } from '../../../server/src/rules/schema';

const rule: Rule = {
  sigma: {
    title: 'Thing Failed',
    id: '11111111-2222-4333-8444-555555555555',
    description: 'Detects the thing failing',
    references: ['not a link', 'https://example.org/thing'],
    tags: ['detection.dfir'],
    logsource: { product: 'windows', service: 'system' },
    detection: { selection: { EventID: 1 }, condition: 'selection' },
    falsepositives: ['Tests'],
    level: 'medium',
  },
  doc: {
    id: 'thing.failed',
    severity: 'warning',
    message: 'The thing failed',
    explanation: 'It **failed**, see [docs](https://example.org/docs).',
    harmful: 'Yes.',
    cause: 'A `bug`.',
    variants: [],
    remediations: [
      { id: 'disregard', kind: 'disregard', title: 'disregard it' },
      { id: 'fix', kind: 'script', title: 'fix it (PowerShell)', script: 'fix.ps1' },
    ],
  },
  scripts: { 'fix.ps1': 'Write-Host fix\n' },
  source: 'server/knowledge/thing.failed/rule.yml',
  builtin: true,
};

const textLog: FileReport = {
  path: 'logs/a.xml',
  format: 'xml',
  events: 3,
  omitted: 0,
  errors: [],
  findings: [
    {
      ruleId: 'thing.failed',
      severity: 'warning',
      line: 2,
      column: 3,
      endLine: 2,
      endColumn: 9,
      recordId: '7',
      message: 'The thing failed (twice)',
      byteOffset: null,
      byteLength: null,
      related: [{ line: 5, column: 3, endLine: 5, endColumn: 9, recordId: '8', byteOffset: null, byteLength: null, message: 'Also at 2024-01-01 00:00:00 UTC' }],
    },
    {
      ruleId: 'thing.failed',
      severity: 'warning',
      line: 5,
      column: 3,
      endLine: 5,
      endColumn: 9,
      recordId: '8',
      byteOffset: null,
      byteLength: null,
      message: 'The thing failed (twice)',
      related: [],
    },
  ],
};

const evtxLog: FileReport = {
  path: '/abs/b.evtx',
  format: 'evtx',
  events: 1,
  omitted: 0,
  errors: [],
  findings: [
    {
      ruleId: 'eventlog.parse-error',
      severity: 'information',
      line: null,
      column: null,
      endLine: null,
      endColumn: null,
      recordId: '42',
      byteOffset: 4096,
      byteLength: 512,
      message: 'bad record (at byte 9)',
      related: [],
    },
  ],
};

const unreadable: FileReport = { path: 'logs/gone.xml', format: null, events: 0, findings: [], omitted: 0, errors: ['no such file or folder'] };

function input(overrides: Partial<SarifInput> = {}): SarifInput {
  return {
    toolName: 'Event Log Doctor',
    toolVersion: '1.2.3',
    informationUri: 'https://example.org/tool',
    rules: [rule],
    ruleSettings: {},
    files: [
      {
        report: textLog,
        location: { uri: 'logs/a.xml', uriBaseId: 'SRCROOT' },
        fixes: new Map([['thing.failed', [{ description: 'Insert remediation script: fix it (PowerShell)', script: { uri: 'logs/a.remediation.ps1', uriBaseId: 'SRCROOT' }, charOffset: 0, text: 'PREAMBLE\nWrite-Host fix\n' }]]]),
      },
      { report: evtxLog, location: { uri: 'file:///abs/b.evtx' }, fixes: new Map() },
      { report: unreadable, location: { uri: 'logs/gone.xml', uriBaseId: 'SRCROOT' }, fixes: new Map() },
    ],
    ruleErrors: [],
    uriBases: { SRCROOT: 'file:///work/' },
    exitCode: 2,
    ...overrides,
  };
}

describe('sarif rules', () => {
  it('maps severities and settings to SARIF levels', () => {
    assert.deepEqual(['error', 'warning', 'information', 'hint'].map((s) => sarifLevel(s as 'error')), ['error', 'warning', 'note', 'none']);
    assert.deepEqual(sarifConfiguration('off'), { enabled: false });
    assert.deepEqual(sarifConfiguration('information'), { level: 'note' });
    assert.equal(pascalName('crypt32.root-list-sequence-unreachable'), 'Crypt32RootListSequenceUnreachable');
  });

  it('describes a rule with its help in text and markdown and the first web reference as helpUri', () => {
    assert.deepEqual(ruleDescriptor(rule), {
      id: 'thing.failed',
      name: 'ThingFailed',
      shortDescription: { text: 'The thing failed.' },
      fullDescription: { text: 'Detects the thing failing.' },
      help: {
        text:
          'It failed, see docs.\n\nIs it harmful?\nYes.\n\nCause\nA bug.\n\nWhat to do\n- disregard it\n- fix it (PowerShell) (fix.ps1)\n\n' +
          'False positives\n- Tests\n\nSources\n- not a link\n- https://example.org/thing',
        markdown:
          'It **failed**, see [docs](https://example.org/docs).\n\n**Is it harmful?**\n\nYes.\n\n**Cause**\n\nA `bug`.\n\n' +
          '**What to do**\n\n- disregard it\n- fix it (PowerShell) (`fix.ps1`)\n\n**False positives**\n\n- Tests\n\n' +
          '**Sources**\n\n- not a link\n- <https://example.org/thing>',
      },
      helpUri: 'https://example.org/thing',
      defaultConfiguration: { level: 'warning' },
      properties: {
        tags: ['detection.dfir', 'builtin'],
        sigmaId: '11111111-2222-4333-8444-555555555555',
        sigmaTitle: 'Thing Failed',
        sigmaLevel: 'medium',
        logsource: { product: 'windows', service: 'system' },
      },
    });
  });
});

describe('buildSarif', () => {
  it('writes one run: tool, rules (the parse-error rule last), artifacts and the invocation', () => {
    const log = buildSarif(input({ ruleSettings: { 'thing.failed': 'error', 'not.loaded': 'off' } }));
    assert.equal(log.$schema, SARIF_SCHEMA);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0]!;
    assert.deepEqual(run.tool.driver.name, 'Event Log Doctor');
    assert.deepEqual([run.tool.driver.fullName, run.tool.driver.version, run.tool.driver.semanticVersion, run.tool.driver.informationUri], [
      'Event Log Doctor 1.2.3',
      '1.2.3',
      '1.2.3',
      'https://example.org/tool',
    ]);
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), ['thing.failed', 'eventlog.parse-error']);
    assert.deepEqual(run.tool.driver.rules[1], parseErrorDescriptor());
    assert.deepEqual(run.automationDetails, { id: 'eventlog-doctor/' });
    assert.deepEqual(run.originalUriBaseIds, { SRCROOT: { uri: 'file:///work/' } });
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.artifacts, [
      { location: { uri: 'logs/a.xml', uriBaseId: 'SRCROOT' }, roles: ['analysisTarget'], properties: { format: 'xml', events: 3 } },
      { location: { uri: 'file:///abs/b.evtx' }, roles: ['analysisTarget'], properties: { format: 'evtx', events: 1 } },
      { location: { uri: 'logs/gone.xml', uriBaseId: 'SRCROOT' }, roles: ['analysisTarget'], properties: { format: null, events: 0 } },
    ]);
    assert.deepEqual(run.invocations, [
      {
        executionSuccessful: false,
        exitCode: 2,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'logs/gone.xml: no such file or folder.' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'logs/gone.xml', uriBaseId: 'SRCROOT' } } }],
            descriptor: { id: 'read-error' },
          },
        ],
        ruleConfigurationOverrides: [{ descriptor: { id: 'thing.failed', index: 0 }, configuration: { level: 'error' } }],
      },
    ]);
  });

  it('writes results at their regions with related locations, and the fixes on the first result of a rule', () => {
    const results = buildSarif(input()).runs[0]!.results;
    assert.deepEqual(results[0], {
      ruleId: 'thing.failed',
      ruleIndex: 0,
      level: 'warning',
      message: { text: 'The thing failed (twice).' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'logs/a.xml', uriBaseId: 'SRCROOT', index: 0 }, region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 9 } } }],
      relatedLocations: [
        {
          id: 1,
          physicalLocation: { artifactLocation: { uri: 'logs/a.xml', uriBaseId: 'SRCROOT', index: 0 }, region: { startLine: 5, startColumn: 3, endLine: 5, endColumn: 9 } },
          message: { text: 'Also at 2024-01-01 00:00:00 UTC.' },
        },
      ],
      properties: { recordId: '7' },
      fixes: [
        {
          description: { text: 'Insert remediation script: fix it (PowerShell)' },
          artifactChanges: [
            {
              artifactLocation: { uri: 'logs/a.remediation.ps1', uriBaseId: 'SRCROOT' },
              replacements: [{ deletedRegion: { charOffset: 0, charLength: 0 }, insertedContent: { text: 'PREAMBLE\nWrite-Host fix\n' } }],
            },
          ],
        },
      ],
    });
    assert.equal(results[1]?.fixes, undefined);
    assert.equal(results[1]?.relatedLocations, undefined);
  });

  it('places a binary log\'s result at its record: bytes and record id', () => {
    const result = buildSarif(input()).runs[0]!.results[2];
    assert.deepEqual(result, {
      ruleId: 'eventlog.parse-error',
      ruleIndex: 1,
      level: 'note',
      message: { text: 'bad record (at byte 9).' },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'file:///abs/b.evtx', index: 1 }, region: { byteOffset: 4096, byteLength: 512 } },
          logicalLocations: [{ name: 'EventRecordID 42', fullyQualifiedName: 'Event[EventRecordID=42]', kind: 'element' }],
          properties: { recordId: '42' },
        },
      ],
      properties: { recordId: '42' },
    });
  });

  it('reports rule loading errors as configuration notifications', () => {
    const invocation = buildSarif(input({ files: [], ruleErrors: ['/r/x.yml:3: level must be one of ...'], exitCode: 2 })).runs[0]!.invocations[0];
    assert.deepEqual(invocation, {
      executionSuccessful: false,
      exitCode: 2,
      toolConfigurationNotifications: [{ level: 'error', message: { text: '/r/x.yml:3: level must be one of ...' }, descriptor: { id: 'rule-error' } }],
    });
    const clean = buildSarif(input({ files: [], exitCode: 0 })).runs[0]!.invocations[0];
    assert.deepEqual(clean, { executionSuccessful: true, exitCode: 0 });
  });
});
