import type { LogEvent, ParseProblem } from '../model';
import { Field, type StoredEvent } from '../storedEvent';
import { EventFields, WINDOWS_EVENT_NAMESPACE, type Frame } from './eventFields';
import { Role, childRole, isLeafRole, isUserDataRole, sectionRole } from './eventRoles';
import { StartTagReader, TagStatus } from './startTag';
import {
  BANG, GT, LT, QUESTION, SLASH, ForwardFinder, isNameStart, isXmlSpace, localNameStart, rangeIs, sameRange, scanName,
} from './xmlChars';

/** Deeper nesting than this is garbage, not an event (real ones stay under 16); the cap keeps end-tag matching linear. */
const MAX_DEPTH = 64;
/** Past this many problems a document is not an event log gone slightly wrong; one summary says how many more. */
const MAX_PROBLEMS = 1000;

/** What the XML scanner found in one range of a document. */
export interface XmlParseResult {
  events: LogEvent[];
  problems: ParseProblem[];
}

/**
 * Finds every `<Event>` element in `text[start, end)` (Event Viewer and wevtutil exports, Get-WinEvent
 * `ToXml()`, libevtx and python-evtx output, the `Event Xml:` part of pasted details) and reads it into a
 * `LogEvent` with exact spans. One forward pass, no DOM. Text outside events is left alone, except inside an
 * `<Events>` root where it is reported. Broken markup is reported once per place and the scan recovers:
 * it never throws and its time is linear in the range length.
 */
export function parseXmlEvents(text: string, start: number, end: number): XmlParseResult {
  const scanner = new XmlEventScanner(text, Math.max(0, start), Math.min(end, text.length));
  scanner.run();
  return { events: scanner.events, problems: capProblems(scanner.problems) };
}

function capProblems(problems: ParseProblem[]): ParseProblem[] {
  const first = problems[MAX_PROBLEMS];
  if (first === undefined) return problems;
  const more = problems.length - MAX_PROBLEMS;
  return [...problems.slice(0, MAX_PROBLEMS), { span: first.span, message: `${more} more XML problems from here on are not listed` }];
}

class XmlEventScanner {
  readonly events: LogEvent[] = [];
  readonly problems: ParseProblem[] = [];
  private readonly fields: EventFields;
  private readonly tag: StartTagReader;
  private readonly frames: Frame[] = [];
  private depth = 0;
  private event: StoredEvent | undefined;
  private inRoot = false;
  /** Inside `<Events>`: where the text not yet accounted for by an event, comment or PI starts. */
  private gapStart = 0;
  private tooDeepReported = false;
  /** The stray-`<` problem still growing: a run of garbage is one broken place, not one per `<`. */
  private stray: ParseProblem | undefined;
  private readonly commentEnd: ForwardFinder;
  private readonly cdataEnd: ForwardFinder;
  private readonly piEnd: ForwardFinder;
  private readonly tagEnd: ForwardFinder;

  constructor(
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
  ) {
    this.fields = new EventFields(text, this.problems, end - start);
    this.tag = new StartTagReader(text, end, this.problems);
    this.commentEnd = new ForwardFinder(text, '-->');
    this.cdataEnd = new ForwardFinder(text, ']]>');
    this.piEnd = new ForwardFinder(text, '?>');
    this.tagEnd = new ForwardFinder(text, '>');
  }

  run(): void {
    const { text, end } = this;
    let pos = this.start;
    while (pos < end) {
      const lt = text.indexOf('<', pos);
      if (lt === -1 || lt >= end) break;
      pos = this.depth === 0 ? this.outside(lt) : this.inside(lt);
    }
    if (this.depth > 0) this.truncate(end);
    else if (this.inRoot) this.reportGap(this.gapStart, end);
  }

  // ---- outside events: only <Event>, the <Events> root and its end matter ----

