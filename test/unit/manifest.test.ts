import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadBuiltinRules } from '../../server/src/rules/catalog';

const repoRoot = path.resolve(__dirname, '../..');

interface Grammar {
  scopeName: string;
  patterns: GrammarRule[];
  repository: Record<string, GrammarRule>;
}

interface GrammarRule {
  include?: string;
  match?: string;
  begin?: string;
  end?: string;
  name?: string;
  patterns?: GrammarRule[];
  captures?: Record<string, { name?: string }>;
  beginCaptures?: Record<string, { name?: string }>;
}

interface RuleProperty {
  enum?: string[];
  markdownDescription?: string;
}

interface Manifest {
  main: string;
  bin: Record<string, string>;
  activationEvents: string[];
  contributes: {
    languages: { id: string; firstLine?: string; configuration?: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    configuration: { properties: Record<string, { default?: unknown; enum?: string[]; properties?: Record<string, RuleProperty>; additionalProperties?: { enum?: string[] } }> };
    commands: { command: string; title: string; category?: string }[];
  };
}

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const SEVERITY_SETTINGS = ['off', 'hint', 'information', 'warning', 'error'];

function readJson<T>(relative: string): T {
  return JSON.parse(readFileSync(path.join(repoRoot, relative), 'utf8')) as T;
}

function firstLine(language: string): RegExp {
  const source = manifest.contributes.languages.find((l) => l.id === language)?.firstLine;
  assert.ok(source, `language ${language} has a firstLine`);
  return new RegExp(source);
}

describe('package.json contributions', () => {
  it('lists exactly the built-in rules under eventlogDoctor.rules, each with its default severity', () => {
    const rules = manifest.contributes.configuration.properties['eventlogDoctor.rules'];
    const properties: Record<string, RuleProperty> = rules?.properties ?? {};
    const builtin = loadBuiltinRules();
    assert.deepEqual(Object.keys(properties).sort(), builtin.map((r) => r.doc.id).sort());
    for (const rule of builtin) {
      const property: RuleProperty | undefined = properties[rule.doc.id];
      assert.deepEqual(property?.enum, SEVERITY_SETTINGS, rule.doc.id);
      assert.ok(property?.markdownDescription?.endsWith(`Default: \`${rule.doc.severity}\`.`), `${rule.doc.id}: description names default ${rule.doc.severity}`);
    }
    assert.deepEqual(rules?.additionalProperties?.enum, SEVERITY_SETTINGS);
  });

  it('declares the settings the server reads, with their defaults', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.equal(properties['eventlogDoctor.enable']?.default, true);
    assert.equal(properties['eventlogDoctor.maxDiagnostics']?.default, 1000);
    assert.equal(properties['eventlogDoctor.scriptFolder']?.default, '');
    assert.deepEqual(properties['eventlogDoctor.trace.server']?.enum, ['off', 'messages', 'verbose']);
  });

  it('references grammar and language configuration files that exist and are JSON', () => {
    for (const grammar of manifest.contributes.grammars) {
      assert.ok(existsSync(path.join(repoRoot, grammar.path)), `${grammar.path} exists`);
      assert.equal(readJson<Grammar>(grammar.path).scopeName, grammar.scopeName, grammar.path);
      assert.ok(manifest.contributes.languages.some((l) => l.id === grammar.language), `${grammar.language} is a contributed language`);
    }
    assert.deepEqual(manifest.contributes.grammars.map((g) => g.scopeName).sort(), ['source.eventlog-text', 'source.eventlog-xml']);
    for (const language of manifest.contributes.languages) {
      if (language.configuration) readJson<unknown>(language.configuration);
      assert.ok(manifest.activationEvents.includes(`onLanguage:${language.id}`), `activates on ${language.id}`);
    }
  });

  it('gives every command the extension category', () => {
    assert.ok(manifest.contributes.commands.length > 0);
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'Event Log Doctor', command.command);
      assert.match(command.command, /^eventlogDoctor\./);
    }
  });

  it('points main and bin at the bundles esbuild writes', () => {
    const build = readFileSync(path.join(repoRoot, 'esbuild.mjs'), 'utf8');
    assert.ok(build.includes(`outfile: '${manifest.main.replace(/^\.\//, '')}'`), manifest.main);
    const cli = manifest.bin['eventlog-doctor'];
    assert.ok(cli && build.includes(`outfile: '${cli.replace(/^\.\//, '')}'`), cli);
  });
});

