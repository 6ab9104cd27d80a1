/**
 * What a detection requires of an event's provider, displayed id and keyword text, derived conservatively: a
 * rule can only match events that satisfy its constraint, so the engine checks it on those alone.
 */

export interface IndexConstraint {
  /** Folded provider names (see `foldString`); undefined = any provider. */
  providers?: ReadonlySet<string>;
  /** Displayed event ids; undefined = any id. */
  ids?: ReadonlySet<number>;
  /**
   * Sigma string patterns (see `parseSigmaString`), one of which the message or a data value must contain
   * (ignoring case), as a keyword search needs; undefined = no such need.
   */
  keywords?: readonly (readonly number[])[];
}

export const UNCONSTRAINED: IndexConstraint = {};

function intersect<T>(a: ReadonlySet<T> | undefined, b: ReadonlySet<T> | undefined): ReadonlySet<T> | undefined {
  if (!a) return b;
  if (!b) return a;
  return new Set([...a].filter((x) => b.has(x)));
}

function union<T>(a: ReadonlySet<T> | undefined, b: ReadonlySet<T> | undefined): ReadonlySet<T> | undefined {
  return a && b ? new Set([...a, ...b]) : undefined;
}

function make(
  providers: ReadonlySet<string> | undefined,
  ids: ReadonlySet<number> | undefined,
  keywords: readonly (readonly number[])[] | undefined,
): IndexConstraint {
  const c: IndexConstraint = {};
  if (providers) c.providers = providers;
  if (ids) c.ids = ids;
  if (keywords) c.keywords = keywords;
  return c;
}

/** Both must hold. Of several keyword needs, any one is a need of the whole: the shortest list is kept. */
export function allOfConstraints(list: readonly IndexConstraint[]): IndexConstraint {
  let providers: ReadonlySet<string> | undefined;
  let ids: ReadonlySet<number> | undefined;
  let keywords: readonly (readonly number[])[] | undefined;
  for (const c of list) {
    providers = intersect(providers, c.providers);
    ids = intersect(ids, c.ids);
    if (c.keywords && (!keywords || c.keywords.length < keywords.length)) keywords = c.keywords;
  }
  return make(providers, ids, keywords);
}

/** At least one must hold. */
export function anyOfConstraints(list: readonly IndexConstraint[]): IndexConstraint {
  const [first, ...rest] = list;
  if (!first) return UNCONSTRAINED;
  let providers = first.providers;
  let ids = first.ids;
  let keywords = first.keywords;
  for (const c of rest) {
    providers = union(providers, c.providers);
    ids = union(ids, c.ids);
    keywords = keywords && c.keywords ? [...keywords, ...c.keywords] : undefined;
  }
  return make(providers, ids, keywords);
}
