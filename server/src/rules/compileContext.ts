/** What shapes the compilation of one rule's detection beyond its own text. */
export interface CompileContext {
  /** Sigma field name -> the name the event carries it under (from the rule's log source). */
  fieldMap?: Readonly<Record<string, string>>;
  /** Placeholder name -> values, for the `expand` modifier (`%name%` in a value). */
  placeholders?: Readonly<Record<string, readonly string[]>>;
}

/** The event field a Sigma field is read from. */
export function mappedField(context: CompileContext, field: string): string {
  return context.fieldMap?.[field] ?? field;
}
