/**
 * The bench's results: one row per measured figure, grouped by benchmark, written as
 * bench/results.json (machine-readable) and bench/results.md (the Markdown table the README's
 * Performance section is generated from).
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { round, type Summary } from './stats';

export interface Row {
  /** What was measured, in words ("time to first token, ours (warm tokens)"). */
  metric: string;
  /** The figure: a summary of runs, or a single number. */
  value: Summary | number | string;
  unit: string;
  /** How this compares: "ours/floor 1.05", or notes on how it was measured. */
  note?: string;
}

export interface Section {
  id: string;
  title: string;
  rows: Row[];
  /** Set when the benchmark could not run (a missing piece), with the reason. */
  skipped?: string;
  /** How it was measured, for the reader of the table. */
  method?: string;
  /** A correctness check the bench made (e.g. parser outputs identical); false fails the run. */
  checks?: Array<{ name: string; ok: boolean; detail?: string }>;
}

export interface Results {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  sections: Section[];
}

export function machine(): Results['machine'] {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
  };
}

function isSummary(value: Row['value']): value is Summary {
  return typeof value === 'object';
}

function cell(value: Row['value'], unit: string): string {
  if (isSummary(value)) {
    const digits = value.median < 10 ? 2 : 1;
    return `${round(value.median, digits)} ${unit} (p95 ${round(value.p95, digits)}, n=${value.runs})`;
  }
  if (typeof value === 'number') return `${round(value, value < 10 ? 2 : 1)} ${unit}`.trim();
  return value;
}

const escape = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** One Markdown table per benchmark: metric, median (p95, runs), comparison. */
export function toMarkdown(results: Results): string {
  const lines: string[] = [
    `Measured ${results.finishedAt.slice(0, 16).replace('T', ' ')} UTC on ${results.machine.cpus} × ${results.machine.cpuModel}, ` +
      `${results.machine.memoryGb} GB, Node ${results.machine.node}. Median (p95, runs); shared, noisy machine.`,
    '',
  ];
  for (const section of results.sections) {
    lines.push(`### ${section.title}`, '');
    if (section.method) lines.push(section.method, '');
    if (section.skipped) {
      lines.push(`Not measured: ${section.skipped}`, '');
      continue;
    }
    lines.push('| metric | median (p95, runs) | comparison |', '|---|---|---|');
    for (const row of section.rows) {
      lines.push(
        `| ${escape(row.metric)} | ${escape(cell(row.value, row.unit))} | ${escape(row.note ?? '')} |`,
      );
    }
    for (const check of section.checks ?? []) {
      lines.push(
        `| check: ${escape(check.name)} | ${check.ok ? 'ok' : '**FAILED**'} | ${escape(check.detail ?? '')} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function writeResults(results: Results, jsonFile: string, markdownFile: string): void {
  writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(markdownFile, `${toMarkdown(results)}\n`);
}
