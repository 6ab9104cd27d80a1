import { readFileSync, readdirSync } from 'node:fs';
import { parseTextLog } from './server/src/parse/text/parseTextLog';
for (const f of readdirSync('test/fixtures/text')) {
  const t = readFileSync('test/fixtures/text/' + f, 'utf8');
  const r = parseTextLog(t, 0, t.length);
  console.log('==', f, r.events.length, 'problems', JSON.stringify(r.problems));
  for (const e of r.events) console.log(' ', e.format, e.id, e.eventId?.value, '|', e.provider?.value, '|', e.level?.value, e.levelNumber, '|', e.timeCreated?.value, e.time && new Date(e.time).toISOString(), '|', JSON.stringify(e.message?.value.slice(0, 70)), e.recordId?.value, e.channel?.value, JSON.stringify(t.slice(e.anchor.start, e.anchor.end)).slice(0,40), JSON.stringify(t.slice(e.span.start, e.span.start+20)), JSON.stringify(t.slice(e.span.end-15, e.span.end)));
}
