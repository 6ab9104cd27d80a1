import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LogEvent } from '../../../../server/src/parse/model';
import { parseXmlEvents } from '../../../../server/src/parse/xml/parseXmlEvents';
import { NS, after, decodedAfter, find } from './locate';

/** Parses `text` and returns its only event, asserting there are no problems. */
function only(text: string): LogEvent {
  const result = parseXmlEvents(text, 0, text.length);
  assert.deepEqual(result.problems, []);
  assert.equal(result.events.length, 1);
  const event = result.events[0];
  assert.ok(event);
  return event;
}

const system = (eventId: string) => `<System><Provider Name='P'/>${eventId}</System>`;

describe('parseXmlEvents: values', () => {
  it('decodes the predefined entities and character references, spans covering the raw text', () => {
    const text = `<Event xmlns='${NS}'>${system('<EventID>1</EventID>')}<EventData><Data Name='a'>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#x1F600;</Data></EventData></Event>`;
    assert.deepEqual(only(text).data, [
      { name: 'a', ...decodedAfter(text, "<Data Name='a'>", '&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#x1F600;', `&<>"'AB\u{1F600}`) },
    ]);
  });

  it('decodes entities in attribute values', () => {
    const text = `<Event><System><Provider Name="AT&amp;T &#x27;x&#39;"/><EventID>1</EventID></System></Event>`;
    assert.deepEqual(only(text).provider, decodedAfter(text, 'Name="', "AT&amp;T &#x27;x&#39;", "AT&T 'x'"));
  });

  it('unwraps CDATA and drops comments; the span covers the raw text', () => {
    const text = `<Event>${system('<EventID>1</EventID>')}<EventData><Data Name='x'><![CDATA[a <b> & c]]></Data><Data><!-- note -->v</Data></EventData></Event>`;
    const e = only(text);
    assert.deepEqual(e.data, [
      { name: 'x', ...decodedAfter(text, "<Data Name='x'>", '<![CDATA[a <b> & c]]>', 'a <b> & c') },
      decodedAfter(text, '<Data>', '<!-- note -->v', 'v'),
    ]);
  });

  it('trims values; the span covers the trimmed raw text', () => {
    const text = `<Event>${system('<EventID>\n   7036 \r\n</EventID>')}<EventData><Data>  two words\n</Data></EventData></Event>`;
    const e = only(text);
    assert.deepEqual(e.eventId, after(text, '<EventID>\n   ', '7036'));
    assert.equal(e.id, 7036);
    assert.deepEqual(e.data, [after(text, '<Data>  ', 'two words')]);
  });

  it('gives empty Data elements an empty value and an empty span where the content starts', () => {
    const text = `<Event>${system('<EventID>1</EventID>')}<EventData><Data Name='a'/><Data Name='b'></Data><Data Name='c'>   </Data><Data/></EventData></Event>`;
    const a = find(text, "<Data Name='a'/>").end - 2;
    const b = find(text, "<Data Name='b'></Data>").start + "<Data Name='b'>".length;
    const c = find(text, "<Data Name='c'>   </Data>").start + "<Data Name='c'>".length;
    const unnamed = find(text, '<Data/>').start + '<Data'.length;
    assert.deepEqual(only(text).data, [
      { name: 'a', value: '', start: a, end: a },
      { name: 'b', value: '', start: b, end: b },
      { name: 'c', value: '', start: c, end: c },
      { value: '', start: unnamed, end: unnamed },
    ]);
  });

  it('keeps unnamed Data without a name property, in document order with named ones', () => {
    const text = `<Event>${system('<EventID>1</EventID>')}<EventData><Data>first</Data><Data Name="n">second</Data><Data>third</Data></EventData></Event>`;
    const data = only(text).data;
    assert.deepEqual(data.map((d) => [d.name, d.value]), [[undefined, 'first'], ['n', 'second'], [undefined, 'third']]);
    assert.equal('name' in (data[0] ?? {}), false);
  });

  it('takes the displayed id from the low 16 bits of a classic EventID with qualifiers in it', () => {
    const e = only(`<Event>${system('<EventID>3221232472</EventID>')}</Event>`);
    assert.equal(e.eventId?.value, '3221232472');
    assert.equal(e.id, 7000);
  });

  it('leaves id, levelNumber and time undefined when the text is not a number or a date', () => {
    const text = `<Event><System><Provider Name='P'/><EventID>abc</EventID><Level>Error</Level><TimeCreated SystemTime='yesterday'/></System></Event>`;
    const e = only(text);
    assert.deepEqual([('id' in e), ('levelNumber' in e), ('time' in e)], [false, false, false]);
    assert.deepEqual(e.level, after(text, '<Level>', 'Error'));
    assert.deepEqual(e.timeCreated, after(text, "SystemTime='", 'yesterday'));
  });

  it('tolerates namespace prefixes on every element and matches end tags by qualified name', () => {
    const text = `<e:Event xmlns:e='${NS}'><e:System><e:Provider Name='P'/><e:EventID Qualifiers='16384'>7036</e:EventID><e:Channel>System</e:Channel></e:System><e:EventData><e:Data Name='param1'>Cryptographic Services</e:Data></e:EventData></e:Event>`;
    const e = only(text);
    assert.deepEqual(e.span, { start: 0, end: text.length });
    assert.equal(e.id, 7036);
    assert.deepEqual(e.anchor, find(text, "<e:EventID Qualifiers='16384'>7036</e:EventID>"));
    assert.deepEqual(e.channel, after(text, '<e:Channel>', 'System'));
    assert.deepEqual(e.data, [{ name: 'param1', ...after(text, "<e:Data Name='param1'>", 'Cryptographic Services') }]);
  });

  it('anchors on the <Event> start tag when there is no EventID', () => {
    const text = `<Event xmlns="${NS}"><System><Provider Name="P"/></System></Event>`;
    const e = only(text);
    assert.deepEqual(e.anchor, find(text, `<Event xmlns="${NS}">`));
    assert.equal(e.eventId, undefined);
  });

  it('keeps the first of duplicated System fields', () => {
    const text = `<Event><System><Provider Name='P'/><EventID>1</EventID><EventID>2</EventID></System></Event>`;
    assert.deepEqual(only(text).eventId, after(text, '<EventID>', '1'));
  });

  it('skips an <Event> with neither EventID nor Provider, and non-Windows payload elements', () => {
    const text = `<Event><Name>not a Windows event</Name></Event><Event><System><EventID>5</EventID><Foo>x</Foo></System><Other><Data>y</Data></Other></Event>`;
    const e = only(text);
    assert.equal(e.id, 5);
    assert.deepEqual(e.data, []);
  });

  it('reads values repeated from event to event and values that differ only inside exactly', () => {
    const values = ['aXbYc', 'aZbYc', 'aXbYc', 'System', 'Sxstem', 'System'];
    const text = values.map((v) => `<Event><System><Provider Name='${v}'/><EventID>1</EventID></System><EventData><Data Name='${v}'>${v}</Data></EventData></Event>`).join('\n');
    const { events, problems } = parseXmlEvents(text, 0, text.length);
    assert.deepEqual(problems, []);
    let at = 0;
    const expected = values.map((v) => {
      at = find(text, '<Event>', at).end;
      return [after(text, "Provider Name='", v, at), [{ name: v, ...after(text, `<Data Name='${v}'>`, v, at) }]];
    });
    assert.deepEqual(events.map((e) => [e.provider, e.data]), expected);
  });

  it('ignores comments, processing instructions and a DOCTYPE around events', () => {
    const text = `<?xml version="1.0"?><!DOCTYPE Events><!-- <Event><System><EventID>9</EventID></System></Event> --><Events><Event>${system('<EventID>1</EventID>')}</Event></Events>`;
    assert.equal(only(text).id, 1);
  });
});
