import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { analyze } from '../../../server/src/features/analysis';
import { getHover } from '../../../server/src/features/hover';
import { defaultSettings } from '../../../server/src/features/settings';
import { buildLog, type EventSpec } from './logBuilder';
import { crypt32Rule, fakeEngine } from './fakeRules';

const HOSTILE = '[x](command:foo) <img src=x> **b** `code`';

function hoverAt(specs: EventSpec[], line: number, character: number): Hover | null {
  const log = buildLog(specs);
  const document = TextDocument.create('file:///a.xml', 'xml', 1, log.text);
  return getHover(document, analyze(log.parsed, log.text, fakeEngine([crypt32Rule]), defaultSettings), { line, character });
}

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

const capi2: EventSpec = {
  provider: 'Microsoft-Windows-CAPI2',
  id: 8,
  level: 2,
  time: '2025-03-15T10:00:00.000Z',
  record: 42,
  channel: 'Application',
  computer: 'SERVER1',
  message: 'Failed auto update retrieval of third-party root list sequence number with error: The server name or address could not be resolved.',
};

describe('getHover', () => {
  it('summarises an event without findings, anywhere inside it', () => {
    const spec: EventSpec = { provider: 'Service Control Manager', id: 7036, qualifiers: '16384', level: 4, record: 9, channel: 'System' };
    const value = markdown(hoverAt([spec], 2, 3));
    assert.equal(
      value,
      '**Service Control Manager** · event 7036 (qualifiers 16384) · Information\n\nTime not parsed · Record: 9 · Channel: System',
    );
    assert.deepEqual(hoverAt([spec], 1, 0)?.range, { start: { line: 4, character: 4 }, end: { line: 4, character: 46 } });
  });

  it('shows the id as written when classic qualifiers are folded into it', () => {
    const value = markdown(hoverAt([{ provider: 'Service Control Manager', id: 3221232472, level: 2 }], 3, 0));
    assert.ok(value.startsWith('**Service Control Manager** · event 7000 (EventID 3221232472) · Error\n\n'), value);
  });

  it('explains each finding: meaning, harm, variant cause, evidence, options, occurrences and sources', () => {
    const value = markdown(hoverAt([capi2], 4, 8));
    const expected = [
      '**Microsoft\\-Windows\\-CAPI2** · event 8 · Error',
      '',
      'Time: 2025-03-15 10:00:00 UTC · Computer: SERVER1 · Record: 42 · Channel: Application',
      '',
      '---',
      '',
      '### Windows could not download the trusted root list sequence number: the server name could not be resolved',
      '',
      '**What it means**',
      '',
      'Automatic **root** update could not reach Windows Update.',
      '',
      '**Is it harmful?**',
      '',
      'Benign per Microsoft.',
      '',
      '**Cause (the server name could not be resolved)**',
      '',
      'DNS fails for the update host.',
      '',
      '**Matched on:**',
      '',
      '- EventID = 8',
      '- Provider\\_Name = Microsoft\\-Windows\\-CAPI2',
      '',
      '**Resolution options:**',
      '',
      '- disregard this benign event in this workspace',
      '- configure the WinHTTP proxy (PowerShell)',
      '',
      '**Occurrences:** once, at 2025-03-15 10:00 UTC',
      '',
      '**Sources:** [https\\:\\/\\/learn\\.microsoft\\.com\\/troubleshoot\\/windows\\-server\\/crypt32\\-8](https://learn.microsoft.com/troubleshoot/windows-server/crypt32-8)' +
        ' · [https\\:\\/\\/example\\.org\\/kb\\/317541](https://example.org/kb/317541)',
    ].join('\n');
    assert.equal(value, expected);
  });

  it('uses the general cause when no variant matches', () => {
    const value = markdown(hoverAt([{ ...capi2, message: 'with error: timeout' }], 4, 8));
    assert.ok(value.includes('**Cause**\n\nWindows cannot reach Windows Update.'), value);
    assert.ok(value.includes('### Windows could not download the trusted root list sequence number\n'), value);
  });

  it('never lets log text inject markdown, HTML, links or command URIs', () => {
    const value = markdown(
      hoverAt([{ ...capi2, provider: HOSTILE, computer: HOSTILE, channel: 'a\n# heading\n- item', time: HOSTILE, record: 1 }], 4, 8),
    );
    const summary = value.split('\n\n---\n\n')[0];
    const escaped = '\\[x\\]\\(command\\:foo\\) &lt;img src\\=x&gt; \\*\\*b\\*\\* \\`code\\`';
    assert.equal(
      summary,
      `**${escaped}** · event 8 · Error\n\nTime not parsed (${escaped}) · Computer: ${escaped} · Record: 1 · Channel: a \\# heading \\- item`,
    );
    assert.ok(!value.includes('<'));
    assert.ok(!/\]\(command/.test(value));
  });

  it('escapes hostile evidence values', () => {
    const value = markdown(hoverAt([{ ...capi2, provider: HOSTILE }], 4, 8));
    assert.ok(value.includes('- Provider\\_Name = \\[x\\]\\(command\\:foo\\) &lt;img src\\=x&gt; \\*\\*b\\*\\* \\`code\\`\n'), value);
    assert.ok(!value.includes('<img'));
  });

  it('returns null outside every event and for nonsense positions', () => {
    assert.equal(hoverAt([capi2], 0, 3), null);
    assert.equal(hoverAt([capi2], 500, 0), null);
    assert.equal(hoverAt([capi2], -1, -1), null);
    assert.equal(hoverAt([capi2], Number.NaN, 2), null);
    assert.equal(hoverAt([], 0, 0), null);
  });
});
