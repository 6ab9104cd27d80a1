import type { TextSpan } from '../parse/model';

/** A field value that satisfied a selection the rule's condition needed. */
export interface Evidence {
  /** The Sigma field name (`EventID`, `param1`, `Message`, ...). */
  field: string;
  /** The event's value of that field. */
  value: string;
  /** Where the value sits in the document, when the event has source text. */
  span?: TextSpan;
}
