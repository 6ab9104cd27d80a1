import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LabelTable, readLabelLine } from '../../../../server/src/parse/text/labelLine';

const TABLE = new LabelTable<'provider' | 'keywords' | 'eventId' | 'user'>(
  { provider: ['Source'], keywords: ['Keywords'], eventId: ['Event ID'], user: ['User'] },
  { provider: ['Quelle'], keywords: ['Schlüsselwörter'], eventId: ["ID de l'événement"], user: ['Source'] },
);

function keyOfLine(line: string): string | undefined {
  const read = readLabelLine(line, 0, line.length);
  return read && TABLE.keyOf(line, read);
}

describe('readLabelLine', () => {
  it('reads the label and value spans of `Label: value`, `Label : value` and a quoted `> Label: value`', () => {
    assert.deepEqual(readLabelLine('  Event ID: 8  ', 0, 15), { labelStart: 2, labelEnd: 10, valueStart: 12, valueEnd: 13 });
    assert.deepEqual(readLabelLine('Niveau : Erreur', 0, 15), { labelStart: 0, labelEnd: 6, valueStart: 9, valueEnd: 15 });
    assert.deepEqual(readLabelLine('> Source:', 0, 9), { labelStart: 2, labelEnd: 8, valueStart: 9, valueEnd: 9 });
  });

  it('reads no label from lines that do not start with one', () => {
    assert.equal(readLabelLine('10:12:01 started', 0, 16), undefined);
    assert.equal(readLabelLine('Level\tDate: x', 0, 13), undefined);
    assert.equal(readLabelLine(`${'L'.repeat(41)}: x`, 0, 44), undefined);
  });
});

describe('LabelTable', () => {
  it('finds labels in any case, the later table winning for a label listed twice', () => {
    assert.equal(keyOfLine('KEYWORDS: Classic'), 'keywords');
    assert.equal(keyOfLine('event id: 8'), 'eventId');
    assert.equal(keyOfLine('Source: CryptSvc'), 'user');
    assert.equal(keyOfLine('QUELLE: x'), 'provider');
    assert.equal(keyOfLine('Event IDs: 8'), undefined);
    assert.equal(keyOfLine('Event: 8'), undefined);
  });

  it('finds labels with non-ASCII letters in any case', () => {
    assert.equal(keyOfLine('Schlüsselwörter: Klassisch'), 'keywords');
    assert.equal(keyOfLine('SCHLÜSSELWÖRTER: Klassisch'), 'keywords');
    assert.equal(keyOfLine("ID DE L'ÉVÉNEMENT : 8"), 'eventId');
    // `İ` lower-cases to two characters: the label is compared as the whole lower-cased string.
    assert.equal(keyOfLine('USİR: x'), undefined);
  });

  it('numbers the keys in the order the tables list them', () => {
    assert.deepEqual(TABLE.keys, ['provider', 'keywords', 'eventId', 'user']);
    assert.equal(TABLE.index('eventId'), 2);
    const line = 'User: x';
    const read = readLabelLine(line, 0, line.length);
    assert.ok(read);
    assert.equal(TABLE.find(line, read), 3);
  });
});
