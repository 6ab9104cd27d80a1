/**
 * The rule format: a valid Sigma rule plus one custom block, `eventlogdoctor`, for what Sigma lacks
 * (the product id, the hover explanation, error variants and remediation options).
 * See server/knowledge/README.md for the file layout and an annotated example.
 */

/** Diagnostic severities, as the settings spell them. */
export type Severity = 'hint' | 'information' | 'warning' | 'error';
/** A per-rule setting: a severity, or `off` to silence the rule. */
export type SeveritySetting = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['hint', 'information', 'warning', 'error'];

/** Sigma's `level` values. */
export type SigmaLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/** The standard Sigma fields the product reads or writes back on export. */
export interface SigmaRule {
  title: string;
  /** UUID; required for built-in rules, optional in users' rules (Sigma allows a rule without one). */
  id?: string;
  status?: 'stable' | 'test' | 'experimental' | 'deprecated' | 'unsupported';
  description?: string;
  references?: string[];
  author?: string;
  date?: string;
  modified?: string;
  tags?: string[];
  logsource: { product?: string; service?: string; category?: string; definition?: string };
  /** Named selections plus `condition`. Interpreted by the matcher; kept as written for export. */
  detection: Record<string, unknown>;
  falsepositives?: string[];
  level?: SigmaLevel;
  fields?: string[];
  /** Any other top-level field a user's rule carries (kept for export). */
  [custom: string]: unknown;
}

/** One error variant: the message or data names which failure happened, and the cause differs per variant. */
export interface RuleVariant {
  /** Short label appended to the diagnostic message, e.g. "the server name could not be resolved". */
  label: string;
  /** Case-insensitive substrings; the variant applies when any of them occurs in the message or a data value. */
  match: string[];
  /** Markdown: the cause for this variant, shown on hover. */
  cause: string;
}

/** One way to deal with a finding, offered as a code action. */
export interface Remediation {
  /** Stable within the rule (e.g. `winhttp-proxy`). */
  id: string;
  /** Code action title tail: "Insert remediation script: <title>". */
  title: string;
  /** `script` inserts a script file; `disregard` offers to turn the rule off in this workspace. */
  kind: 'script' | 'disregard';
  /**
   * For `script`: the script's path relative to rule.yml (a file beside it, or `../shared/<file>` for one several
   * rules share); its extension gives the language (.ps1 PowerShell, .cmd cmd).
   */
  script?: string;
}

/** The `eventlogdoctor` custom block of a rule file. */
export interface RuleDoc {
  /** Stable product id (`crypt32.root-list-sequence-unreachable`): diagnostic code, settings key, fixture folder. */
  id: string;
  /** Default diagnostic severity. */
  severity: Severity;
  /** One line saying what happened; the variant label and the recurrence are appended. */
  message: string;
  /** Markdown: what the event means. */
  explanation: string;
  /** Markdown: whether it is harmful (Crypt32 8: benign per Microsoft). */
  harmful: string;
  /** Markdown: the cause when no variant matches. */
  cause: string;
  variants: RuleVariant[];
  remediations: Remediation[];
}

/** A rule ready for the engine: the Sigma rule as written, its product block, and its scripts' text. */
export interface Rule {
  sigma: SigmaRule;
  doc: RuleDoc;
  /** Script file name -> content, for every `script` remediation. */
  scripts: Record<string, string>;
  /** Where the rule came from (repository-relative path for built-ins, absolute for users' rules). */
  source: string;
  /** True for rules shipped with the product. */
  builtin: boolean;
}

/** What the build-time generator emits per rule file, before validation and compilation. */
export interface RuleSource {
  /** Repository-relative path of rule.yml. */
  path: string;
  /** The YAML document as parsed. */
  document: unknown;
  /** Script file name -> content for every file beside rule.yml that a remediation names. */
  scripts: Record<string, string>;
}
