import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdown } from '../../../server/src/features/markdownEscape';

describe('escapeMarkdown', () => {
  it('escapes every markdown punctuation character and turns <, > and & into entities', () => {
    assert.equal(escapeMarkdown('[x](command:foo) <img src=x> **b** `code`'), '\\[x\\]\\(command\\:foo\\) &lt;img src\\=x&gt; \\*\\*b\\*\\* \\`code\\`');
    assert.equal(escapeMarkdown('a_b #1 | ~c~ !d & e\\f'), 'a\\_b \\#1 \\| \\~c\\~ \\!d &amp; e\\\\f');
  });

  it('breaks URLs so they are not auto-linked', () => {
    assert.equal(escapeMarkdown('http://www.x.com/a'), 'http\\:\\/\\/www\\.x\\.com\\/a');
  });

  it('keeps text on one line and drops control characters', () => {
    assert.equal(escapeMarkdown('a\r\n# b\n\n- c\u0000d\u2028e'), 'a \\# b \\- c d e');
    assert.equal(escapeMarkdown('\n\nlead'), 'lead');
  });

  it('leaves letters, digits and non-ASCII text alone', () => {
    assert.equal(escapeMarkdown('Ärger 東京 42'), 'Ärger 東京 42');
  });

  it('cuts long text with an ellipsis without splitting a surrogate pair', () => {
    assert.equal(escapeMarkdown('abcdef', 3), 'abc…');
    assert.equal(escapeMarkdown('ab😀cd', 3), 'ab…');
    assert.equal(escapeMarkdown('abc', 3), 'abc');
  });
});
