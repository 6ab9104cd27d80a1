/** Finding the shared .evtx samples and running the reference converters on them, for the corpus tests. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../../..');
export const samplesRoot = resolve(repoRoot, '../shared/samples');

/** Every `.evtx` below `dir` (names may hold spaces and `%4`), sorted; empty when the folder is absent. */
export function listEvtx(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const walk = (d: string): string[] =>
    readdirSync(d)
      .sort()
      .flatMap((name) => {
        const path = join(d, name);
        if (statSync(path).isDirectory()) return walk(path);
        return name.endsWith('.evtx') ? [path] : [];
      });
  return walk(dir);
}

export interface ToolRun {
  stdout: string;
  /** False when the tool stopped with an error part way (evtxexport does on some CAPI2 logs). */
  complete: boolean;
}

let evtxexportMissing: boolean | undefined;

/** `evtxexport -f xml [-m mode] FILE`, or undefined when evtxexport is not installed. */
export function runEvtxexport(file: string, mode: 'items' | 'recovered' = 'items'): ToolRun | undefined {
  if (evtxexportMissing) return undefined;
  const result = spawnSync('evtxexport', ['-f', 'xml', '-m', mode, file], { maxBuffer: 1 << 30, encoding: 'utf8' });
  if (result.error) {
    evtxexportMissing = true;
    return undefined;
  }
  return { stdout: result.stdout, complete: result.status === 0 };
}

/** The `<Event>` blocks of evtxexport's XML output, without the blank lines between them. */
export function splitEvents(stdout: string): string[] {
  return stdout
    .split(/\n\n(?=<Event )/)
    .map((block) => block.replace(/^[^<]*(?=<Event )/, '').replace(/\s+$/, ''))
    .filter((block) => block.startsWith('<Event '));
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const unescape = (s: string): string => s.replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => ENTITIES[name] as string);

/** Fields read from one evtxexport event block with plain regular expressions, independent of the decoder. */
export interface ReferenceFields {
  recordId?: string;
  eventId?: string;
  provider?: string;
  timeCreated?: string;
  channel?: string;
  computer?: string;
  data: { name?: string; value: string }[];
}

export function referenceFields(block: string): ReferenceFields {
  const element = (name: string): string | undefined => {
    const m = new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`).exec(block);
    return m ? unescape(m[1] as string) : undefined;
  };
  const attribute = (elementName: string, attr: string): string | undefined => {
    const m = new RegExp(`<${elementName} [^>]*\\b${attr}="([^"]*)"`).exec(block);
    return m ? unescape(m[1] as string) : undefined;
  };
  const data: { name?: string; value: string }[] = [];
  const eventData = /<EventData(?: [^>]*)?>([\s\S]*?)\n {2}<\/EventData>/.exec(block)?.[1];
  if (eventData) {
    // Data elements, and other children such as ComplexData: named by their Name attribute, else (but
    // for Data) by the element; Binary is not data.
    for (const m of eventData.matchAll(/<(\w+)(?: Name="([^"]*)")?(?:\/>|>([^<]*)<\/\1>)/g)) {
      if (m[1] === 'Binary') continue;
      const value = unescape(m[3] ?? '').trim();
      const name = m[2] !== undefined ? unescape(m[2]) : m[1] === 'Data' ? undefined : m[1];
      data.push(name === undefined ? { value } : { name, value });
    }
  }
  const userData = /<UserData(?: [^>]*)?>([\s\S]*?)\n {2}<\/UserData>/.exec(block)?.[1];
  if (userData) {
    // Leaves: an element with text only, or an empty element; elements with child elements are skipped.
    for (const m of userData.matchAll(/<([\w:.-]+)(?: [^>]*?)?(?:\/>|>([^<]*)<\/\1>)/g)) {
      const name = (m[1] as string).replace(/^.*:/, '');
      data.push({ name, value: unescape(m[2] ?? '').trim() });
    }
  }
  return {
    recordId: element('EventRecordID'),
    eventId: element('EventID'),
    provider: attribute('Provider', 'Name'),
    timeCreated: attribute('TimeCreated', 'SystemTime'),
    channel: element('Channel'),
    computer: element('Computer'),
    data,
  };
}

/** The objects of a file holding several JSON documents back to back (the Rust `evtx_dump -o json` shape). */
export function parseJsonStream(text: string): unknown[] {
  const objects: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}') {
      if (--depth === 0) objects.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return objects;
}
