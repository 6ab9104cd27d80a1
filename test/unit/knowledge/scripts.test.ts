// The remediation scripts in server/knowledge are inserted into users' files, so every one must parse and
// follow the safety shape the knowledge base README promises: dry run by default, an elevation check,
// every change behind ShouldProcess (PowerShell) or %RUN% (cmd), backups before removal, and never catroot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');
const knowledgeRoot = join(repoRoot, 'server/knowledge');

/** The subset of a tree-sitter syntax node this test reads. */
interface SyntaxNode {
  type: string;
  isMissing: boolean;
  hasError: boolean;
  startPosition: { row: number; column: number };
  startIndex: number;
  endIndex: number;
  children: SyntaxNode[];
}
interface PowerShellParser {
  parse(source: string): { rootNode: SyntaxNode };
}

let parserPromise: Promise<PowerShellParser> | undefined;
/** tree-sitter and its PowerShell grammar are native modules imported dynamically: load them once, on first use. */
function powerShellParser(): Promise<PowerShellParser> {
  parserPromise ??= (async () => {
    const { default: Parser } = await import('tree-sitter');
    // The grammar package ships no type declarations; a non-literal specifier keeps tsc from resolving it.
    const grammarPackage = 'tree-sitter-powershell';
    const { default: PowerShell } = (await import(grammarPackage)) as { default: unknown };
    const parser = new Parser();
    parser.setLanguage(PowerShell as Parameters<typeof parser.setLanguage>[0]);
    return parser as unknown as PowerShellParser;
  })();
  return parserPromise;
}

function filesUnder(dir: string, extension: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return filesUnder(path, extension);
      return name.toLowerCase().endsWith(extension) ? [path] : [];
    });
}

/** Block scripts: every script in a rule folder (the preambles sit at the top of the knowledge folder). */
function blockScripts(extension: string): string[] {
  return filesUnder(knowledgeRoot, extension).filter((path) => relative(knowledgeRoot, path).includes(sep));
}

/** Every ERROR or MISSING node, as `file:line:column: ...` (1-based), in document order. */
function syntaxProblems(root: SyntaxNode, label: string): string[] {
  const problems: string[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.type === 'ERROR' || node.isMissing) {
      const { row, column } = node.startPosition;
      problems.push(`${label}:${row + 1}:${column + 1}: ${node.isMissing ? `missing ${node.type}` : 'syntax error'}`);
    }
    if (node.hasError || node.isMissing) node.children.forEach(visit);
  };
  visit(root);
  return problems;
}

/** The script's text with its comments blanked out, so checks read code rather than prose. */
function codeWithoutComments(root: SyntaxNode, source: string): string {
  const comments: SyntaxNode[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.type === 'comment') comments.push(node);
    else node.children.forEach(visit);
  };
  visit(root);
  let code = '';
  let at = 0;
  for (const comment of comments) {
    code += source.slice(at, comment.startIndex) + ' '.repeat(comment.endIndex - comment.startIndex);
    at = comment.endIndex;
  }
  return code + source.slice(at);
}

/** What a PowerShell block must contain besides valid syntax; one message per missing part. */
function powerShellBlockProblems(code: string, label: string): string[] {
  const problems: string[] = [];
  if (!/\[CmdletBinding\([^)]*\bSupportsShouldProcess\b/i.test(code)) {
    problems.push(`${label}: no [CmdletBinding(SupportsShouldProcess...)] function`);
  }
  // #Requires -RunAsAdministrator would not do: it blocks the unelevated dry run the blocks must allow.
  if (!/\.IsInRole\(\s*\[Security\.Principal\.WindowsBuiltInRole\]::Administrator\s*\)/i.test(code)) {
    problems.push(`${label}: no elevation check (WindowsPrincipal.IsInRole(Administrator))`);
  }
  if (!/\$PSCmdlet\.ShouldProcess\(/i.test(code)) problems.push(`${label}: no $PSCmdlet.ShouldProcess(...) call`);
  const catroot = /catroot(?!2)/i.exec(code);
  if (catroot) problems.push(`${label}: references catroot (only catroot2 may be touched) at offset ${catroot.index}`);
  return problems;
}

/** Commands that change the machine; a cmd block must prefix each with %RUN% so the dry run only prints it. */
const CHANGING_COMMANDS: ReadonlyMap<string, ReadonlySet<string> | 'always'> = new Map<string, ReadonlySet<string> | 'always'>([
  ['del', 'always'], ['erase', 'always'], ['rd', 'always'], ['rmdir', 'always'], ['ren', 'always'], ['rename', 'always'],
  ['move', 'always'], ['copy', 'always'], ['xcopy', 'always'], ['robocopy', 'always'], ['md', 'always'], ['mkdir', 'always'],
  ['attrib', 'always'], ['takeown', 'always'], ['icacls', 'always'], ['cacls', 'always'], ['regsvr32', 'always'],
  ['esentutl', 'always'], ['sfc', 'always'], ['dism', 'always'], ['proxycfg', 'always'],
  ['reg', new Set(['add', 'delete', 'import', 'restore', 'load', 'unload', 'copy', 'export', 'save'])],
  ['net', new Set(['stop', 'start', 'pause', 'continue', 'user', 'localgroup', 'share', 'use'])],
  ['sc', new Set(['config', 'stop', 'start', 'delete', 'create', 'failure', 'sdset', 'pause', 'continue'])],
  ['netsh', new Set(['set', 'import', 'reset', 'add', 'delete'])],
  ['certutil', new Set(['delete', '-addstore', '-delstore', '-syncwithwu', '-generatesstfromwu', '-setreg', '-delreg', '-repairstore'])],
  ['w32tm', new Set(['/resync', '/config', '/register', '/unregister'])],
]);
const REMOVING = new Set(['del', 'erase', 'rd', 'rmdir']);
const BACKING_UP = new Set(['ren', 'rename', 'move', 'copy', 'xcopy', 'robocopy']);

/** Splits one cmd line into command segments (at &, &&, ||, |, parentheses) of lower-cased tokens; quotes stay whole. */
function cmdSegments(line: string): string[][] {
  const segments: string[][] = [[]];
  const tokens = line.match(/"[^"]*"?|&&|\|\||[&|()]|[^\s&|()"]+/g) ?? [];
  for (const token of tokens) {
    if (/^(?:&&|\|\||[&|()])$/.test(token)) segments.push([]);
    else segments[segments.length - 1]?.push(token.toLowerCase().replace(/^@/, '').replace(/\.exe$/, ''));
  }
  return segments.filter((segment) => segment.length > 0);
}

