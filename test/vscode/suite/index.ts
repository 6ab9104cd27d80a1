// Entry point VS Code's extension host calls (extensionTestsPath): runs the bundled mocha suites beside this file.
// When EVENTLOG_DOCTOR_TEST_RESULTS names a file, a JSON summary is also written there (for hosts whose exit code
// does not reach the caller, such as code-server).
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface Summary {
  passed: string[];
  failed: { title: string; error: string }[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, file));
  const summary: Summary = { passed: [], failed: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const target = process.env.EVENTLOG_DOCTOR_TEST_RESULTS;
      if (target) writeFileSync(target, `${JSON.stringify(summary, null, 2)}\n`);
      if (failures > 0) reject(new Error(`${failures} in-editor test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => summary.passed.push(test.fullTitle()));
    runner.on('fail', (test, error: unknown) => {
      summary.failed.push({ title: test.fullTitle(), error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    });
  });
}
