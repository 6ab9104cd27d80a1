/**
 * Case-insensitive substrings that make a line of a plain setup/update log (setupapi*.log,
 * WindowsUpdate.log, CBS.log) an event: the CryptSvc and catalog-signing failures those logs record.
 * Ordinary lines carry none of them and produce nothing.
 */
export const LOG_LINE_PATTERNS: readonly string[] = [
  'Setup could not verify the integrity of the file',
  'Make sure the Cryptographic service is running',
  'Failed to install catalog files',
  'cryptographic operation failed due to a local security option setting',
  '0x80092026',
  'Error Disabling Connection',
  'It is not possible to disable the connection at this time',
];
