/** What an element inside `<Event>` means to the event model, decided from its parent's role and its local name. */
export const enum Role {
  Ignored,
  Event,
  System,
  Provider,
  EventId,
  Version,
  Level,
  Task,
  Opcode,
  Keywords,
  TimeCreated,
  RecordId,
  Execution,
  Channel,
  Computer,
  Security,
  OtherSystemField,
  EventData,
  Data,
  Binary,
  UserData,
  UserNode,
  RenderingInfo,
  RenderedMessage,
  RenderedLevel,
  RenderedTask,
  RenderedChannel,
  RenderedProvider,
  OtherRenderedField,
}

/** Names and their roles, grouped by name length so a lookup compares only names as long as the one it has. */
type NameTable = readonly (readonly (readonly [string, Role])[] | undefined)[];

function byLength(entries: readonly (readonly [string, Role])[]): NameTable {
  const table: (readonly [string, Role])[][] = [];
  for (const entry of entries) (table[entry[0].length] ??= []).push(entry);
  return table;
}

const SYSTEM_FIELDS = byLength([
  ['EventID', Role.EventId],
  ['Version', Role.Version],
  ['Level', Role.Level],
  ['Task', Role.Task],
  ['Opcode', Role.Opcode],
  ['Keywords', Role.Keywords],
  ['TimeCreated', Role.TimeCreated],
  ['EventRecordID', Role.RecordId],
  ['Execution', Role.Execution],
  ['Channel', Role.Channel],
  ['Computer', Role.Computer],
  ['Security', Role.Security],
  ['Provider', Role.Provider],
]);

const RENDERED_FIELDS = byLength([
  ['Message', Role.RenderedMessage],
  ['Level', Role.RenderedLevel],
  ['Task', Role.RenderedTask],
  ['Opcode', Role.OtherRenderedField],
  ['Channel', Role.RenderedChannel],
  ['Provider', Role.RenderedProvider],
]);

const SECTIONS = byLength([
  ['System', Role.System],
  ['EventData', Role.EventData],
  ['UserData', Role.UserData],
  ['RenderingInfo', Role.RenderingInfo],
]);

const EVENT_DATA = byLength([
  ['Data', Role.Data],
  ['Binary', Role.Binary],
]);

/** The role of the name `text[start, end)` in `table`, or `fallback`; compares in place, builds no string. */
function lookup(table: NameTable, text: string, start: number, end: number, fallback: Role): Role {
  const candidates = table[end - start];
  if (candidates === undefined) return fallback;
  for (let i = 0; i < candidates.length; i++) {
    const entry = candidates[i];
    if (entry !== undefined && sameChars(text, start, entry[0])) return entry[1];
  }
  return fallback;
}

/** Whether `text` holds `name` at `start` (a loop: cheaper than `startsWith` for names this short). */
function sameChars(text: string, start: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if (text.charCodeAt(start + i) !== name.charCodeAt(i)) return false;
  return true;
}

/**
 * The section role (`System`, `EventData`, `UserData`, `RenderingInfo`) of the local name `text[start, end)`,
 * or `Role.Ignored`. One of them anywhere but directly in `<Event>` means the section before it was not closed.
 */
export function sectionRole(text: string, start: number, end: number): Role {
  return lookup(SECTIONS, text, start, end, Role.Ignored);
}

/** The role of a child element with local name `text[start, end)` of an element with role `parent`. */
export function childRole(parent: Role, text: string, start: number, end: number): Role {
  switch (parent) {
    case Role.Event:
      return lookup(SECTIONS, text, start, end, Role.Ignored);
    case Role.System:
      return lookup(SYSTEM_FIELDS, text, start, end, Role.OtherSystemField);
    case Role.EventData:
      return lookup(EVENT_DATA, text, start, end, Role.Ignored);
    case Role.UserData:
    case Role.UserNode:
      return Role.UserNode;
    case Role.RenderingInfo:
      return lookup(RENDERED_FIELDS, text, start, end, Role.Ignored);
    default:
      return Role.Ignored;
  }
}

/**
 * Elements that never hold child elements in an event. A start tag inside one means it was not closed, so the
 * scanner closes it there instead of nesting the rest of the event inside it.
 */
export function isLeafRole(role: Role): boolean {
  return (role >= Role.Provider && role <= Role.OtherSystemField) || role === Role.Data || role === Role.Binary ||
    (role >= Role.RenderedMessage && role <= Role.OtherRenderedField);
}

/** Inside `<UserData>` element names belong to the provider, so `<Event>` or `<System>` there mean nothing. */
export function isUserDataRole(role: Role): boolean {
  return role === Role.UserData || role === Role.UserNode;
}