  private outside(lt: number): number {
    const { text, end } = this;
    const c = text.charCodeAt(lt + 1);
    if (c === BANG || c === QUESTION) {
      const next = this.skipSpecial(lt);
      if (this.inRoot && next > lt + 2) {
        this.reportGap(this.gapStart, lt);
        this.gapStart = next;
      }
      return next;
    }
    if (c === SLASH) {
      const nameEnd = scanName(text, lt + 2, end);
      if (!this.inRoot || !rangeIs(text, localNameStart(text, lt + 2, nameEnd), nameEnd, 'Events')) return lt + 2;
      this.reportGap(this.gapStart, lt);
      this.inRoot = false;
      const gt = this.tagEnd.next(nameEnd, end);
      return gt === -1 ? end : gt + 1;
    }
    if (!isNameStart(c)) return lt + 1;
    const nameEnd = scanName(text, lt + 1, end);
    const localStart = localNameStart(text, lt + 1, nameEnd);
    if (rangeIs(text, localStart, nameEnd, 'Event')) {
      if (this.inRoot) this.reportGap(this.gapStart, lt);
      const before = this.problems.length;
      this.tag.read(nameEnd);
      return this.startEvent(lt, nameEnd, localStart, before);
    }
    if (rangeIs(text, localStart, nameEnd, 'Events')) {
      const { tag } = this;
      if (tag.read(nameEnd) === TagStatus.Complete && tag.selfClosingAt === -1) {
        this.inRoot = true;
        this.gapStart = tag.end;
      }
      return tag.end;
    }
    return nameEnd;
  }

  /** Opens an event at `lt` from the start tag just read. */
  private startEvent(lt: number, nameEnd: number, localStart: number, problemsBefore: number): number {
    const { tag } = this;
    // A broken start tag is reported here, so it is not reported again as text between events.
    if (tag.status === TagStatus.Truncated) {
      this.problem(lt, this.trimEnd(this.end), 'Event is truncated: no </Event> before the end of the file');
      this.gapStart = this.end;
      return this.end;
    }
    if (tag.status === TagStatus.Broken) {
      if (this.problems.length === problemsBefore) this.problem(lt, this.trimEnd(tag.end), "The <Event> start tag has no '>'");
      this.gapStart = tag.end;
      return tag.end;
    }
    this.event = this.fields.open(lt, tag.end);
    const frame = this.push(Role.Event, lt, lt + 1, nameEnd, localStart);
    this.fields.applyAttributes(this.event, frame, tag);
    if (tag.selfClosingAt !== -1) this.closeEvent(tag.end);
    return tag.end;
  }

  // ---- inside an event ----

  private inside(lt: number): number {
    const c = this.text.charCodeAt(lt + 1);
    if (c === BANG || c === QUESTION) {
      const next = this.skipSpecial(lt);
      if (next > lt + 2) this.top().plain = false;
      return next;
    }
    if (c === SLASH) return this.endTag(lt);
    if (isNameStart(c)) return this.startTag(lt);
    this.strayLt(lt);
    return lt + 1;
  }

  private startTag(lt: number): number {
    const { text, end } = this;
    const nameEnd = scanName(text, lt + 1, end);
    const localStart = localNameStart(text, lt + 1, nameEnd);
    const before = this.problems.length;
    const { tag } = this;
    const status = tag.read(nameEnd);
    if (status === TagStatus.Truncated) {
      this.truncate(lt);
      return end;
    }
    if (status === TagStatus.Broken) {
      if (this.problems.length === before) this.problem(lt, this.trimEnd(tag.end), `The <${text.slice(lt + 1, nameEnd)}> start tag has no '>'`);
      return tag.end;
    }
    this.stray = undefined;
    let top = this.top();
    const inUserData = isUserDataRole(top.role);
    if (rangeIs(text, localStart, nameEnd, 'Event') && (!inUserData || this.hasWindowsNamespace())) {
      this.notClosedAt(lt, 'Event is not closed: no </Event> before the next <Event>');
      return this.startEvent(lt, nameEnd, localStart, before);
    }
    if (!inUserData && this.depth > 1 && sectionRole(text, localStart, nameEnd) !== Role.Ignored) {
      const section = this.frames[1];
      if (section !== undefined) this.notClosedBefore(section, lt + 1, nameEnd);
      while (this.depth > 1) this.pop(lt, lt);
      top = this.top();
    } else if (isLeafRole(top.role)) {
      this.notClosedBefore(top, lt + 1, nameEnd);
      this.pop(lt, lt);
      top = this.top();
    }
    if (this.depth >= MAX_DEPTH) {
      if (!this.tooDeepReported) this.problem(lt, tag.end, `Elements are nested more than ${MAX_DEPTH} deep here`);
      this.tooDeepReported = true;
      return tag.end;
    }
    top.hasChild = true;
    const frame = this.push(childRole(top.role, text, localStart, nameEnd), lt, lt + 1, nameEnd, localStart);
    this.fields.applyAttributes(this.currentEvent(), frame, tag);
    if (tag.selfClosingAt !== -1) this.pop(tag.selfClosingAt, tag.end);
    return tag.end;
  }

