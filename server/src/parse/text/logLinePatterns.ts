/**
 * Case-insensitive substrings that make a line of a plain setup/update log (setupapi*.log,
 * WindowsUpdate.log, CBS.log) an event: the CryptSvc and catalog-signing failures those logs record.
 * Ordinary lines carry none of them and produce nothing.
 */
export const LOG_LINE_PATTERNS: readonly string[] = [
  'could not verify the integrity of the file',
  'Make sure the Cryptographic service is running',
  'Failed to install catalog files',
  'failed due to a local security option setting',
  '0x80092026',
  'CRYPT_E_SECURITY_SETTINGS',
  'STR_CATALOG_INSTALL_FAILED',
  'Error Disabling Connection',
  'It is not possible to disable the connection at this time',
];
