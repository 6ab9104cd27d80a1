import { VOCABULARIES } from './vocabulary';

const LEVEL_BY_WORD: ReadonlyMap<string, number> = buildLevelTable(true);
/** The words as written in the table: most exports match exactly, which saves lower-casing every row. */
const LEVEL_BY_EXACT_WORD: ReadonlyMap<string, number> = buildLevelTable(false);

function buildLevelTable(lowerCase: boolean): Map<string, number> {
  const table = new Map<string, number>();
  for (const vocabulary of VOCABULARIES) {
    for (const [word, level] of Object.entries(vocabulary.levels)) table.set(lowerCase ? word.toLowerCase() : word, level);
  }
  return table;
}

/**
 * The numeric level (see `EventLevel`) of a level word from any known language, or of a level
 * number `0`-`5` as PowerShell's CSV writes it; undefined for anything else.
 */
export function levelNumberOf(word: string): number | undefined {
  if (word.length === 1) {
    const digit = word.charCodeAt(0) - 48;
    if (digit >= 0 && digit <= 5) return digit;
  }
  return LEVEL_BY_EXACT_WORD.get(word) ?? LEVEL_BY_WORD.get(word.toLowerCase());
}

/** True when `word` is a level word of some known language. */
export function isLevelWord(word: string): boolean {
  return LEVEL_BY_EXACT_WORD.has(word) || LEVEL_BY_WORD.has(word.toLowerCase());
}