  private endTag(lt: number): number {
    const { text, end } = this;
    const nameStart = lt + 2;
    const nameEnd = scanName(text, nameStart, end);
    let after = nameEnd;
    while (after < end && isXmlSpace(text.charCodeAt(after))) after++;
    if (after >= end) {
      this.truncate(lt);
      return end;
    }
    if (text.charCodeAt(after) === GT) {
      after++;
    } else {
      while (after < end && text.charCodeAt(after) !== GT && text.charCodeAt(after) !== LT) after++;
      this.problem(lt, after, `The end tag </${text.slice(nameStart, nameEnd)}> has no '>'`);
      if (text.charCodeAt(after) === GT) after++;
      if (nameEnd === nameStart) return after;
    }
    if (nameEnd === nameStart) {
      this.strayLt(lt);
      return lt + 1;
    }
    this.stray = undefined;
    const top = this.top();
    if (sameRange(text, top.nameStart, top.nameEnd, nameStart, nameEnd)) {
      this.pop(lt, after);
      if (this.depth === 0) this.closeEvent(after);
      return after;
    }
    const expected = `expected </${text.slice(top.nameStart, top.nameEnd)}>`;
    const name = text.slice(nameStart, nameEnd);
    for (let k = this.depth - 2; k >= 0; k--) {
      const frame = this.frames[k];
      if (frame === undefined || !sameRange(text, frame.nameStart, frame.nameEnd, nameStart, nameEnd)) continue;
      this.problem(lt, after, `Unexpected </${name}>: ${expected}`);
      while (this.depth > k + 1) this.pop(lt, lt);
      this.pop(lt, after);
      if (this.depth === 0) this.closeEvent(after);
      return after;
    }
    if (rangeIs(text, localNameStart(text, nameStart, nameEnd), nameEnd, 'Events')) {
      // The root closes while an event is open: end the event here and let the outside scan take `</Events>`.
      this.notClosedAt(lt, 'Event is not closed: no </Event> before </Events>');
      return lt;
    }
    this.problem(lt, after, `Unexpected </${name}>: ${expected}`);
    // A mistyped end tag of an element that has no children most likely closes it.
    if (top.role !== Role.Event && !top.hasChild) this.pop(lt, after);
    return after;
  }

  // ---- frames and events ----

  /** Opens an element from the start tag just read. */
  private push(role: Role, tagStart: number, nameStart: number, nameEnd: number, localStart: number): Frame {
    const { tag } = this;
    let frame = this.frames[this.depth];
    if (frame === undefined) {
      frame = { role, tagStart, nameStart, nameEnd, localStart, contentStart: 0, hasChild: false, plain: true, dataName: undefined };
      this.frames[this.depth] = frame;
    }
    frame.role = role;
    frame.tagStart = tagStart;
    frame.nameStart = nameStart;
    frame.nameEnd = nameEnd;
    frame.localStart = localStart;
    frame.contentStart = tag.selfClosingAt === -1 ? tag.end : tag.selfClosingAt;
    frame.hasChild = false;
    frame.plain = true;
    frame.dataName = undefined;
    this.depth++;
    return frame;
  }

  private pop(contentEnd: number, elementEnd: number): void {
    const frame = this.top();
    if (this.event !== undefined && frame.role !== Role.Event) this.fields.applyContent(this.event, frame, contentEnd, elementEnd);
    this.depth--;
  }

  private top(): Frame {
    const frame = this.frames[this.depth - 1];
    if (frame === undefined) throw new Error('XML scanner: no open element');
    return frame;
  }

