/**
 * A small glob matcher for `--include` / `--exclude`: `**` (any number of folders), `*` (any characters but `/`),
 * `?` (one character but `/`), `{a,b}` (alternatives, nestable). Matching is case-insensitive, since Windows
 * exports often carry upper-case extensions, and runs without regular expressions, so no pattern can backtrack
 * catastrophically: each segment is matched by the classic greedy star algorithm, segments the same way.
 */

/** More alternatives than this in one pattern is a usage error rather than a slow run. */
const MAX_ALTERNATIVES = 256;

/** A compiled pattern: true when the '/'-separated path matches. */
export type GlobMatcher = (path: string) => boolean;

function closingBrace(pattern: string, open: number): number {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Splits the inside of a brace group on its top-level commas. */
function topLevelAlternatives(inside: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inside.length; i++) {
    const ch = inside[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(inside.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inside.slice(start));
  return parts;
}

/** Expands `{a,b}` groups into plain patterns; an unclosed `{` or a group without a comma stands for itself. */
export function expandBraces(pattern: string): string[] {
  let searchFrom = 0;
  for (;;) {
    const open = pattern.indexOf('{', searchFrom);
    if (open < 0) return [pattern];
    const close = closingBrace(pattern, open);
    if (close < 0) return [pattern];
    const alternatives = topLevelAlternatives(pattern.slice(open + 1, close));
    if (alternatives.length < 2) {
      searchFrom = open + 1;
      continue;
    }
    const head = pattern.slice(0, open);
    const tail = pattern.slice(close + 1);
    const out: string[] = [];
    for (const alternative of alternatives) {
      for (const expanded of expandBraces(head + alternative + tail)) {
        out.push(expanded);
        if (out.length > MAX_ALTERNATIVES) throw new Error(`the pattern ${pattern} expands to more than ${MAX_ALTERNATIVES} alternatives`);
      }
    }
    return out;
  }
}

/**
 * Wildcard matching with one backtrack point (greedy: linear for most inputs, O(n·m) at worst), shared by the two
 * levels: `*` / `?` over the characters of a segment, and `**` over the segments of a path.
 */
function wildcardMatch<P, T>(pattern: ArrayLike<P>, items: ArrayLike<T>, isStar: (p: P) => boolean, matchesOne: (p: P, item: T) => boolean): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < items.length) {
    const pc = p < pattern.length ? pattern[p]! : undefined;
    if (pc !== undefined && isStar(pc)) {
      starP = p++;
      starT = t;
    } else if (pc !== undefined && matchesOne(pc, items[t]!)) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < pattern.length && isStar(pattern[p]!)) p++;
  return p === pattern.length;
}

/** `*` and `?` within one path segment. */
function matchSegment(pattern: string, text: string): boolean {
  return wildcardMatch(pattern, text, (c) => c === '*', (c, ch) => c === '?' || c === ch);
}

/** `**` is the star over whole segments. */
function matchSegments(pattern: readonly string[], path: readonly string[]): boolean {
  return wildcardMatch(pattern, path, (segment) => segment === '**', matchSegment);
}

function segmentsOf(pattern: string): string[] {
  let body = pattern.replace(/^(\.\/)+/, '');
  // `logs/` means everything under logs; a pattern without '/' matches a name at any depth, as in .gitignore.
  if (body.endsWith('/')) body += '**';
  if (!body.includes('/')) body = `**/${body}`;
  return body.split('/').filter((segment) => segment !== '');
}

/** Compiles a glob; throws with a readable message when its braces expand too far. */
export function compileGlob(pattern: string): GlobMatcher {
  const alternatives = expandBraces(pattern.toLowerCase()).map(segmentsOf);
  return (path) => {
    const segments = path.toLowerCase().split('/').filter((s) => s !== '' && s !== '.');
    return alternatives.some((alternative) => matchSegments(alternative, segments));
  };
}

/** True when any of the matchers accepts the path. */
export function matchesAny(matchers: readonly GlobMatcher[], path: string): boolean {
  return matchers.some((matcher) => matcher(path));
}
