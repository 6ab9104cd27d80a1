import { parseTextLog } from './server/src/parse/text/parseTextLog';
import { readLabelLine } from './server/src/parse/text/labelLine';
const t = 'Event Type:\tError\nEvent Source:\tCrypt32\nEvent Category:\tNone\nEvent ID:\t8\n';
console.log(readLabelLine(t, 0, 17));
console.log(JSON.stringify(parseTextLog(t, 0, t.length).events[0]?.span));
