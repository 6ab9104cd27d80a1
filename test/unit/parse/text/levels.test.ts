import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLevelWord, levelNumberOf } from '../../../../server/src/parse/text/levels';
import { VOCABULARIES } from '../../../../server/src/parse/text/vocabulary';

describe('levels', () => {
  it('maps English, German and French level words, in any case', () => {
    assert.deepEqual(['Critical', 'Error', 'Warning', 'Information', 'Verbose'].map(levelNumberOf), [1, 2, 3, 4, 5]);
    assert.deepEqual(['Kritisch', 'Fehler', 'Warnung', 'Informationen', 'Ausführlich'].map(levelNumberOf), [1, 2, 3, 4, 5]);
    assert.deepEqual(['Critique', 'Erreur', 'Avertissement', 'Information'].map(levelNumberOf), [1, 2, 3, 4]);
    assert.deepEqual(['ERROR', 'error', 'wArNiNg', 'AUSFÜHRLICH'].map(levelNumberOf), [2, 2, 3, 5]);
  });

  it('maps audit outcomes to LogAlways (0), as Security audit events are written', () => {
    assert.deepEqual(['Audit Success', 'Audit Failure', 'Success Audit', 'Failure Audit', 'SuccessAudit', 'FailureAudit'].map(levelNumberOf), [0, 0, 0, 0, 0, 0]);
  });

  it('reads PowerShell numeric levels and nothing else', () => {
    assert.deepEqual(['0', '2', '4', '5'].map(levelNumberOf), [0, 2, 4, 5]);
    assert.deepEqual(['6', '', 'Err', 'None', '22'].map(levelNumberOf), [undefined, undefined, undefined, undefined, undefined]);
    assert.equal(isLevelWord('Warning'), true);
    assert.equal(isLevelWord('Source'), false);
  });

  it('keeps one complete vocabulary per language', () => {
    for (const v of VOCABULARIES) {
      assert.equal(v.tableHeader.length, 5, v.language);
      assert.ok(Object.values(v.details).every((labels) => labels.length > 0), v.language);
      assert.ok(Object.values(v.levels).includes(2), v.language);
    }
  });
});
