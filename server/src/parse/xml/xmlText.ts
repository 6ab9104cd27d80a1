import type { ParseProblem, SourceValue } from '../model';
import type { SliceCache } from '../sliceCache';
import type { ValueStore } from '../valueStore';
import { AMP, ForwardFinder, HASH, LT, SEMICOLON, indexWithin, isNameChar, isXmlSpace } from './xmlChars';

const PREDEFINED: ReadonlyMap<string, string> = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"]]);
/** Longest entity reference looked at (`&#x10FFFF;` is 10); a bare `&` further from a `;` is unescaped. */
const MAX_ENTITY = 12;

/**
 * Reads values from one text: the value of the raw XML text `[start, end)` is whitespace-trimmed at both ends
 * (the span covers the trimmed raw text; an empty value gets the empty span at `start`), entities decoded,
 * CDATA sections unwrapped and comments dropped. Bad entity references are reported to `problems`. Values go
 * into a `ValueStore` as spans; only a value that differs from the text of its span is built as a string.
 */
export class XmlValueReader {
  private readonly amp: ForwardFinder;
  /** The trimmed span of the value read last. */
  private valueStart = 0;
  private valueEnd = 0;

  constructor(
    private readonly text: string,
    private readonly problems: ParseProblem[],
    private readonly slices: SliceCache,
  ) {
    this.amp = new ForwardFinder(text, '&');
  }

  /** Puts the value of `[start, end)` in `slot` of `store`; `noMarkup` says the caller saw no comment, CDATA section or PI in it. */
  storeIn(store: ValueStore, slot: number, start: number, end: number, noMarkup: boolean): void {
    const decoded = this.decode(start, end, noMarkup);
    store.set(slot, this.valueStart, this.valueEnd, decoded);
  }

  /** The same, as a new slot of `store` named `name`. */
  appendTo(store: ValueStore, start: number, end: number, noMarkup: boolean, name: string | undefined): void {
    const decoded = this.decode(start, end, noMarkup);
    store.append(this.valueStart, this.valueEnd, decoded, name);
  }

  /** The value of `[start, end)` with its span. */
  read(start: number, end: number, noMarkup: boolean): SourceValue {
    const value = this.readString(start, end, noMarkup);
    return { value, start: this.valueStart, end: this.valueEnd };
  }

  /** Just the decoded value of `[start, end)`, for a caller that keeps no span. */
  readString(start: number, end: number, noMarkup: boolean): string {
    return this.decode(start, end, noMarkup) ?? this.slices.slice(this.valueStart, this.valueEnd);
  }

  /** Finds the trimmed span of `[start, end)`; returns the value when it is not just the text of that span. */
  private decode(start: number, end: number, noMarkup: boolean): string | undefined {
    const { text } = this;
    let s = start;
    let e = end;
    while (s < e && isXmlSpace(text.charCodeAt(s))) s++;
    while (e > s && isXmlSpace(text.charCodeAt(e - 1))) e--;
    // Whitespace only: the empty value sits right after the start tag, inside any span that holds the tag.
    if (s === e) s = e = start;
    this.valueStart = s;
    this.valueEnd = e;
    if (noMarkup && this.amp.next(s, e) === -1) return undefined;
    return trimXmlSpace(decodeXmlText(text, s, e, this.problems));
  }
}

/** Decodes entities, CDATA sections and comments in `text[start, end)`; reports bad entity references. */
export function decodeXmlText(text: string, start: number, end: number, problems: ParseProblem[]): string {
  // Parts joined once: a value can be megabytes of entities in garbage input.
  const out: string[] = [];
  let run = start;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === AMP) {
      out.push(text.slice(run, i));
      const ref = readReference(text, i, end);
      if (ref.decoded === undefined) {
        problems.push({ span: { start: i, end: ref.end }, message: ref.problem });
        out.push(text.slice(i, ref.end));
      } else {
        out.push(ref.decoded);
      }
      i = ref.end;
      run = i;
    } else if (c === LT && text.startsWith('<![CDATA[', i)) {
      const close = indexWithin(text, ']]>', i + 9, end);
      if (close === -1) {
        i++;
        continue;
      }
      out.push(text.slice(run, i), text.slice(i + 9, close));
      i = close + 3;
      run = i;
    } else if (c === LT && text.startsWith('<!--', i)) {
      const close = indexWithin(text, '-->', i + 4, end);
      if (close === -1) {
        i++;
        continue;
      }
      out.push(text.slice(run, i));
      i = close + 3;
      run = i;
    } else {
      i++;
    }
  }
  out.push(text.slice(run, end));
  return out.join('');
}

type Reference = { decoded: string; end: number; problem?: undefined } | { decoded: undefined; end: number; problem: string };

/** Reads the entity or character reference at `amp` (which holds `&`). */
function readReference(text: string, amp: number, end: number): Reference {
  const limit = Math.min(end, amp + MAX_ENTITY);
  let semi = -1;
  for (let i = amp + 1; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === SEMICOLON) {
      semi = i;
      break;
    }
    if (!isNameChar(c) && c !== HASH) break;
  }
  if (semi === -1) return { decoded: undefined, end: amp + 1, problem: "Unescaped '&': write it as &amp;" };
  const body = text.slice(amp + 1, semi);
  const refEnd = semi + 1;
  if (body.charCodeAt(0) === HASH) {
    const hex = body.charCodeAt(1) === 0x78 || body.charCodeAt(1) === 0x58;
    const digits = body.slice(hex ? 2 : 1);
    const valid = digits.length > 0 && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits);
    const code = valid ? parseInt(digits, hex ? 16 : 10) : NaN;
    if (!isAllowedChar(code)) return { decoded: undefined, end: refEnd, problem: `Invalid character reference &${body};` };
    return { decoded: String.fromCodePoint(code), end: refEnd };
  }
  const decoded = PREDEFINED.get(body);
  if (decoded === undefined) return { decoded: undefined, end: refEnd, problem: `Unknown entity &${body};` };
  return { decoded, end: refEnd };
}

/** The characters XML 1.0 allows (`&#0;` and lone surrogates are not). */
function isAllowedChar(code: number): boolean {
  if (!Number.isInteger(code)) return false;
  if (code === 0x9 || code === 0xa || code === 0xd) return true;
  return (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** Trims XML whitespace (not every Unicode space, unlike `String.prototype.trim`). */
function trimXmlSpace(value: string): string {
  let s = 0;
  let e = value.length;
  while (s < e && isXmlSpace(value.charCodeAt(s))) s++;
  while (e > s && isXmlSpace(value.charCodeAt(e - 1))) e--;
  return s === 0 && e === value.length ? value : value.slice(s, e);
}
