import type { SourceValue } from '../model';
import { levelNumberOf } from './levels';
import type { TextField, TextFields } from './textParseContext';

interface PropertyTarget {
  field: TextField;
  /** Lower wins when an output holds several properties for one field (`LevelDisplayName` over `Level`). */
  rank: number;
}

/**
 * PowerShell property names of `Get-WinEvent` (EventLogRecord) and `Get-EventLog` (EventLogEntry)
 * objects, as Format-List, Format-Table and Export-Csv print them, mapped to event fields.
 */
const PROPERTIES: Readonly<Record<string, PropertyTarget>> = {
  message: { field: 'message', rank: 0 },
  id: { field: 'eventId', rank: 0 },
  eventid: { field: 'eventId', rank: 0 },
  instanceid: { field: 'eventId', rank: 1 },
  version: { field: 'version', rank: 0 },
  qualifiers: { field: 'qualifiers', rank: 0 },
  leveldisplayname: { field: 'level', rank: 0 },
  entrytype: { field: 'level', rank: 0 },
  level: { field: 'level', rank: 1 },
  taskdisplayname: { field: 'task', rank: 0 },
  category: { field: 'task', rank: 1 },
  task: { field: 'task', rank: 2 },
  opcodedisplayname: { field: 'opcode', rank: 0 },
  opcode: { field: 'opcode', rank: 1 },
  keywords: { field: 'keywords', rank: 0 },
  keywordsdisplaynames: { field: 'keywords', rank: 1 },
  recordid: { field: 'recordId', rank: 0 },
  index: { field: 'recordId', rank: 0 },
  providername: { field: 'provider', rank: 0 },
  source: { field: 'provider', rank: 0 },
  providerid: { field: 'providerGuid', rank: 0 },
  logname: { field: 'channel', rank: 0 },
  processid: { field: 'processId', rank: 0 },
  threadid: { field: 'threadId', rank: 0 },
  machinename: { field: 'computer', rank: 0 },
  userid: { field: 'userId', rank: 0 },
  username: { field: 'userId', rank: 1 },
  timecreated: { field: 'timeCreated', rank: 0 },
  timegenerated: { field: 'timeCreated', rank: 0 },
  // Get-EventLog's table labels its TimeGenerated column `Time`.
  time: { field: 'timeCreated', rank: 1 },
};

/** Numeric columns, which Format-Table right-aligns. */
const RIGHT_ALIGNED: ReadonlySet<string> = new Set([
  'id', 'eventid', 'instanceid', 'index', 'recordid', 'version', 'qualifiers', 'level', 'task', 'opcode',
  'processid', 'threadid', 'categorynumber',
]);

/** PowerShell event properties that map to no field but still mark an event object. */
const OTHER_EVENT_PROPERTIES: ReadonlySet<string> = new Set([
  'activityid', 'relatedactivityid', 'containerlog', 'matchedqueryids', 'bookmark', 'properties',
  'categorynumber', 'replacementstrings', 'data', 'timewritten', 'site', 'container',
]);

/** The event field a PowerShell property fills, or undefined. */
export function propertyTarget(name: string): PropertyTarget | undefined {
  return PROPERTIES[name.toLowerCase()];
}

/** True for any property of a PowerShell event object. */
export function isEventProperty(name: string): boolean {
  const lower = name.toLowerCase();
  return lower in PROPERTIES || OTHER_EVENT_PROPERTIES.has(lower);
}

/** Properties only event objects have (unlike `Source`, `Message` or `Level`, which prose and other objects use too). */
const EVENT_ONLY_PROPERTIES: ReadonlySet<string> = new Set([
  'timecreated', 'providername', 'leveldisplayname', 'timegenerated', 'entrytype', 'instanceid', 'recordid', 'logname',
]);

/** True for a property that marks its record as an event even when the id is missing. */
export function isEventOnlyProperty(name: string): boolean {
  return EVENT_ONLY_PROPERTIES.has(name.toLowerCase());
}

/** True for the properties that carry an event id. */
export function isIdProperty(name: string): boolean {
  return propertyTarget(name)?.field === 'eventId';
}

export function isRightAligned(name: string): boolean {
  return RIGHT_ALIGNED.has(name.toLowerCase());
}

/** Collects property values into fields, keeping the best-ranked property per field. */
export class PropertyFields {
  readonly fields: TextFields = {};
  private readonly ranks = new Map<TextField, number>();
  /** The numeric `Level` when a display name took the `level` field (it still gives the number). */
  numericLevel: SourceValue | undefined;

  /** The level number from the level word, else from the numeric `Level`. */
  levelNumber(): number | undefined {
    const word = this.fields.level;
    return (word && levelNumberOf(word.value)) ?? (this.numericLevel && levelNumberOf(this.numericLevel.value));
  }

  set(name: string, value: SourceValue | undefined): void {
    if (!value) return;
    const target = propertyTarget(name);
    if (!target) return;
    if (target.field === 'level' && name.toLowerCase() === 'level') this.numericLevel = value;
    const current = this.ranks.get(target.field);
    if (current !== undefined && current <= target.rank) return;
    this.ranks.set(target.field, target.rank);
    this.fields[target.field] = value;
  }
}
