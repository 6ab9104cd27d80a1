/** Binary XML tokens and their rendering, on records built byte by byte (see buildEvtx.ts). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EvtxDecoder, decodeEvtx, decodeEvtxFile } from '../../../../server/src/parse/evtx/decodeEvtx';
import type { EvtxRecord } from '../../../../server/src/parse/evtx/types';
import { ChunkBuilder, buildFile, cdata, charRef, el, entityRef, eof, fragmentHeader, le, nul, pi, str, sub, template, text, type Emit, type Value } from './buildEvtx';

const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';
const u16 = (n: number): Value => ({ type: 0x06, bytes: le.u16(n) });
const filetime = (n: bigint): Value => ({ type: 0x11, bytes: le.u64(n) });

/** The System part of a typical event, with the substitutions Windows uses (optional ones for Guid, Qualifiers). */
const systemTemplate: Emit[] = [
  el('Event', [['xmlns', [text(NS)]]], [
    el('System', [], [
      el('Provider', [['Name', [sub(0, 0x01, true)]], ['Guid', [sub(1, 0x0f, true)]]], null),
      el('EventID', [['Qualifiers', [sub(2, 0x06, true)]]], [sub(3, 0x06, true)]),
      el('Level', [], [sub(4, 0x04, true)]),
      el('TimeCreated', [['SystemTime', [sub(5, 0x11, true)]]], null),
      el('EventRecordID', [], [sub(6, 0x0a, true)]),
      el('Correlation', [['ActivityID', [sub(7, 0x0f, true)]]], null),
      el('Channel', [], [sub(8, 0x01, true)]),
      el('Computer', [], [sub(9, 0x01, true)]),
      el('Security', [['UserID', [sub(10, 0x13, true)]]], null),
    ]),
    sub(11, 0x21, true),
  ]),
];

function systemValues(id: number, recordId: bigint, payload: Value): Value[] {
  return [
    str('Service Control Manager'),
    { type: 0x0f, bytes: [0x25, 0x96, 0x84, 0x54, 0x78, 0x54, 0x94, 0x49, 0xa5, 0xba, 0x3e, 0x3b, 0x03, 0x28, 0xc3, 0x0d] },
    u16(16384),
    u16(id),
    { type: 0x04, bytes: [4] },
    filetime(131117774743460000n),
    { type: 0x0a, bytes: le.u64(recordId) },
    nul,
    str('System'),
    str('HOST'),
    { type: 0x13, bytes: [1, 1, 0, 0, 0, 0, 0, 5, ...le.u32(18)] },
    payload,
  ];
}

const decodeOne = (chunk: ChunkBuilder): EvtxRecord[] => decodeEvtxFile(buildFile([chunk.finish()])).records;

