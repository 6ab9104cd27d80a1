/** Validation errors of a rule file, located by their path in the YAML document (and its line when known). */

/** One problem in a rule file. */
export interface RuleError {
  /** Where in the document: `detection.selection.EventID|contains`, `eventlogdoctor.variants[0].match`; '' for the file. */
  path: string;
  /** 1-based line in the YAML text, when the rule was parsed from text. */
  line?: number;
  message: string;
}

/** Keys and sequence indices from the document root. */
export type DocPath = readonly (string | number)[];

/** Finds the 1-based line of a path in the text a document was parsed from. */
export type LineLocator = (path: DocPath) => number | undefined;

export function formatDocPath(path: DocPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** Collects errors, adding the line of each path when the document came from text. */
export class RuleErrorSink {
  readonly errors: RuleError[] = [];

  constructor(private readonly locate?: LineLocator) {}

  add(path: DocPath, message: string): void {
    const line = this.locate?.(path);
    this.errors.push(line === undefined ? { path: formatDocPath(path), message } : { path: formatDocPath(path), line, message });
  }
}
