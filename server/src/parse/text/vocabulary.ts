/**
 * Every localized word the text parsers recognise, as data: adding a language is adding one entry.
 *
 * Event Viewer localizes the column header of "Save as Text"/CSV exports, the labels of
 * "Copy Details as Text" and the level words. Labels are compared case-insensitively with the
 * colon and surrounding blanks removed (French puts a space before the colon).
 */

/** The fields a "Copy Details as Text" block labels. */
export type DetailsLabel =
  | 'channel'
  | 'provider'
  | 'date'
  | 'eventId'
  | 'task'
  | 'level'
  | 'opcode'
  | 'keywords'
  | 'user'
  | 'computer'
  | 'description'
  | 'eventXml';

export interface LanguageVocabulary {
  /** BCP 47 language tag, for reference only. */
  language: string;
  /** The five named columns of an Event Viewer "Save as Text"/CSV export, in order (the sixth is unnamed). */
  tableHeader: readonly [string, string, string, string, string];
  /** "Copy Details as Text" labels without the colon. */
  details: Readonly<Record<DetailsLabel, readonly string[]>>;
  /** Level words (and audit outcomes) with their numeric level. */
  levels: Readonly<Record<string, number>>;
}

/**
 * Audit outcomes are not levels: Security audit events are written with Level 0 (LogAlways), so the
 * legacy "Event Type: Failure Audit" and Get-EventLog's `FailureAudit` map to 0.
 */
export const VOCABULARIES: readonly LanguageVocabulary[] = [
  {
    language: 'en',
    tableHeader: ['Level', 'Date and Time', 'Source', 'Event ID', 'Task Category'],
    details: {
      channel: ['Log Name'],
      provider: ['Source'],
      date: ['Date'],
      eventId: ['Event ID'],
      task: ['Task Category'],
      level: ['Level'],
      opcode: ['OpCode', 'Opcode'],
      keywords: ['Keywords'],
      user: ['User'],
      computer: ['Computer'],
      description: ['Description'],
      eventXml: ['Event Xml'],
    },
    levels: {
      LogAlways: 0,
      Critical: 1,
      Error: 2,
      Warning: 3,
      Information: 4,
      Informational: 4,
      Info: 4,
      Verbose: 5,
      'Audit Success': 0,
      'Audit Failure': 0,
      'Success Audit': 0,
      'Failure Audit': 0,
      SuccessAudit: 0,
      FailureAudit: 0,
    },
  },
  {
    language: 'de',
    tableHeader: ['Ebene', 'Datum und Uhrzeit', 'Quelle', 'Ereignis-ID', 'Aufgabenkategorie'],
    details: {
      channel: ['Protokollname'],
      provider: ['Quelle'],
      date: ['Datum'],
      eventId: ['Ereignis-ID'],
      task: ['Aufgabenkategorie'],
      level: ['Ebene'],
      opcode: ['Opcode'],
      keywords: ['Schlüsselwörter'],
      user: ['Benutzer'],
      computer: ['Computer'],
      description: ['Beschreibung'],
      eventXml: ['Ereignis-XML'],
    },
    levels: {
      Kritisch: 1,
      Fehler: 2,
      Warnung: 3,
      Informationen: 4,
      Ausführlich: 5,
      'Überwachung erfolgreich': 0,
      'Überwachung gescheitert': 0,
    },
  },
  {
    language: 'fr',
    tableHeader: ['Niveau', 'Date et heure', 'Source', "ID de l'événement", 'Catégorie de la tâche'],
    details: {
      channel: ['Nom du journal'],
      provider: ['Source'],
      date: ['Date'],
      eventId: ["ID de l'événement"],
      task: ['Catégorie de la tâche'],
      level: ['Niveau'],
      opcode: ['Opcode'],
      keywords: ['Mots clés'],
      user: ['Utilisateur'],
      computer: ['Ordinateur'],
      description: ['Description'],
      eventXml: ["XML de l'événement"],
    },
    levels: {
      Critique: 1,
      Erreur: 2,
      Avertissement: 3,
      Information: 4,
      Commentaires: 5,
      "Succès de l'audit": 0,
      "Échec de l'audit": 0,
    },
  },
];

/** Labels of legacy (Windows XP / Server 2003) event details, English only. */
export const LEGACY_LABELS = {
  level: ['Event Type'],
  provider: ['Event Source'],
  task: ['Event Category'],
  eventId: ['Event ID'],
  date: ['Date'],
  time: ['Time'],
  user: ['User'],
  computer: ['Computer'],
  description: ['Description'],
  data: ['Data'],
} as const;

/** Labels inside `wevtutil qe /f:text` blocks (`Event[N]:`), English only. */
export const WEVTUTIL_LABELS = {
  channel: ['Log Name'],
  provider: ['Source'],
  date: ['Date'],
  eventId: ['Event ID'],
  task: ['Task'],
  level: ['Level'],
  opcode: ['Opcode'],
  keywords: ['Keyword', 'Keywords'],
  user: ['User'],
  userName: ['User Name'],
  computer: ['Computer'],
  description: ['Description'],
} as const;