  private currentEvent(): StoredEvent {
    if (this.event === undefined) throw new Error('XML scanner: no open event');
    return this.event;
  }

  private hasWindowsNamespace(): boolean {
    const { tag } = this;
    const i = tag.find('xmlns');
    return i !== -1 && rangeIs(this.text, tag.valueStart[i] ?? 0, tag.valueEnd[i] ?? 0, WINDOWS_EVENT_NAMESPACE);
  }

  /** Closes every open element below the event at `pos`, keeping what they hold. */
  private closeAll(pos: number): void {
    while (this.depth > 1) this.pop(pos, pos);
    this.depth = 0;
  }

  /**
   * Ends the current event at `spanEnd`. It is kept when it says what it is (an id or a provider): an
   * `<Event>` with neither, whole or cut off, is nothing a rule or a reader can use.
   */
  private closeEvent(spanEnd: number): void {
    const ev = this.event;
    this.event = undefined;
    this.depth = 0;
    this.gapStart = spanEnd;
    if (ev === undefined) return;
    ev.spanEnd = spanEnd;
    if (ev.has(Field.EventId) || ev.has(Field.Provider)) this.events.push(ev);
    else this.fields.discard(ev);
  }

  /** The input ends (or a start tag is cut off at `pos`) inside an event. */
  private truncate(pos: number): void {
    this.notClosedAt(pos, 'Event is truncated: no </Event> before the end of the file');
    // The cut-off rest belongs to the truncated event, not to the text between events.
    this.gapStart = this.end;
  }

  private notClosedAt(pos: number, message: string): void {
    const eventFrame = this.frames[0];
    if (eventFrame !== undefined) this.problem(eventFrame.tagStart, eventFrame.contentStart, message);
    this.closeAll(pos);
    this.closeEvent(this.trimEnd(pos));
  }

  private notClosedBefore(frame: Frame, nextStart: number, nextEnd: number): void {
    const { text } = this;
    const name = text.slice(frame.nameStart, frame.nameEnd);
    this.problem(frame.tagStart, frame.contentStart, `<${name}> is not closed before <${text.slice(nextStart, nextEnd)}>`);
  }

  // ---- text, markup that is not an element, and garbage ----

  /** Skips a comment, CDATA section, processing instruction or declaration at `lt`; reports one never closed. */
  private skipSpecial(lt: number): number {
    const { text, end } = this;
    let finder: ForwardFinder;
    let open: number;
    let close: number;
    let what: string;
    if (text.startsWith('<!--', lt)) [finder, open, close, what] = [this.commentEnd, 4, 3, 'Comment'];
    else if (text.startsWith('<![CDATA[', lt)) [finder, open, close, what] = [this.cdataEnd, 9, 3, 'CDATA section'];
    else if (text.charCodeAt(lt + 1) === QUESTION) [finder, open, close, what] = [this.piEnd, 2, 2, 'Processing instruction'];
    else [finder, open, close, what] = [this.tagEnd, 2, 1, 'Declaration'];
    const at = finder.next(lt + open, end);
    if (at !== -1) return at + close;
    if (this.depth > 0 || this.inRoot) this.problem(lt, lt + open, `${what} is not closed`);
    return lt + open;
  }

  private strayLt(lt: number): void {
    if (this.stray !== undefined) {
      this.stray.span.end = lt + 1;
      return;
    }
    this.stray = { span: { start: lt, end: lt + 1 }, message: "Unexpected '<' in text: write it as &lt;" };
    this.problems.push(this.stray);
  }

  private reportGap(start: number, stop: number): void {
    let s = start;
    let e = stop;
    while (s < e && isXmlSpace(this.text.charCodeAt(s))) s++;
    while (e > s && isXmlSpace(this.text.charCodeAt(e - 1))) e--;
    if (s < e) this.problem(s, e, 'Unexpected text between events');
  }

  private trimEnd(pos: number): number {
    let e = pos;
    while (e > this.start && isXmlSpace(this.text.charCodeAt(e - 1))) e--;
    return e;
  }

  private problem(start: number, end: number, message: string): void {
    this.problems.push({ span: { start, end }, message });
  }
}
