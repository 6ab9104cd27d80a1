import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectedLanguage } from '../../../server/src/features/detectedLanguage';

describe('detectedLanguage', () => {
  it('switches generic documents holding a log to the event log languages', () => {
    assert.equal(detectedLanguage('xml', 'xml'), 'eventlog-xml');
    assert.equal(detectedLanguage('plaintext', 'text'), 'eventlog-text');
    assert.equal(detectedLanguage('log', 'text'), 'eventlog-text');
    assert.equal(detectedLanguage('plaintext', 'mixed'), 'eventlog-text');
    assert.equal(detectedLanguage('plaintext', 'xml'), 'eventlog-xml');
  });

  it('leaves documents that are not logs, or already have a specific language, alone', () => {
    assert.equal(detectedLanguage('xml', undefined), undefined);
    assert.equal(detectedLanguage('eventlog-xml', 'xml'), undefined);
    assert.equal(detectedLanguage('yaml', 'text'), undefined);
  });
});
