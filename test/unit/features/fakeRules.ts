// Inline rules satisfying schema.ts and a small engine that honours the engine contract, so feature tests run
// without the real rules engine: a rule matches an event whose displayed id equals its selection's EventID.
import type { LogEvent } from '../../../server/src/parse/model';
import type { RuleEngine, RuleMatch } from '../../../server/src/rules/engine';
import type { Rule, RuleDoc } from '../../../server/src/rules/schema';

export const crypt32Rule: Rule = {
  sigma: {
    title: 'Crypt32 root list sequence number unreachable',
    id: '3c5b3a4e-2f0f-4d5e-9f57-1b7f0c2a8d11',
    references: ['https://learn.microsoft.com/troubleshoot/windows-server/crypt32-8', 'https://example.org/kb/317541'],
    logsource: { product: 'windows', service: 'application' },
    detection: { selection: { EventID: 8, Provider_Name: 'Microsoft-Windows-CAPI2' }, condition: 'selection' },
    level: 'low',
  },
  doc: {
    id: 'crypt32.root-list-sequence-unreachable',
    severity: 'information',
    message: 'Windows could not download the trusted root list sequence number',
    explanation: 'Automatic **root** update could not reach Windows Update.',
    harmful: 'Benign per Microsoft.',
    cause: 'Windows cannot reach Windows Update.',
    variants: [
      { label: 'the server name could not be resolved', match: ['could not be resolved', '0x80072ee7'], cause: 'DNS fails for the update host.' },
    ],
    remediations: [
      { id: 'disregard', kind: 'disregard', title: 'disregard this benign event in this workspace' },
      { id: 'winhttp-proxy', kind: 'script', title: 'configure the WinHTTP proxy (PowerShell)', script: 'winhttp-proxy.ps1' },
    ],
  },
  scripts: { 'winhttp-proxy.ps1': "# Configures the WinHTTP proxy\nnetsh winhttp show proxy\n" },
  source: 'server/knowledge/crypt32.root-list-sequence-unreachable/rule.yml',
  builtin: true,
};

export const cryptSvcRule: Rule = {
  sigma: {
    title: 'Cryptographic Services failed to start',
    id: '7d1e6f1a-7c55-4d8e-8a0e-3f3b1c9e2a42',
    logsource: { product: 'windows', service: 'system' },
    detection: { selection: { EventID: 7000 }, condition: 'selection' },
  },
  doc: {
    id: 'cryptsvc.start-failed',
    severity: 'error',
    message: 'Cryptographic Services failed to start',
    explanation: 'The service did not start.',
    harmful: 'Yes: signature checks fail.',
    cause: 'The catalog database may be damaged.',
    variants: [],
    remediations: [{ id: 'restart', kind: 'script', title: 'restart Cryptographic Services (cmd)', script: 'restart.cmd' }],
  },
  scripts: { 'restart.cmd': 'net stop cryptsvc\r\nnet start cryptsvc\r\n' },
  source: 'server/knowledge/cryptsvc.start-failed/rule.yml',
  builtin: true,
};

/** A copy of `rule` with product fields replaced. */
export function withDoc(rule: Rule, doc: Partial<RuleDoc>): Rule {
  return { ...rule, doc: { ...rule.doc, ...doc } };
}

function selectedId(rule: Rule): unknown {
  const selection = rule.sigma.detection['selection'];
  return typeof selection === 'object' && selection !== null ? (selection as Record<string, unknown>)['EventID'] : undefined;
}

function matchEvent(rules: readonly Rule[], event: LogEvent, eventIndex: number): RuleMatch[] {
  const matches: RuleMatch[] = [];
  for (const rule of rules) {
    if (selectedId(rule) !== event.id) continue;
    const haystack = [event.message?.value ?? '', ...event.data.map((d) => d.value)].join('\n').toLowerCase();
    const variant = rule.doc.variants.find((v) => v.match.some((m) => haystack.includes(m.toLowerCase())));
    const evidence = [{ field: 'EventID', value: String(event.id), span: event.eventId ? { start: event.eventId.start, end: event.eventId.end } : undefined }];
    if (event.provider) evidence.push({ field: 'Provider_Name', value: event.provider.value, span: { start: event.provider.start, end: event.provider.end } });
    matches.push(variant ? { rule, event, eventIndex, evidence, variant } : { rule, event, eventIndex, evidence });
  }
  return matches;
}

/** An engine over `rules` following the contract of server/src/rules/engine.ts. */
export function fakeEngine(rules: readonly Rule[]): RuleEngine {
  return {
    rules,
    match: (events) => events.flatMap((event, index) => matchEvent(rules, event, index)),
    matchEvent: (event, eventIndex) => matchEvent(rules, event, eventIndex),
  };
}
