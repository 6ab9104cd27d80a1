/** The `expand` modifier: `%name%` in a value stands for each value of the placeholder `name`. */

/** More expanded values than this is no real rule; the limit keeps a hostile one from exhausting memory. */
const MAX_EXPANDED = 1000;
const PLACEHOLDER = /%([A-Za-z0-9_.-]+)%/;

/** Every value `value` expands to, or why it cannot be expanded. */
export function expandPlaceholders(value: string, placeholders: Readonly<Record<string, readonly string[]>> | undefined): string[] | string {
  const m = PLACEHOLDER.exec(value);
  if (!m) return [value];
  const name = m[1] ?? '';
  const values = placeholders && Object.hasOwn(placeholders, name) ? placeholders[name] : undefined;
  if (!values || values.length === 0) {
    return `placeholder '%${name}%' has no values: define it in the eventlogDoctor.placeholders setting (name -> list of values)`;
  }
  const head = value.slice(0, m.index);
  const tail = expandPlaceholders(value.slice(m.index + m[0].length), placeholders);
  if (typeof tail === 'string') return tail;
  if (values.length * tail.length > MAX_EXPANDED) return `expanding '${value}' gives more than ${MAX_EXPANDED} values`;
  return values.flatMap((v) => tail.map((t) => head + v + t));
}
