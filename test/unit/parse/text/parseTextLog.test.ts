import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTextLog } from '../../../../server/src/parse/text/parseTextLog';
import { at, fixture, lineOf, realSample } from './textTestHelpers';

const parse = (text: string) => parseTextLog(text, 0, text.length);

describe('parseTextLog', () => {
  it('splits a pasted document holding several shapes one after another', () => {
    const text = [
      '# Ticket 4711',
      '',
      'The server logs this again and again:',
      '',
      '```',
      'Log Name:      Application',
      'Source:        Microsoft-Windows-CAPI2',
      'Date:          1/15/2024 10:12:01 AM',
      'Event ID:      4107',
      'Level:         Error',
      'Description:',
      'Failed extract of third-party root list from auto update cab.',
      '```',
      '',
      'And from wevtutil:',
      '',
      'Event[0]:',
      '  Log Name: System',
      '  Source: Service Control Manager',
      '  Event ID: 7031',
      '  Level: Error',
      '  Description: The Cryptographic Services service terminated unexpectedly.',
      'Level\tDate and Time\tSource\tEvent ID\tTask Category',
      'Error\t1/15/2024 10:02:01 AM\tCrypt32\t8\tNone\tFailed auto update retrieval.',
      '',
      'Event Type:\tError',
      'Event Source:\tCrypt32',
      'Event ID:\t8',
      'Description:',
      'Failed auto update retrieval.',
      '',
      'TimeCreated                     Id LevelDisplayName Message',
      '-----------                     -- ---------------- -------',
      '1/14/2024 8:58:00 PM          7040 Information      The start type of the Cryptographic Services service was changed.',
      '',
      'CBS said: Failed to install catalog files.',
      '',
    ].join('\n');
    const { events, problems } = parse(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(events.map((e) => [e.format, e.id]), [
      ['details-text', 4107], ['wevtutil-text', 7031], ['tab-text', 8], ['legacy-text', 8], ['powershell-table', 7040], ['log-line', undefined],
    ]);
    assert.deepEqual(events[0]?.message, at(text, 'Description:\n«Failed extract of third-party root list from auto update cab.»\n```'));
    assert.deepEqual(events[1]?.message, at(text, '  Description: «The Cryptographic Services service terminated unexpectedly.»'));
    assert.deepEqual(events[5]?.span, lineOf(text, 'CBS said'));
    assert.deepEqual(events[5]?.message, at(text, '«CBS said: Failed to install catalog files.»'));
  });

  it('keeps offsets absolute and reads nothing outside the region', () => {
    const body = fixture('saveAsText.txt');
    const text = 'Failed to install catalog files\n' + body + 'Failed to install catalog files\n';
    const start = text.indexOf('Level');
    const end = start + body.length;
    const inRegion = parseTextLog(text, start, end);
    const alone = parse(body);
    assert.equal(inRegion.events.length, 7);
    assert.deepEqual(inRegion.events.map((e) => [e.span.start - start, e.span.end - start, e.anchor.start - start, e.message?.value]),
      alone.events.map((e) => [e.span.start, e.span.end, e.anchor.start, e.message?.value]));
  });

  it('finds no events and no problems in text that is no event log', () => {
    const texts = [
      '# Event Log Doctor\n\nReads exported Windows event logs.\n\n## Usage\n\nOpen a log. Level: high. Source: GitHub.\nDate: today\n',
      'import { x } from "y";\nfunction f(a: number): number {\n  return a * 2; // Event ID: not really\n}\n',
      '2024-01-15 10:12:01, Info  CBS  Starting TrustedInstaller initialization.\n2024-01-15 10:12:02, Info  CBS  Loaded Servicing Stack.\n',
      'Id Name Status\n-- ---- ------\n1  a    ok\n',
      'Name        : CryptSvc\nDisplayName : Cryptographic Services\nStatus      : Running\n',
      'Source  : the wiki\nMessage : see below\nLevel   : beginner\n',
      'a,b,c\n1,2,3\n"x","y","z"\n',
      '',
      '\ufeff',
    ];
    for (const text of texts) assert.deepEqual(parse(text), { events: [], problems: [] }, JSON.stringify(text.slice(0, 30)));
  });

  it('never crashes or hangs on garbage, huge lines and pathological quotes', () => {
    let garbage = '';
    for (let i = 0; i < 200_000; i++) garbage += String.fromCharCode((i * 7919) % 65536);
    assert.doesNotThrow(() => parse(garbage));
    const huge = 'Error\t'.repeat(200_000) + 'x'.repeat(1_000_000);
    assert.deepEqual(parse(huge).events, []);
    const header = 'Level\tDate and Time\tSource\tEvent ID\tTask Category\n';
    const quotes = header + 'Error\t1/15/2024 10:02:01 AM\tCrypt32\t8\tNone\t"open\n'.repeat(20_000);
    const result = parse(quotes);
    assert.equal(result.events.length, 20_000);
    assert.equal(result.problems.length, 20_000);
    const csvQuotes = '"Message","Id","Level"\n' + '"open,"8","2\n'.repeat(20_000);
    assert.doesNotThrow(() => parse(csvQuotes));
    const oneLine = '<Event/> x '.repeat(20_000) + 'y'.repeat(2_000_000);
    let regions = 0;
    for (let at = oneLine.indexOf(' x '); at >= 0 && regions < 20_000; at = oneLine.indexOf(' x ', at + 3), regions++) {
      assert.deepEqual(parseTextLog(oneLine, at, at + 3), { events: [], problems: [] });
    }
    const labels = 'Log Name: x\n'.repeat(50_000);
    assert.doesNotThrow(() => parse(labels));
    const strayLines = header + 'Error\t1/15/2024 10:02:01 AM\tCrypt32\t8\tNone\t"open\n' + 'no tab here\n'.repeat(50_000) + 'Error\t1/15/2024 10:02:01 AM\tCrypt32\t8\tNone\tx\n';
    assert.equal(parse(strayLines).events.length, 2);
    assert.equal(parse('0x80092026 '.repeat(200_000)).events.length, 1);
    assert.equal(parse('2024-01-15 10:12:01, Error CBS 0x80092026\n'.repeat(50_000)).events.length, 50_000);
    assert.equal(parse('     sto: Failed to install catalog files\n'.repeat(50_000)).events.length, 50_000);
  });

  it('reads the real "Save as Text" System log pasted into windows_logs.md', (t) => {
    const real = realSample('rohitsharma1815-SecureMe_Phase_Rohit/step2_log_analysis/windows_logs.md');
    if (real === undefined) {
      t.skip('../shared/samples/real is absent');
      return;
    }
    const headerLine = lineOf(real, 'Date and Time');
    const dataRows = real.split('\n').filter((line) => /^(Information|Warning|Error|Critical)\t/.test(line)).length;
    assert.equal(dataRows, 3723);

    const region = parseTextLog(real, headerLine.start, real.length);
    assert.deepEqual(region.problems, []);
    assert.equal(region.events.length, dataRows);
    assert.equal(region.events.filter((e) => e.provider?.value === 'Service Control Manager').length, 180);
    assert.ok(region.events.every((e) => e.format === 'tab-text' && e.id !== undefined && e.levelNumber !== undefined && e.time !== undefined));

    const whole = parse(real);
    assert.equal(whole.events.length, dataRows, 'the Markdown lines before the export give nothing');
    assert.deepEqual(whole.events[0]?.span, lineOf(real, 'Information\t01-07-2025 17:53:27'));
    assert.deepEqual(whole.events[0]?.timeCreated, at(real, 'Information\t«01-07-2025 17:53:27»'));
    assert.equal(whole.events[0]?.time, Date.parse('2025-07-01T17:53:27Z'), 'the export is day-first (27-06-2025 rows decide)');
    const last = whole.events[whole.events.length - 1]!;
    assert.deepEqual(last.message, at(real, '6011\tNone\t«The NetBIOS name and DNS host name of this machine have been changed from  to WIN-P0TD971622E.»'));
    const kernelGeneral = whole.events.find((e) => e.id === 25 && e.message?.value.includes('Loader time'));
    assert.ok(kernelGeneral?.message?.value.startsWith('The system time was initialized to \u200e2025\u200e-'), 'messages keep their marks');
  });
});
