/** Runs `web-ext lint` on the Firefox build and fails on any error (warnings are printed). */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: Array<{ code: string; message: string; file?: string }>;
  warnings: Array<{ code: string; message: string; file?: string }>;
}

const dir = resolve(import.meta.dirname, '../extension/firefox');
if (!existsSync(dir)) throw new Error('extension/firefox is not built: run `npm run build` first.');
let output: string;
try {
  output = execFileSync(
    'npx',
    ['web-ext', 'lint', '--source-dir', dir, '--output', 'json', '--no-input', '--self-hosted'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
} catch (error) {
  output = (error as { stdout?: string }).stdout ?? '';
}
const report = JSON.parse(output.slice(output.indexOf('{'))) as LintReport;
for (const w of report.warnings)
  console.log(`web-ext lint warning ${w.code}: ${w.message} (${w.file ?? ''})`);
for (const e of report.errors)
  console.log(`web-ext lint ERROR ${e.code}: ${e.message} (${e.file ?? ''})`);
console.log(`web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings`);
if (report.summary.errors > 0) process.exit(1);
