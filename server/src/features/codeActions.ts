import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type Position, type Range } from 'vscode-languageserver-types';
import type { Analysis } from './analysis';
import { INSERT_REMEDIATION_COMMAND, SET_RULE_SEVERITY_COMMAND, type InsertRemediationArgs } from './commands';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** True when the ranges share a position (touching counts, so a cursor at a diagnostic's edge finds it). */
function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/**
 * Quick fixes for the findings among `diagnostics` that touch `range`: one per script remediation of the rule
 * (inserting the script) and one turning the rule off in the workspace. Several diagnostics of one rule share
 * one action each.
 */
export function getCodeActions(document: TextDocument, analysis: Analysis, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const byKey = new Map<string, CodeAction>();
  const add = (key: string, diagnostic: Diagnostic, create: () => CodeAction) => {
    const existing = byKey.get(key);
    if (existing) {
      existing.diagnostics?.push(diagnostic);
      return;
    }
    const action = create();
    byKey.set(key, action);
    actions.push(action);
  };

  for (const diagnostic of Array.isArray(diagnostics) ? diagnostics : []) {
    const ruleId = diagnostic?.code;
    if (typeof ruleId !== 'string' || !diagnostic.range || !range) continue;
    const group = analysis?.groups?.get(ruleId);
    if (!group || !overlaps(diagnostic.range, range)) continue;
    const remediations = group.rule.doc.remediations ?? [];

    for (const remediation of remediations) {
      if (remediation.kind !== 'script') continue;
      add(`script\u0000${ruleId}\u0000${remediation.id}`, diagnostic, () => {
        const title = `Insert remediation script: ${remediation.title}`;
        const args: InsertRemediationArgs = { uri: document.uri, ruleId, remediationId: remediation.id };
        return {
          title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: { title, command: INSERT_REMEDIATION_COMMAND, arguments: [args] },
        };
      });
    }

    add(`off\u0000${ruleId}`, diagnostic, () => {
      const title = `Mark as benign: turn ${ruleId} off in this workspace`;
      const action: CodeAction = {
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title, command: SET_RULE_SEVERITY_COMMAND, arguments: [ruleId, 'off'] },
      };
      if (remediations.some((r) => r.kind === 'disregard')) action.isPreferred = true;
      return action;
    });
  }
  return actions;
}
