import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ParseProblem } from '../../../../server/src/parse/model';
import { parseXmlEvents } from '../../../../server/src/parse/xml/parseXmlEvents';
import { NS, find } from './locate';

function parse(text: string) {
  return parseXmlEvents(text, 0, text.length);
}

const sys = (provider: string, id: string) => `<System><Provider Name='${provider}'/><EventID>${id}</EventID></System>`;
const whole = (provider: string, id: string) => `<Event>${sys(provider, id)}</Event>`;

function problem(text: string, raw: string, message: string, from = 0): ParseProblem {
  return { span: find(text, raw, from), message };
}

describe('parseXmlEvents: malformed input', () => {
  it('recovers a truncated last event and reports it on its start tag', () => {
    const text = `<Events>${whole('A', '1')}<Event xmlns='${NS}'><System><Provider Name='B'/><EventID>7</EventID><Level>2`;
    const { events, problems } = parse(text);
    assert.deepEqual(events.map((e) => [e.id, e.provider?.value, e.level?.value]), [[1, 'A', undefined], [7, 'B', '2']]);
    assert.deepEqual(events[1]?.span, { start: find(text, `<Event xmlns`).start, end: text.length });
    assert.deepEqual(problems, [problem(text, `<Event xmlns='${NS}'>`, 'Event is truncated: no </Event> before the end of the file')]);
  });

  it('does not take a start tag cut off by the end of the file as part of a value', () => {
    const text = `<Event><System><Provider Name='B'/><EventID>7</EventID><Level`;
    const { events, problems } = parse(text);
    assert.deepEqual(events[0]?.span, { start: 0, end: find(text, '<Level').start });
    assert.equal(events[0]?.level, undefined);
    assert.deepEqual(problems, [problem(text, '<Event>', 'Event is truncated: no </Event> before the end of the file')]);
  });

  it('reports an <Event> start tag cut off by the end of the file', () => {
    const text = `${whole('A', '1')}\n<Event xmlns='htt`;
    const { events, problems } = parse(text);
    assert.equal(events.length, 1);
    assert.deepEqual(problems, [problem(text, "<Event xmlns='htt", 'Event is truncated: no </Event> before the end of the file')]);
  });

  it('reports a broken or cut-off <Event> start tag inside <Events> once', () => {
    const broken = `<Events><Event xmlns='${NS}' <Event>${sys('A', '1')}</Event></Events>`;
    assert.deepEqual(parse(broken).problems, [problem(broken, `<Event xmlns='${NS}'`, "The <Event> start tag has no '>'")]);
    assert.deepEqual(parse(broken).events.map((e) => e.id), [1]);
    const cut = `<Events>${whole('A', '1')}<Event xmlns='${NS}`;
    assert.deepEqual(parse(cut).problems, [problem(cut, `<Event xmlns='${NS}`, 'Event is truncated: no </Event> before the end of the file')]);
  });

  it('ends an event never closed at the next <Event>, trailing whitespace excluded', () => {
    const text = `<Event>${sys('A', '1')}\r\n<Event>${sys('B', '2')}</Event>`;
    const { events, problems } = parse(text);
    assert.deepEqual(events.map((e) => [e.id, e.span]), [
      [1, { start: 0, end: find(text, '\r\n').start }],
      [2, { start: find(text, '\r\n').end, end: text.length }],
    ]);
    assert.deepEqual(problems, [problem(text, '<Event>', 'Event is not closed: no </Event> before the next <Event>')]);
  });

  it('ends an event never closed at </Events>', () => {
    const text = `<Events><Event>${sys('A', '1')}</Events>`;
    const { events, problems } = parse(text);
    assert.deepEqual(events.map((e) => [e.id, e.span]), [[1, { start: 8, end: find(text, '</Events>').start }]]);
    assert.deepEqual(problems, [problem(text, '<Event>', 'Event is not closed: no </Event> before </Events>')]);
  });

  it('takes a mistyped end tag of a leaf as its end', () => {
    const text = `<Event><System><Provider Name='A'/><EventID>7000</EventId><Version>0</Version></System></Event>`;
    const { events, problems } = parse(text);
    assert.equal(events[0]?.id, 7000);
    assert.equal(events[0]?.version?.value, '0');
    assert.deepEqual(problems, [problem(text, '</EventId>', 'Unexpected </EventId>: expected </EventID>')]);
  });

  it('closes the elements left open when an end tag matches an ancestor', () => {
    const text = `<Event><System><Provider Name='A'/><EventID>5</System><EventData><Data>x</Data></EventData></Event>`;
    const { events, problems } = parse(text);
    assert.deepEqual(events.map((e) => [e.eventId?.value, e.data.map((d) => d.value)]), [['5', ['x']]]);
    assert.deepEqual(problems, [problem(text, '</System>', 'Unexpected </System>: expected </EventID>')]);
  });

  it('reports and skips a stray end tag', () => {
    const text = `<Event>${sys('A', '1')}</Foo></Event>`;
    const { events, problems } = parse(text);
    assert.deepEqual(events[0]?.span, { start: 0, end: text.length });
    assert.deepEqual(problems, [problem(text, '</Foo>', 'Unexpected </Foo>: expected </Event>')]);
  });

  it('closes an unclosed <Data> at the next <Data>, keeping both values', () => {
    const text = `<Event>${sys('A', '5')}<EventData><Data Name='a'>1<Data Name='b'>2</Data></EventData></Event>`;
    const { events, problems } = parse(text);
    assert.deepEqual(events[0]?.data.map((d) => [d.name, d.value]), [['a', '1'], ['b', '2']]);
    assert.deepEqual(problems, [problem(text, "<Data Name='a'>", '<Data> is not closed before <Data>')]);
  });

  it('closes an unclosed <System> at <EventData>', () => {
    const text = `<Event><System><Provider Name='A'/><EventID>5</EventID><EventData><Data>x</Data></EventData></Event>`;
    const { events, problems } = parse(text);
    assert.deepEqual(events.map((e) => [e.id, e.data.map((d) => d.value)]), [[5, ['x']]]);
    assert.deepEqual(problems, [problem(text, '<System>', '<System> is not closed before <EventData>')]);
  });

  it('reports bad entity and character references and keeps their text', () => {
    const text = `<Event>${sys('A', '5')}<EventData><Data>&foo; AT&T &#0; &#xZZ;</Data></EventData></Event>`;
    const { events, problems } = parse(text);
    assert.deepEqual(events[0]?.data.map((d) => d.value), ['&foo; AT&T &#0; &#xZZ;']);
    assert.deepEqual(problems, [
      problem(text, '&foo;', 'Unknown entity &foo;'),
      { span: { start: find(text, 'AT&T').start + 2, end: find(text, 'AT&T').start + 3 }, message: "Unescaped '&': write it as &amp;" },
      problem(text, '&#0;', 'Invalid character reference &#0;'),
      problem(text, '&#xZZ;', 'Invalid character reference &#xZZ;'),
    ]);
  });

  it('reports text between events inside an <Events> root and recovers the events after it', () => {
    const text = `<Events>${whole('A', '1')} junk <b>x</b> \n${whole('B', '2')}</Events>`;
    const { events, problems } = parse(text);
    assert.deepEqual(events.map((e) => e.id), [1, 2]);
    assert.deepEqual(problems, [problem(text, 'junk <b>x</b>', 'Unexpected text between events')]);
  });

  it('leaves text between events alone when there is no root (wevtutil output, pasted details)', () => {
    const text = `${whole('A', '1')} some text <b>x</b> ${whole('B', '2')}`;
    assert.deepEqual(parse(text).problems, []);
  });

  it('reads an event in a wrong namespace and reports the namespace', () => {
    const text = `<Event xmlns='http://example.com/ns'>${sys('A', '1')}</Event>`;
    const { events, problems } = parse(text);
    assert.equal(events[0]?.id, 1);
    assert.deepEqual(problems, [problem(text, 'http://example.com/ns', `Unexpected namespace 'http://example.com/ns' on <Event>: expected '${NS}'`)]);
  });

  it('reports a run of stray < in text once', () => {
    const text = `<Event>${sys('A', '1')}<EventData><Data>a < b << c</Data></EventData></Event>`;
    const { events, problems } = parse(text);
    assert.deepEqual(events[0]?.data.map((d) => d.value), ['a < b << c']);
    assert.deepEqual(problems, [problem(text, '< b <<', "Unexpected '<' in text: write it as &lt;")]);
  });

  it('drops a start tag whose attribute value is never closed', () => {
    const text = `<Event><System><Provider Name='A/><EventID>1</EventID></System></Event>`;
    const { events, problems } = parse(text);
    assert.deepEqual(events.map((e) => [e.id, e.provider]), [[1, undefined]]);
    assert.deepEqual(problems, [problem(text, "'A/>", 'The value of attribute Name is not closed')]);
  });

  it('reads an unquoted attribute value and reports it', () => {
    const text = `<Event><System><Provider Name=A Guid='g'/><EventID>1</EventID></System></Event>`;
    const { events, problems } = parse(text);
    assert.deepEqual([events[0]?.provider, events[0]?.providerGuid?.value], [{ value: 'A', start: 30, end: 31 }, 'g']);
    assert.deepEqual(problems, [{ span: { start: 30, end: 31 }, message: 'The value of attribute Name must be quoted' }]);
  });

  it('reports an end tag without >', () => {
    const text = `<Event>${sys('A', '1').replace('</EventID>', '</EventID ')}</Event>`;
    const { events, problems } = parse(text);
    assert.equal(events[0]?.id, 1);
    assert.deepEqual(problems, [problem(text, '</EventID ', "The end tag </EventID> has no '>'")]);
  });

  it('reports a comment never closed and reads on', () => {
    const text = `<Event><System><Provider Name='A'/><EventID>1</EventID><!-- oops </System></Event>`;
    const { events, problems } = parse(text);
    assert.deepEqual(events.map((e) => [e.id, e.span.end]), [[1, text.length]]);
    assert.deepEqual(problems, [problem(text, '<!--', 'Comment is not closed')]);
  });

  it('survives binary garbage around an event', () => {
    const text = `\u0000\u0001<\u00ff<Event\u0000><System><Provider Name='A'/><EventID>1</EventID></System></Event>\u0000\u0007<<<`;
    const { events, problems } = parse(text);
    assert.deepEqual(events.map((e) => [e.id, e.span]), [[1, { start: 4, end: find(text, '</Event>').end }]]);
    assert.deepEqual(problems, [{ span: { start: 10, end: 11 }, message: 'Unexpected U+0000 in a start tag' }]);
  });

  it('reports absurd nesting once', () => {
    const text = `<Event>${sys('A', '1')}<UserData>${'<a>'.repeat(100)}</UserData></Event>`;
    const { events, problems } = parse(text);
    assert.equal(events[0]?.id, 1);
    assert.equal(problems[0]?.message, 'Elements are nested more than 64 deep here');
    assert.equal(problems.length, 2);
    assert.deepEqual(problems[1], problem(text, '</UserData>', 'Unexpected </UserData>: expected </a>'));
  });

  it('lists at most 1000 problems and says how many more there are', () => {
    const text = `<Event>${sys('A', '1')}<EventData>${'<Data>&bad;</Data>'.repeat(1500)}</EventData></Event>`;
    const { events, problems } = parse(text);
    assert.equal(events[0]?.data.length, 1500);
    assert.equal(problems.length, 1001);
    assert.equal(problems[1000]?.message, '500 more XML problems from here on are not listed');
  });

  it('finishes on a 5 MB line of garbage and on 100k < characters, recovering the event after them', () => {
    let seed = 7;
    const alphabet = `<>/&;'"=!?-[]abcEventSystemData #x0123456789:`;
    const chars: string[] = [];
    for (let i = 0; i < 5_000_000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      chars.push(alphabet[seed % alphabet.length] ?? ' ');
    }
    const garbage = chars.join('');
    for (const noise of [garbage, '<'.repeat(100_000), "<Event a='".repeat(100_000), '<!--'.repeat(100_000)]) {
      const text = `${noise}\n${whole('Tail', '42')}`;
      const { events } = parse(text);
      assert.equal(events.at(-1)?.provider?.value, 'Tail');
    }
    const inside = `<Event>${sys('A', '1')}<EventData><Data>${'<'.repeat(100_000)}</Data></EventData></Event>`;
    assert.deepEqual(parse(inside).problems, [problem(inside, '<'.repeat(100_000), "Unexpected '<' in text: write it as &lt;")]);
  });
});
