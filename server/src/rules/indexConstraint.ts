/**
 * What a detection requires of an event's provider and displayed id, derived conservatively: a rule can
 * only match events whose (provider, id) satisfy its constraint, so the engine checks it on those alone.
 */

export interface IndexConstraint {
  /** Folded provider names (see `foldString`); undefined = any provider. */
  providers?: ReadonlySet<string>;
  /** Displayed event ids; undefined = any id. */
  ids?: ReadonlySet<number>;
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

function make(providers: ReadonlySet<string> | undefined, ids: ReadonlySet<number> | undefined): IndexConstraint {
  const c: IndexConstraint = {};
  if (providers) c.providers = providers;
  if (ids) c.ids = ids;
  return c;
}

/** Both must hold. */
export function allOfConstraints(list: readonly IndexConstraint[]): IndexConstraint {
  let providers: ReadonlySet<string> | undefined;
  let ids: ReadonlySet<number> | undefined;
  for (const c of list) {
    providers = intersect(providers, c.providers);
    ids = intersect(ids, c.ids);
  }
  return make(providers, ids);
}

/** At least one must hold. */
export function anyOfConstraints(list: readonly IndexConstraint[]): IndexConstraint {
  const [first, ...rest] = list;
  if (!first) return UNCONSTRAINED;
  let providers = first.providers;
  let ids = first.ids;
  for (const c of rest) {
    providers = union(providers, c.providers);
    ids = union(ids, c.ids);
  }
  return make(providers, ids);
}
