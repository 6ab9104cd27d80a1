/**
 * JSON with comments and trailing commas, as VS Code writes `settings.json`: comments become spaces (so error
 * positions stay right) and a comma before `}` or `]` is dropped, then `JSON.parse` reads the rest.
 */
export function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  let pendingComma = -1;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"') {
      const start = i++;
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      out += text.slice(start, i);
      pendingComma = -1;
    } else if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (ch === ',') {
      pendingComma = out.length;
      out += ch;
      i++;
    } else if ((ch === '}' || ch === ']') && pendingComma >= 0) {
      out = `${out.slice(0, pendingComma)} ${out.slice(pendingComma + 1)}${ch}`;
      pendingComma = -1;
      i++;
    } else {
      if (ch !== ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r') pendingComma = -1;
      out += ch;
      i++;
    }
  }
  return JSON.parse(out);
}