describe('decodeEvtx on built records', () => {
  it('renders a template instance with its values and fills the event model with spans into the XML', () => {
    const chunk = new ChunkBuilder();
    chunk.record(5, [template('sys', systemTemplate, systemValues(7036, 42n, { type: 0x21, bytes: [] }))]);
    const records = decodeOne(chunk);
    assert.equal(records.length, 1);
    const record = records[0] as EvtxRecord;
    assert.equal(
      record.xml,
      [
        `<Event xmlns="${NS}">`,
        '  <System>',
        '    <Provider Name="Service Control Manager" Guid="{54849625-5478-4994-A5BA-3E3B0328C30D}"/>',
        '    <EventID Qualifiers="16384">7036</EventID>',
        '    <Level>4</Level>',
        '    <TimeCreated SystemTime="2016-06-30T16:24:34.346000000Z"/>',
        '    <EventRecordID>42</EventRecordID>',
        '    <Correlation/>',
        '    <Channel>System</Channel>',
        '    <Computer>HOST</Computer>',
        '    <Security UserID="S-1-5-18"/>',
        '  </System>',
        '</Event>',
      ].join('\n'),
    );
    assert.equal(record.recordId, 5);
    assert.equal(record.chunk, 0);
    assert.equal(record.offset, 4096 + 512);
    assert.equal(record.time, Date.UTC(2016, 5, 30, 16, 24, 34, 346));
    const e = record.event;
    const at = (s: { start: number; end: number } | undefined): string | undefined => (s ? record.xml.slice(s.start, s.end) : undefined);
    assert.equal(e.format, 'evtx');
    assert.deepEqual(e.span, { start: 0, end: record.xml.length });
    assert.equal(at(e.anchor), '<EventID Qualifiers="16384">7036</EventID>');
    assert.deepEqual(e.provider, { value: 'Service Control Manager', start: 101, end: 124 });
    assert.equal(at(e.providerGuid), '{54849625-5478-4994-A5BA-3E3B0328C30D}');
    assert.deepEqual(e.eventId, { value: '7036', start: e.anchor.start + 28, end: e.anchor.start + 32 });
    assert.equal(e.id, 7036);
    assert.equal(at(e.qualifiers), '16384');
    assert.equal(e.levelNumber, 4);
    assert.equal(at(e.timeCreated), '2016-06-30T16:24:34.346000000Z');
    assert.equal(e.time, Date.UTC(2016, 5, 30, 16, 24, 34, 346));
    assert.equal(at(e.recordId), '42');
    assert.equal(at(e.channel), 'System');
    assert.equal(at(e.computer), 'HOST');
    assert.equal(at(e.userId), 'S-1-5-18');
    assert.deepEqual(e.data, []);
  });

  it('drops attributes and elements of NULL optional substitutions, and writes an emptied parent as <X/>', () => {
    const chunk = new ChunkBuilder();
    const body = [el('Event', [], [el('A', [['x', [sub(0, 0x01, true)]], ['y', [sub(1, 0x01)]]], null), el('EventData', [], [el('Data', [], [sub(0, 0x01, true)]), el('Binary', [], [sub(0, 0x0e, true)])])])];
    chunk.record(1, [template('t', body, [nul, str('')])]);
    assert.equal(decodeOne(chunk)[0]?.xml, '<Event>\n  <A y=""/>\n  <EventData/>\n</Event>');
  });

  it('repeats the element of an array value once per item; an empty array gives one empty element', () => {
    const chunk = new ChunkBuilder();
    const body = [el('Event', [], [el('EventData', [], [el('Data', [], [sub(0, 0x81)]), el('N', [], [sub(1, 0x86)]), el('E', [], [sub(2, 0x81)])])])];
    chunk.record(1, [template('t', body, [{ type: 0x81, bytes: le.utf16('a\0\0b&c\0') }, { type: 0x86, bytes: [...le.u16(1), ...le.u16(2)] }, { type: 0x81, bytes: [] }])]);
    const record = decodeOne(chunk)[0] as EvtxRecord;
    assert.equal(record.xml, '<Event>\n  <EventData>\n    <Data>a</Data>\n    <Data/>\n    <Data>b&amp;c</Data>\n    <N>1</N>\n    <N>2</N>\n    <E/>\n  </EventData>\n</Event>');
    assert.deepEqual(
      record.event.data.map((d) => [d.name, d.value, record.xml.slice(d.start, d.end)]),
      [
        [undefined, 'a', 'a'],
        [undefined, '', ''],
        [undefined, 'b&c', 'b&amp;c'],
        ['N', '1', '1'],
        ['N', '2', '2'],
        ['E', '', ''],
      ],
    );
  });

  it('renders text, character and entity references, CDATA and processing instructions', () => {
    const chunk = new ChunkBuilder();
    chunk.record(1, [
      el('Event', [['a', [text('x'), charRef(38), entityRef('quot'), text('<')]]], [
        el('T', [], [text('1 < 2 '), entityRef('amp'), text(' '), entityRef('quot'), charRef(0x41)]),
        el('C', [], [cdata('if (a < b) {}')]),
        pi('xml-stylesheet', 'href="s.xsl"'),
      ]),
    ]);
    const record = decodeOne(chunk)[0] as EvtxRecord;
    assert.equal(record.xml, '<Event a="x&#38;&quot;&lt;">\n  <T>1 &lt; 2 &amp; "&#65;</T>\n  <C><![CDATA[if (a < b) {}]]></C>\n  <?xml-stylesheet href="s.xsl"?>\n</Event>');
  });

  it('renders nested BinXml values: a template instance inside UserData, and a bare element without dependency id', () => {
    const chunk = new ChunkBuilder();
    const body = [el('Event', [], [el('UserData', [], [sub(0, 0x21)]), el('More', [], [sub(1, 0x21)])])];
    const logCleared = [el('LogFileCleared', [['xmlns', [text('urn:x')]]], [el('SubjectUserName', [], [sub(0, 0x01)]), el('Count', [], [sub(1, 0x08)])])];
    chunk.record(1, [
      template('outer', body, [
        { type: 0x21, emit: [fragmentHeader, template('inner', logCleared, [str('alice'), { type: 0x08, bytes: le.u32(3) }]), eof] },
        { type: 0x21, emit: [el('Leaf', [['k', [text('v')]]], [text('t')], { noDependencyId: true })] },
      ]),
    ]);
    const { records, issues } = decodeEvtxFile(buildFile([chunk.finish()]));
    assert.deepEqual(issues, []);
    const record = records[0] as EvtxRecord;
    assert.equal(
      record.xml,
      '<Event>\n  <UserData>\n    <LogFileCleared xmlns="urn:x">\n      <SubjectUserName>alice</SubjectUserName>\n      <Count>3</Count>\n    </LogFileCleared>\n  </UserData>\n  <More>\n    <Leaf k="v">t</Leaf>\n  </More>\n</Event>',
    );
    assert.deepEqual(
      record.event.data.map((d) => [d.name, d.value, record.xml.slice(d.start, d.end)]),
      [
        ['SubjectUserName', 'alice', 'alice'],
        ['Count', '3', '3'],
      ],
    );
  });

  it('decodes a template once per chunk and reuses it for later records', () => {
    const chunk = new ChunkBuilder();
    const body = [el('Event', [], [el('System', [], [el('EventID', [], [sub(0, 0x06)])])])];
    chunk.record(1, [template('t', body, [u16(1)])]);
    const afterFirst = chunk.pos;
    chunk.record(2, [template('t', body, [u16(2)])]);
    assert.ok(chunk.pos - afterFirst < afterFirst - 512, 'the second record refers to the definition instead of repeating it');
    const records = decodeOne(chunk);
    assert.deepEqual(records.map((r) => r.event.id), [1, 2]);
  });

  it('streams chunk by chunk through EvtxDecoder and keeps issues and counters', () => {
    const a = new ChunkBuilder().record(1, [el('Event', [], null)]).finish();
    const b = new ChunkBuilder().record(2, [el('Event', [], null)]).finish();
    const decoder = new EvtxDecoder();
    const ids: number[] = [];
    for (const [index, chunk] of [a, b].entries()) for (const record of decoder.decodeChunk(chunk, index)) ids.push(record.recordId);
    assert.deepEqual(ids, [1, 2]);
    assert.equal(decoder.stats.chunks, 2);
    assert.equal(decoder.stats.records, 2);
    assert.deepEqual(decoder.issues, []);
    assert.deepEqual([...decodeEvtx(buildFile([a, b]))].map((r) => r.xml), ['<Event/>', '<Event/>']);
  });

  it('stops at maxRecords', () => {
    const chunk = new ChunkBuilder().record(1, [el('Event', [], null)]).record(2, [el('Event', [], null)]);
    assert.equal(decodeEvtxFile(buildFile([chunk.finish()]), { maxRecords: 1 }).records.length, 1);
  });

  it('writes hex values as Windows does by default and padded in evtxexport style', () => {
    const chunk = new ChunkBuilder();
    chunk.record(1, [template('t', [el('Event', [], [el('K', [], [sub(0, 0x15)])])], [{ type: 0x15, bytes: le.u64(0x80000000000000n) }])]);
    const file = buildFile([chunk.finish()]);
    assert.equal(decodeEvtxFile(file).records[0]?.xml, '<Event>\n  <K>0x80000000000000</K>\n</Event>');
    assert.equal(decodeEvtxFile(file, { style: 'evtxexport' }).records[0]?.xml, '<Event>\n  <K>0x0080000000000000</K>\n</Event>');
  });
});

describe('decodeEvtx without XML text', () => {
  it('collects the same event values with empty spans at 0', () => {
    const chunk = new ChunkBuilder();
    chunk.record(5, [template('sys', systemTemplate, systemValues(7036, 42n, { type: 0x21, bytes: [] }))]);
    chunk.record(6, [el('Event', [], [el('EventData', [], [el('Data', [['Name', [text('n')]]], [text('v')])])])]);
    const file = buildFile([chunk.finish()]);
    const withXml = decodeEvtxFile(file).records;
    const { records, issues } = decodeEvtxFile(file, { xml: false });
    assert.deepEqual(issues, []);
    assert.deepEqual(records.map((r) => r.xml), ['', '']);
    const zero = { start: 0, end: 0 };
    const e = records[0]?.event;
    assert.deepEqual(e?.span, zero);
    assert.deepEqual(e?.anchor, zero);
    assert.deepEqual(e?.provider, { value: 'Service Control Manager', ...zero });
    assert.deepEqual(e?.eventId, { value: '7036', ...zero });
    assert.equal(e?.time, withXml[0]?.event.time);
    assert.deepEqual(records[1]?.event.data, [{ value: 'v', name: 'n', ...zero }]);
  });
});
