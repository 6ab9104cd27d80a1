/**
 * Sigma field names -> the values of a LogEvent. A reader visits each value of the field and stops as soon
 * as the visitor returns true, so a test over a field allocates nothing.
 */
import type { DataValue, LogEvent, SourceValue } from '../parse/model';
import { equalsIgnoreCase } from './values';

/** Called per value; return true to stop (the value satisfied the test). */
export type FieldVisitor = (value: string, source: SourceValue | undefined, field: string) => boolean;

/** Visits the values of one field; returns true when the visitor stopped on a value. */
export type FieldReader = (event: LogEvent, visit: FieldVisitor) => boolean;

type SourceKey =
  | 'provider'
  | 'providerGuid'
  | 'eventSourceName'
  | 'channel'
  | 'computer'
  | 'recordId'
  | 'task'
  | 'opcode'
  | 'keywords'
  | 'version'
  | 'userId'
  | 'binary'
  | 'message'
  | 'timeCreated';

const SOURCE_FIELDS: Readonly<Record<string, SourceKey>> = {
  Provider_Name: 'provider',
  Provider_Guid: 'providerGuid',
  EventSourceName: 'eventSourceName',
  Channel: 'channel',
  Computer: 'computer',
  EventRecordID: 'recordId',
  Task: 'task',
  Opcode: 'opcode',
  Keywords: 'keywords',
  Version: 'version',
  UserID: 'userId',
  Binary: 'binary',
  Message: 'message',
  TimeCreated: 'timeCreated',
};

function sourceReader(field: string, key: SourceKey): FieldReader {
  return (event, visit) => {
    const source = event[key];
    return source !== undefined && visit(source.value, source, field);
  };
}

const readEventId: FieldReader = (event, visit) =>
  event.id !== undefined && visit(String(event.id), event.eventId, 'EventID');

const readLevel: FieldReader = (event, visit) =>
  event.levelNumber !== undefined && visit(String(event.levelNumber), event.level, 'Level');

const readUnnamedData: FieldReader = (event, visit) => {
  for (const d of event.data) {
    if (d.name === undefined && visit(d.value, d, 'Data')) return true;
  }
  return false;
};

/**
 * Data names with spaces (Defender's `Threat Name`, `Source Name`) are written without them in Sigma rules
 * (`ThreatName`), as log shippers normalise them; a name matches either way.
 */
function sameDataName(dataName: string, field: string): boolean {
  return equalsIgnoreCase(dataName, field) || (dataName.includes(' ') && equalsIgnoreCase(dataName.replace(/ /g, ''), field));
}

function namedDataReader(name: string): FieldReader {
  return (event, visit) => {
    for (const d of event.data) {
      if (d.name !== undefined && sameDataName(d.name, name) && visit(d.value, d, d.name)) return true;
    }
    return false;
  };
}

/** The field a data value is reported under in evidence. */
export function dataFieldName(d: DataValue): string {
  return d.name ?? 'Data';
}

/**
 * The reader of a Sigma field. System field names are case-sensitive as in Sigma; any other name reads the
 * named `EventData/Data` or `UserData` values with that name, ignoring case.
 */
export function fieldReader(field: string): FieldReader {
  if (field === 'EventID') return readEventId;
  if (field === 'Level') return readLevel;
  if (field === 'Data') return readUnnamedData;
  const key = SOURCE_FIELDS[field];
  return key !== undefined ? sourceReader(field, key) : namedDataReader(field);
}

/** Keyword search: the rendered message, then every data value. */
export const readKeywordText: FieldReader = (event, visit) => {
  const message = event.message;
  if (message !== undefined && visit(message.value, message, 'Message')) return true;
  for (const d of event.data) {
    if (visit(d.value, d, dataFieldName(d))) return true;
  }
  return false;
};
