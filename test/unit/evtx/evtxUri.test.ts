import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evtxDocumentUri, evtxFilePath, evtxFileUri } from '../../../server/src/evtx/evtxUri';

describe('evtx document URIs', () => {
  it('name the .evtx file with .xml appended, in the eventlog-evtx scheme, and map back to it', () => {
    const uri = evtxDocumentUri('/logs/my logs/System#1.evtx');
    assert.equal(uri, 'eventlog-evtx:/logs/my%20logs/System%231.evtx.xml');
    assert.equal(evtxFileUri(uri), 'file:///logs/my%20logs/System%231.evtx');
    assert.equal(evtxFilePath(uri), '/logs/my logs/System#1.evtx');
  });

  it('read the URIs VS Code writes for Windows drives and shares', () => {
    assert.equal(evtxFileUri('eventlog-evtx:/c%3A/Logs/System.evtx.xml'), 'file:///c%3A/Logs/System.evtx');
    assert.equal(evtxFileUri('eventlog-evtx://server/share/System.evtx.xml'), 'file://server/share/System.evtx');
  });

  it('keep file: URIs and refuse other schemes', () => {
    assert.equal(evtxFileUri('file:///logs/System.evtx'), 'file:///logs/System.evtx');
    assert.equal(evtxFileUri('untitled:Untitled-1'), undefined);
    assert.equal(evtxFilePath('untitled:Untitled-1'), undefined);
  });
});
