/** Inserts a rule's remediation script beside the log; executed by the server. Arguments: `[{ uri, ruleId, remediationId }]`. */
export const INSERT_REMEDIATION_COMMAND = 'eventlogDoctor.insertRemediation';

/** Changes one rule's severity setting in the workspace; executed by the client. Arguments: `[ruleId, setting]`. */
export const SET_RULE_SEVERITY_COMMAND = 'eventlogDoctor.setRuleSeverity';

/** The diagnostic code of a place where the log could not be read. */
export const PARSE_ERROR_CODE = 'eventlog.parse-error';

/** The `source` of every diagnostic the product reports. */
export const DIAGNOSTIC_SOURCE = 'Event Log Doctor';

/** The argument of {@link INSERT_REMEDIATION_COMMAND}. */
export interface InsertRemediationArgs {
  uri: string;
  ruleId: string;
  remediationId: string;
}
