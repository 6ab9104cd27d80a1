/** Which error variant of a rule an event shows, from its message and data. */
import type { LogEvent } from '../parse/model';
import type { RuleVariant } from './schema';
import { compileTextTest, literalUnits } from './values';

/** Picks the first variant any of whose substrings occurs, ignoring case, in the message or a data value. */
export function variantPicker(variants: readonly RuleVariant[]): (event: LogEvent) => RuleVariant | undefined {
  const compiled = variants.map((variant) => ({
    variant,
    tests: variant.match.map((m) => compileTextTest(literalUnits(m), 'contains', false)),
  }));
  return (event) => {
    for (const { variant, tests } of compiled) {
      for (const test of tests) {
        if (event.message && test(event.message.value)) return variant;
        for (const d of event.data) if (test(d.value)) return variant;
      }
    }
    return undefined;
  };
}