/** The safety problems of one cmd block: unprefixed changing commands, removals without an earlier backup. */
function cmdBlockProblems(source: string, label: string): string[] {
  const problems: string[] = [];
  let backedUp = false;
  source.split(/\r?\n/).forEach((line, index) => {
    const where = `${label}:${index + 1}`;
    for (const segment of cmdSegments(line)) {
      const first = segment[0];
      if (first === 'rem' || first?.startsWith('::') || first === 'echo') break;
      segment.forEach((token, i) => {
        const rule = CHANGING_COMMANDS.get(token);
        if (rule === undefined) return;
        const rest = segment.slice(i + 1);
        if (rule !== 'always' && !rest.some((argument) => rule.has(argument))) return;
        if (segment[i - 1] !== '%run%') problems.push(`${where}: '${token}' changes the machine but is not prefixed with %RUN%`);
        if (REMOVING.has(token) && !backedUp) problems.push(`${where}: '${token}' removes files with no rename or backup before it`);
        if (BACKING_UP.has(token) || (token === 'reg' && rest.includes('export'))) backedUp = true;
      });
    }
  });
  return problems;
}

async function parsePowerShell(source: string): Promise<SyntaxNode> {
  return (await powerShellParser()).parse(source).rootNode;
}

const preambleFile = join(knowledgeRoot, 'preamble.ps1');

test('the knowledge base has PowerShell blocks and a PowerShell preamble to check', () => {
  assert.ok(blockScripts('.ps1').length > 0, `no .ps1 scripts under ${knowledgeRoot}`);
  assert.ok(statSync(preambleFile).isFile());
});

test('every .ps1 script and the preamble parse without ERROR or MISSING nodes', async () => {
  const problems: string[] = [];
  for (const file of [preambleFile, ...blockScripts('.ps1')]) {
    problems.push(...syntaxProblems(await parsePowerShell(readFileSync(file, 'utf8')), relative(repoRoot, file)));
  }
  assert.deepEqual(problems, []);
});

test('the preamble followed by every block, as one remediation file, parses', async () => {
  const parts = [preambleFile, ...blockScripts('.ps1')].map((file) => readFileSync(file, 'utf8').replace(/\s*$/, '\n'));
  const combined = parts.join('\n');
  const problems = syntaxProblems(await parsePowerShell(combined), 'preamble.ps1 + all blocks');
  assert.deepEqual(problems, []);
});

test('the preamble is a dry run unless -Apply is given', () => {
  const preamble = readFileSync(preambleFile, 'utf8');
  assert.match(preamble, /\[CmdletBinding\(\)\]\s*param\(\s*\[switch\]\$Apply\s*\)/);
  assert.match(preamble, /\$WhatIfPreference\s*=\s*-not\s+\$Apply/);
});

test('every .ps1 block has SupportsShouldProcess, an elevation check, a ShouldProcess call and no catroot', async () => {
  const problems: string[] = [];
  for (const file of blockScripts('.ps1')) {
    const source = readFileSync(file, 'utf8');
    const code = codeWithoutComments(await parsePowerShell(source), source);
    problems.push(...powerShellBlockProblems(code, relative(repoRoot, file)));
  }
  assert.deepEqual(problems, []);
});

test('every .cmd block prefixes changes with %RUN% and backs up before removing', () => {
  const problems: string[] = [];
  for (const file of blockScripts('.cmd')) {
    problems.push(...cmdBlockProblems(readFileSync(file, 'utf8'), relative(repoRoot, file)));
  }
  assert.deepEqual(problems, []);
});