describe('firstLine detection', () => {
  const pom = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '\uFEFF<?xml version="1.0" encoding="utf-8"?>',
  ];

  it('recognises XML event log exports', () => {
    const xml = firstLine('eventlog-xml');
    for (const line of [
      `<?xml version="1.0" encoding="utf-8" standalone="yes"?><Events><Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>`,
      `\uFEFF<?xml version="1.0" encoding="utf-8" standalone="yes"?><Events><Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>`,
      `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Service Control Manager'/>`,
      '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Eventlog"',
      '<?xml version="1.1" encoding="utf-8" standalone="yes" ?>',
      '<Events>',
      'evtxexport 20181227',
    ]) {
      assert.ok(xml.test(line), line);
    }
    for (const line of [...pom, '<Event xmlns="urn:example">', '<EventList>']) assert.ok(!xml.test(line), line);
  });

  it('recognises text event log exports', () => {
    const text = firstLine('eventlog-text');
    for (const line of [
      'Level\tDate and Time\tSource\tEvent ID\tTask Category',
      '\uFEFFLevel\tDate and Time\tSource\tEvent ID\tTask Category',
      'Level,Date and Time,Source,Event ID,Task Category',
      'Log Name:      Application',
      'Event[0]:',
      'Event Type:\tError',
      '"Message","Id","Version","Qualifiers","Level","Task","Opcode"',
      '#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord',
      '#TYPE Selected.System.Diagnostics.Eventing.Reader.EventLogRecord',
    ]) {
      assert.ok(text.test(line), line);
    }
    for (const line of [...pom, 'Level 3 complete', 'name,value', '2024-01-01 12:00:00 INFO started']) assert.ok(!text.test(line), line);
  });
});

describe('eventlog-xml grammar', () => {
  const grammar = readJson<Grammar>('syntaxes/eventlog-xml.tmLanguage.json');

  /** The top-level rules in the order TextMate tries them, includes expanded. */
  function topLevelRules(rules: GrammarRule[]): GrammarRule[] {
    return rules.flatMap((rule) => {
      if (rule.include?.startsWith('#')) {
        const target = grammar.repository[rule.include.slice(1)];
        assert.ok(target, `${rule.include} exists`);
        return target.match || target.begin ? [target] : topLevelRules(target.patterns ?? []);
      }
      return rule.patterns && !rule.match && !rule.begin ? topLevelRules(rule.patterns) : [rule];
    });
  }

  /** The scope the first rule matching at the start of `line` gives to the capture whose text is `text`. */
  function scopeAt(line: string, text: string): string | undefined {
    for (const rule of topLevelRules(grammar.patterns)) {
      const source = rule.match ?? rule.begin;
      assert.ok(source);
      const match = new RegExp(source, 'y').exec(line);
      if (!match) continue;
      const captures = rule.captures ?? rule.beginCaptures ?? {};
      for (const [group, capture] of Object.entries(captures)) {
        if (match[Number(group)] === text && capture.name) return capture.name;
      }
      return rule.name;
    }
    return undefined;
  }

  it('compiles every regular expression', () => {
    const visit = (rule: GrammarRule) => {
      for (const source of [rule.match, rule.begin, rule.end]) if (source !== undefined) assert.doesNotThrow(() => new RegExp(source), source);
      for (const child of rule.patterns ?? []) visit(child);
    };
    grammar.patterns.forEach(visit);
    Object.values(grammar.repository).forEach(visit);
  });

  it('colours levels by severity', () => {
    assert.equal(scopeAt('<Level>1</Level>', '1'), 'invalid.illegal.level.critical.eventlog-xml');
    assert.equal(scopeAt('<Level>2</Level>', '2'), 'markup.deleted.level.error.eventlog-xml');
    assert.equal(scopeAt('<Level>Error</Level>', 'Error'), 'markup.deleted.level.error.eventlog-xml');
    assert.equal(scopeAt('<Level>3</Level>', '3'), 'markup.changed.level.warning.eventlog-xml');
    assert.equal(scopeAt('<Level>4</Level>', '4'), 'markup.inserted.level.information.eventlog-xml');
    assert.equal(scopeAt('<Level>12</Level>', 'Level'), 'entity.name.tag.system.eventlog-xml');
  });

  it('scopes event boundaries, System values and EventData names', () => {
    assert.equal(scopeAt(`<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>`, 'Event'), 'entity.name.tag.event.eventlog-xml');
    assert.equal(scopeAt('</Event>', 'Event'), 'entity.name.tag.event.eventlog-xml');
    assert.equal(scopeAt(`<EventID Qualifiers='49152'>7000</EventID>`, '7000'), 'constant.numeric.event-id.eventlog-xml');
    assert.equal(scopeAt('<Computer>SERVER1</Computer>', 'SERVER1'), 'string.unquoted.system-value.eventlog-xml');
    assert.equal(scopeAt(`<Data Name='param1'>Cryptographic Services</Data>`, 'Data'), 'entity.name.tag.data.eventlog-xml');
    assert.equal(scopeAt('<Events>', 'Events'), 'entity.name.tag.events.eventlog-xml');
    const dataName = grammar.repository['data-name'];
    assert.ok(dataName?.match);
    const match = new RegExp(dataName.match).exec(`Name='param1'`);
    assert.equal(match?.[4], 'param1');
    assert.equal(dataName.captures?.['4']?.name, 'variable.other.data-name.eventlog-xml');
  });
});
