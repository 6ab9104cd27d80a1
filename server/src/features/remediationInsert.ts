import type { Remediation, Rule } from '../rules/schema';
import { logBaseName } from './logName';

/** The languages a remediation script can be written in. */
export type ScriptLanguage = 'powershell' | 'cmd';

/** What to do with the remediation script file: write `text` (append it, or create the file), or nothing. */
export type RemediationInsertPlan = { text: string; append: boolean } | { alreadyPresent: true } | { error: string };

/**
 * The placeholder a script preamble carries where the script's own name goes (`.\<name>.remediation.ps1`);
 * it is filled with the log's name, as {@link logBaseName} gives it.
 */
export const LOG_NAME_PLACEHOLDER = '<name>';

/** The script language a remediation's file name implies, or undefined for an unknown extension. */
export function scriptLanguage(remediation: Remediation): ScriptLanguage | undefined {
  const file = remediation.script?.toLowerCase() ?? '';
  if (file.endsWith('.ps1')) return 'powershell';
  if (file.endsWith('.cmd') || file.endsWith('.bat')) return 'cmd';
  return undefined;
}

/** The marker lines around one inserted block; the begin marker is how a second insert finds the first. */
export function remediationMarkers(language: ScriptLanguage, ruleId: string, remediationId: string): { begin: string; end: string } {
  const comment = language === 'cmd' ? 'REM' : '#';
  return {
    begin: `${comment} >>> Event Log Doctor: ${ruleId}/${remediationId}`,
    end: `${comment} <<< Event Log Doctor: ${ruleId}/${remediationId}`,
  };
}

/** The text with `eol` line endings and without a byte order mark, which must not land inside a file. */
function withLineEndings(text: string, eol: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n|\r|\n/g, eol);
}

function trimTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return text.slice(0, end);
}

function hasLine(text: string, line: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(line, from);
    if (at < 0) return false;
    const lineStart = at === 0 || text[at - 1] === '\n' || text[at - 1] === '\r';
    const after = at + line.length;
    const lineEnd = after === text.length || /^[ \t]*(\r|\n|$)/.test(text.slice(after, after + 64));
    if (lineStart && lineEnd) return true;
    from = at + 1;
  }
}

/** The log's name as the preamble shows it: no line breaks or control characters, so it cannot add script lines. */
function inertLogName(logName: string): string {
  let name = '';
  for (const ch of logBaseName(logName)) {
    const code = ch.charCodeAt(0);
    name += code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? ' ' : ch;
  }
  return name.replace(/ {2,}/g, ' ').trim();
}

/**
 * Plans inserting the script of `rule`'s remediation `remediationId` into the remediation file whose current
 * content is `existing` (undefined when the file does not exist): the script between marker lines, after the
 * language's preamble for a new file (its `<name>` placeholder filled from `logName`, the log's file name), or
 * appended after a blank line; nothing when the block is already there. Keeps the file's CRLF line endings;
 * LF otherwise.
 */
export function planRemediationInsertWith(
  existing: string | undefined,
  rule: Rule,
  remediationId: string,
  logName: string,
  preambleFor: (language: ScriptLanguage) => string,
): RemediationInsertPlan {
  const remediation = rule?.doc?.remediations?.find((r) => r.id === remediationId);
  const ruleId = rule?.doc?.id ?? '?';
  if (!remediation) return { error: `Rule ${ruleId} has no remediation ${remediationId}.` };
  if (remediation.kind !== 'script' || !remediation.script) return { error: `Remediation ${ruleId}/${remediationId} is not a script.` };
  const language = scriptLanguage(remediation);
  if (!language) return { error: `Remediation ${ruleId}/${remediationId} names ${remediation.script}, which is neither .ps1 nor .cmd.` };
  const script = Object.prototype.hasOwnProperty.call(rule.scripts ?? {}, remediation.script) ? rule.scripts[remediation.script] : undefined;
  if (typeof script !== 'string') return { error: `The script ${remediation.script} of rule ${ruleId} is missing.` };

  const current = typeof existing === 'string' ? existing : undefined;
  const markers = remediationMarkers(language, ruleId, remediationId);
  if (current !== undefined && hasLine(current, markers.begin)) return { alreadyPresent: true };

  const eol = current?.includes('\r\n') ? '\r\n' : '\n';
  const block = `${markers.begin}${eol}${withLineEndings(trimTrailingNewlines(script), eol)}${eol}${markers.end}${eol}`;
  if (current !== undefined && current.trim() !== '') {
    const separator = current.endsWith('\n') || current.endsWith('\r') ? eol : eol + eol;
    return { text: separator + block, append: true };
  }
  const preamble = trimTrailingNewlines(withLineEndings(preambleFor(language).split(LOG_NAME_PLACEHOLDER).join(inertLogName(logName)), eol));
  const text = preamble === '' ? block : `${preamble}${eol}${eol}${block}`;
  return { text, append: current !== undefined };
}
