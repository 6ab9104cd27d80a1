// Prints the bench table and the goals, each met or not, from the measured rows.

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/** The rows side by side: per shape and size, our parse + rules next to the parse-only baselines. */
export function printTable(rows, lsp) {
  const header = ['shape', 'MB', 'tool', 'events', 'findings', 'CPU ms', 'wall ms', 'MB/s', 'events/s', 'peak RSS MB'];
  const lines = rows.map((r) =>
    r.failed
      ? [r.shape, String(r.mb), r.tool, 'failed', '', '', '', '', '', '']
      : [r.shape, String(r.mb), r.tool, String(r.events), r.findings === undefined ? '' : String(r.findings), fmt(r.cpuMs), fmt(r.wallMs), fmt(r.mbPerSecond, 1), fmt(r.eventsPerSecond), fmt(r.maxRssMb)],
  );
  console.log('\nThroughput (MB/s and events/s from CPU time, best of the repetitions; peak RSS per fresh process)');
  printColumns(header, lines);
  const growth = growthRows(rows);
  if (growth.length > 0) {
    console.log('\nGrowth with size (largest size / the size before it)');
    printColumns(['shape', 'tool', 'sizes', 'CPU time ratio', 'peak RSS ratio'], growth.map((g) => [g.shape, g.tool, g.sizes, fmt(g.time, 2), fmt(g.memory, 2)]));
  }
  if (lsp.length > 0) {
    console.log('\nLanguage server (XML documents; ms, server RSS MB)');
    printColumns(
      ['MB', 'open->diagnostics', '(server CPU)', 'hover p50', 'hover p95', 'action p50', 'action p95', 'edit->diagnostics', '(server CPU)', 'diagnostics', 'RSS MB', 'peak RSS MB'],
      lsp.map((l) =>
        l.failed
          ? [String(l.mb), 'failed']
          : [String(l.mb), fmt(l.openMs), fmt(l.openCpuMs), fmt(l.hoverP50, 1), fmt(l.hoverP95, 1), fmt(l.codeActionP50, 1), fmt(l.codeActionP95, 1), fmt(l.editMs), fmt(l.editCpuMs), String(l.diagnostics), fmt(l.serverRssKb / 1024), fmt(l.serverPeakRssKb / 1024)],
      ),
    );
  }
}

/** CPU time and peak memory of the largest size over the size before it, per shape and tool. */
export function growthRows(rows) {
  const out = [];
  const keys = new Set(rows.map((r) => `${r.shape}|${r.tool}`));
  for (const key of keys) {
    const [shape, tool] = key.split('|');
    const sized = rows.filter((r) => r.shape === shape && r.tool === tool && !r.failed).sort((a, b) => a.mb - b.mb);
    const big = sized.at(-1);
    const before = sized.at(-2);
    if (!big || !before) continue;
    out.push({ shape, tool, sizes: `${big.mb}/${before.mb}`, time: big.cpuMs / before.cpuMs, memory: big.maxRssMb / before.maxRssMb });
  }
  return out;
}

function printColumns(header, lines) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (cells) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  console.log(row(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(row(l));
}

/** The goals, each with its number and whether it is met. */
export function printGoals(rows, lsp) {
  const ok = (met) => (met ? 'met' : 'NOT met');
  const largest = (shape, tool) => rows.filter((r) => r.shape === shape && r.tool === tool && !r.failed).sort((a, b) => b.mb - a.mb)[0];
  const lines = [];
  const xml = largest('xml', 'ours');
  const fxp = largest('xml', 'fast-xml-parser');
  const ours = fxp && rows.find((r) => r.shape === 'xml' && r.tool === 'ours' && r.mb === fxp.mb && !r.failed);
  if (xml) lines.push(`XML parse + rules >= 150 MB/s: ${fmt(xml.mbPerSecond, 1)} MB/s at ${xml.mb} MB: ${ok(xml.mbPerSecond >= 150)}`);
  if (ours && fxp) lines.push(`XML >= 3x fast-xml-parser parse only: ${fmt(fxp.cpuMs / ours.cpuMs, 1)}x at ${ours.mb} MB: ${ok(fxp.cpuMs / ours.cpuMs >= 3)}`);
  for (const shape of ['tab-text', 'wevtutil-text']) {
    const text = largest(shape, 'ours');
    if (text) lines.push(`${shape} parse + rules >= 100 MB/s: ${fmt(text.mbPerSecond, 1)} MB/s at ${text.mb} MB: ${ok(text.mbPerSecond >= 100)}`);
  }
  for (const g of growthRows(rows).filter((g) => g.tool === 'ours' && g.sizes === '200/50')) {
    lines.push(`${g.shape} linear growth (200 MB <= 4.4x 50 MB): time ${fmt(g.time, 2)}x, memory ${fmt(g.memory, 2)}x: ${ok(g.time <= 4.4 && g.memory <= 4.4)}`);
  }
  const l50 = lsp.find((l) => l.mb === 50 && !l.failed) ?? lsp.find((l) => !l.failed);
  if (l50) {
    const size = `${l50.mb} MB`;
    lines.push(`${size}: diagnostics within 1.5 s of opening: ${fmt(l50.openMs)} ms wall (${fmt(l50.openCpuMs)} ms server CPU): ${ok(l50.openMs <= 1500)}`);
    lines.push(`${size}: hover and code action p95 < 20 ms: ${fmt(l50.hoverP95, 1)} / ${fmt(l50.codeActionP95, 1)} ms: ${ok(l50.hoverP95 < 20 && l50.codeActionP95 < 20)}`);
    lines.push(`${size}: fresh diagnostics within 150 ms of an edit: median ${fmt(l50.editMs)} ms, p95 ${fmt(l50.editP95)} ms wall of 10 edits (${fmt(l50.editCpuMs)} ms server CPU each): ${ok(l50.editMs <= 150)}`);
    const ratio = (l50.serverPeakRssKb * 1024) / l50.bytes;
    lines.push(`${size}: server memory < 4x the document: peak ${fmt(ratio, 1)}x: ${ok(ratio < 4)}`);
  }
  console.log('\nGoals');
  for (const line of lines) console.log(`- ${line}`);
}
