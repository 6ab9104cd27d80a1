/** Rules as SARIF reporting descriptors: what `tool.driver.rules` lists. Pure. */
import type { Rule, Severity, SeveritySetting } from '../rules/schema';
import type { SarifLevel, SarifReportingDescriptor } from './sarifTypes';

/** The id parse problems are reported under (the editor's `eventlog.parse-error` code). */
export const PARSE_ERROR_RULE_ID = 'eventlog.parse-error';

const LEVELS: Readonly<Record<Severity, SarifLevel>> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'none',
};

/** The SARIF level of a product severity (hints are `none`: shown, never a problem). */
export function sarifLevel(severity: Severity): SarifLevel {
  return LEVELS[severity];
}

/** A SARIF configuration for a severity setting: a level, or disabled for `off`. */
export function sarifConfiguration(setting: SeveritySetting): { level?: SarifLevel; enabled?: boolean } {
  return setting === 'off' ? { enabled: false } : { level: sarifLevel(setting) };
}

/** `crypt32.root-list-sequence-unreachable` -> `Crypt32RootListSequenceUnreachable`, as SARIF rule names read. */
export function pascalName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** Markdown reduced to readable plain text: no emphasis markers, code ticks or link targets. */
function plain(markdown: string): string {
  return markdown
    .replace(/\[([^\]\n]*)\]\([^)\s]*\)/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .trim();
}

function sentence(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The hover's sections as help: what it means, whether it is harmful, the cause, the remediations, sources. */
function helpOf(rule: Rule): { text: string; markdown: string } {
  const { doc, sigma } = rule;
  const sections: [string, string][] = [];
  if (doc.explanation.trim() !== '') sections.push(['', doc.explanation.trim()]);
  if (doc.harmful.trim() !== '') sections.push(['Is it harmful?', doc.harmful.trim()]);
  if (doc.cause.trim() !== '') sections.push(['Cause', doc.cause.trim()]);
  const remedies = doc.remediations.map((r) => `- ${r.title}${r.script ? ` (\`${r.script}\`)` : ''}`);
  if (remedies.length > 0) sections.push(['What to do', remedies.join('\n')]);
  const falsePositives = typeof sigma.falsepositives === 'string' ? [sigma.falsepositives] : (sigma.falsepositives ?? []);
  if (falsePositives.length > 0) sections.push(['False positives', falsePositives.map((f) => `- ${f}`).join('\n')]);
  const references = (sigma.references ?? []).filter((r) => typeof r === 'string');
  const linked = references.map((r) => (/^https?:\/\/\S+$/.test(r) ? `- <${r}>` : `- ${r}`));
  if (references.length > 0) sections.push(['Sources', linked.join('\n')]);
  if (sections.length === 0) sections.push(['', sigma.title]);
  const markdown = sections.map(([heading, body]) => (heading === '' ? body : `**${heading}**\n\n${body}`)).join('\n\n');
  const text = sections.map(([heading, body]) => plain(heading === '' ? body : `${heading}\n${body}`)).join('\n\n').replace(/<(https?:[^>\s]+)>/g, '$1');
  return { text, markdown };
}

/** One rule's descriptor; `level` is the rule's default severity. */
export function ruleDescriptor(rule: Rule): SarifReportingDescriptor {
  const { doc, sigma } = rule;
  const help = helpOf(rule);
  const tags = [...new Set([...(sigma.tags ?? []).filter((t) => typeof t === 'string'), rule.builtin ? 'builtin' : 'user-rule'])];
  const descriptor: SarifReportingDescriptor = {
    id: doc.id,
    name: pascalName(doc.id),
    shortDescription: { text: sentence(doc.message || sigma.title) },
    fullDescription: { text: sentence(typeof sigma.description === 'string' && sigma.description.trim() !== '' ? sigma.description : sigma.title) },
    help,
    defaultConfiguration: { level: sarifLevel(doc.severity) },
    properties: {
      tags,
      sigmaId: sigma.id,
      sigmaTitle: sigma.title,
      ...(sigma.level ? { sigmaLevel: sigma.level } : {}),
      logsource: sigma.logsource,
    },
  };
  const helpUri = sigma.references?.find((r) => typeof r === 'string' && /^https?:\/\//.test(r));
  if (helpUri) descriptor.helpUri = helpUri;
  return descriptor;
}

/** The descriptor parse problems are reported under. */
export function parseErrorDescriptor(): SarifReportingDescriptor {
  const text =
    'Part of the log could not be read as events (an unclosed tag, a truncated last event, garbage between events, ' +
    'or a damaged .evtx chunk). Every event that could be recovered was still analysed.';
  return {
    id: PARSE_ERROR_RULE_ID,
    name: 'EventLogParseError',
    shortDescription: { text: 'Part of the log could not be read.' },
    fullDescription: { text },
    help: { text, markdown: text },
    defaultConfiguration: { level: 'note' },
    properties: { tags: ['parse'] },
  };
}