test('the cmd preamble sets RUN for a dry run unless /apply and checks elevation', () => {
  const preamble = readFileSync(join(knowledgeRoot, 'preamble.cmd'), 'utf8');
  assert.match(preamble, /^@echo off/);
  assert.match(preamble, /set "RUN=echo \[dry run\]"/);
  assert.match(preamble, /if \/i "%~1"=="\/apply" set "RUN="/);
  assert.match(preamble, /net session >nul 2>&1/);
});

test('scripts that share a file name in different rule folders are byte-identical copies', () => {
  const byName = new Map<string, { file: string; text: string }>();
  const problems: string[] = [];
  for (const file of [...blockScripts('.ps1'), ...blockScripts('.cmd')]) {
    const name = basename(file);
    const text = readFileSync(file, 'utf8');
    const first = byName.get(name);
    if (first === undefined) byName.set(name, { file, text });
    else if (first.text !== text) problems.push(`${relative(repoRoot, file)} differs from ${relative(repoRoot, first.file)}`);
  }
  assert.deepEqual(problems, []);
});

test('different PowerShell blocks define different function names, so one remediation file can hold them all', () => {
  const owner = new Map<string, { name: string; text: string }>();
  const problems: string[] = [];
  for (const file of blockScripts('.ps1')) {
    const name = basename(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^function\s+([\w-]+)/gim)) {
      const functionName = (match[1] ?? '').toLowerCase();
      const first = owner.get(functionName);
      if (first === undefined) owner.set(functionName, { name, text });
      else if (first.text !== text) problems.push(`${relative(repoRoot, file)} redefines ${match[1]} from ${first.name}`);
    }
  }
  assert.deepEqual(problems, []);
});

// The checks above must be able to fail: each runs here on a deliberately broken snippet.

test('a broken PowerShell snippet is reported with its line and column', async () => {
  const broken = 'function Test-Broken {\n  if ($a -eq ) {\n    Write-Host "x"\n  }\n';
  const problems = syntaxProblems(await parsePowerShell(broken), 'broken.ps1');
  assert.ok(problems.includes('broken.ps1:2:14: syntax error'), problems.join('\n'));
  const unclosed = syntaxProblems(await parsePowerShell('function x { if ($a -eq ) { }'), 'unclosed.ps1');
  assert.ok(unclosed.some((p) => /^unclosed\.ps1:1:\d+: missing \}$/.test(p)), unclosed.join('\n'));
});

test('a PowerShell block without the safety parts is reported once per missing part', async () => {
  const unsafe = "# touches catroot2 only, says the comment\nfunction Remove-Things {\n  param()\n  Remove-Item \"$env:windir\\System32\\catroot\\x\"\n}\n";
  const code = codeWithoutComments(await parsePowerShell(unsafe), unsafe);
  assert.deepEqual(powerShellBlockProblems(code, 'unsafe.ps1'), [
    'unsafe.ps1: no [CmdletBinding(SupportsShouldProcess...)] function',
    'unsafe.ps1: no elevation check (WindowsPrincipal.IsInRole(Administrator))',
    'unsafe.ps1: no $PSCmdlet.ShouldProcess(...) call',
    `unsafe.ps1: references catroot (only catroot2 may be touched) at offset ${unsafe.indexOf('catroot\\x')}`,
  ]);
});

test('catroot in a comment is not a reference, catroot2 in code is allowed', async () => {
  const safe = [
    '# Never touch catroot: Windows rebuilds catroot2 only.',
    'function Reset-Catalog {',
    "  [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')] param()",
    '  $p = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()',
    '  if (-not $p.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) { throw "elevate" }',
    "  if ($PSCmdlet.ShouldProcess('catroot2', 'rename')) { Rename-Item \"$env:windir\\System32\\catroot2\" catroot2.bak }",
    '}',
  ].join('\n');
  const root = await parsePowerShell(safe);
  assert.deepEqual(syntaxProblems(root, 'safe.ps1'), []);
  assert.deepEqual(powerShellBlockProblems(codeWithoutComments(root, safe), 'safe.ps1'), []);
});

test('cmd lines that change without %RUN%, or delete before any backup, are reported', () => {
  const block = [
    'rem del is fine in a comment',
    'echo del is fine in an echo',
    'sc query cryptsvc',
    'net stop cryptsvc',
    '%RUN% del /q "%windir%\\System32\\catroot2\\edb*.log"',
    '%RUN% ren "%windir%\\System32\\catroot2" catroot2.bak',
    'if exist x (%RUN% rd /s /q x) & netsh winhttp set proxy p:8080',
    'netsh winhttp show proxy',
    'certutil -urlcache * delete',
  ].join('\r\n');
  assert.deepEqual(cmdBlockProblems(block, 'b.cmd'), [
    "b.cmd:4: 'net' changes the machine but is not prefixed with %RUN%",
    "b.cmd:5: 'del' removes files with no rename or backup before it",
    "b.cmd:7: 'netsh' changes the machine but is not prefixed with %RUN%",
    "b.cmd:9: 'certutil' changes the machine but is not prefixed with %RUN%",
  ]);
});
