/** The `cidr` modifier: IPv4 and IPv6 network ranges. */

/** A parsed address as 16-bit groups (2 for IPv4, 8 for IPv6). */
type Address = number[];

function parseIPv4(text: string): Address | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  const [a = 0, b = 0, c = 0, d = 0] = bytes;
  return [(a << 8) | b, (c << 8) | d];
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  for (const g of text.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    groups.push(parseInt(g, 16));
  }
  return groups;
}

function parseIPv6(text: string): Address | undefined {
  let body = text;
  const zone = body.indexOf('%');
  if (zone >= 0) body = body.slice(0, zone);
  let tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  if (body.includes('.', lastColon)) {
    const v4 = parseIPv4(body.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    body = body.slice(0, lastColon + 1);
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '');
  const rest = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (!head || !rest) return undefined;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 2 ? known > 7 : known !== 8) return undefined;
  return [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail];
}

function parseAddress(text: string): Address | undefined {
  const t = text.trim();
  return t.includes(':') ? parseIPv6(t) : parseIPv4(t);
}

/** Compiles `a.b.c.d/n` or `x:y::/n` into a test of address text; undefined when the range is malformed. */
export function compileCidr(range: string): ((value: string) => boolean) | undefined {
  const slash = range.indexOf('/');
  const network = parseAddress(slash < 0 ? range : range.slice(0, slash));
  if (!network) return undefined;
  const maxBits = network.length * 16;
  const prefixText = slash < 0 ? String(maxBits) : range.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > maxBits) return undefined;
  return (value) => {
    const address = parseAddress(value);
    if (!address || address.length !== network.length) return false;
    let bits = prefix;
    for (let i = 0; bits > 0; i++, bits -= 16) {
      const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
      if (((address[i] ?? 0) & mask) !== ((network[i] ?? 0) & mask)) return false;
    }
    return true;
  };
}
