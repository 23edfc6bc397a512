/**
 * Writes the results of a bench run into bench/BENCHMARKS.md: each database has its own section
 * between markers, replaced by the next run on that database, so the hand-written notes around
 * them stay and a PGlite-only run leaves the PostgreSQL results in place.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import type { LatencySummary } from './http-load';
import type { LoadResult } from './load';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  date: string;
  loadAverage: string;
}

export type DatabaseResult =
  | { kind: string; skipped: string }
  | {
      kind: string;
      version: string;
      load: LoadResult;
      /** `serverCpuMs`: CPU time of the server process per accepted request. */
      intake: LatencySummary & { sampleErrors: string[]; serverCpuMs: number };
      /** The bare write ceiling on the same database in the same run (bench/ceiling-server.ts). */
      ceiling: LatencySummary & { sampleErrors: string[] };
      queuePage1: LatencySummary | null;
      queuePage50: LatencySummary | null;
      page50Items: number;
      search: LatencySummary | null;
      averageHits: number;
      /** The search terms with the slowest median. */
      slowestTerms: { term: string; p50: number; total: number }[];
      /** The machine when this database's measures started (the load average changes). */
      machine: Machine;
      tracking: LatencySummary & { sampleErrors: string[] };
      memory: { startMiB: number; peakMiB: number; endMiB: number };
    };

export const targets = {
  /** Requests/s on PostgreSQL; PGlite runs the database inside the server's process. */
  intakeRate: { postgres: 1000, pglite: 400 } as Record<string, number>,
  /** The intake's share of the bare write ceiling measured in the same run. */
  intakeCeilingShare: 0.4,
  queueP95: 20,
  searchP95: 50,
  trackingP95: 10,
};

export const benchmarksFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'BENCHMARKS.md');

export function describeMachine(): Machine {
  const cpuInfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  let cores = os.cpus().length;
  try {
    cores = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || cores;
  } catch {
    // nproc is missing outside Linux: os.cpus() will do.
  }
  return {
    cpu,
    cores,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    loadAverage: os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(' / '),
  };
}

const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(1);
const pass = (ok: boolean) => (ok ? '✅ pass' : '❌ fail');

function latencyRow(name: string, result: LatencySummary | null, target: string, ok: boolean | null): string {
  if (!result) return `| ${name} | – | – | – | – | – | ${target} | not measured (route missing) |`;
  return `| ${name} | ${result.count} | ${ms(result.p50)} | ${ms(result.p95)} | ${ms(result.p99)} | ${result.errors} | ${target} | ${ok === null ? '' : pass(ok)} |`;
}

function section(
  machine: Machine,
  args: { requests: number; intakeSeconds: number; concurrency: number },
  result: DatabaseResult,
): string {
  if ('skipped' in result) return `### ${result.kind}\n\n${machine.date}: ${result.skipped}.\n`;
  // The machine as it was when this database's measures started (not when the bench started).
  machine = result.machine;
  const { load, intake, tracking, ceiling } = result;
  const intakeTarget = targets.intakeRate[result.kind] ?? targets.intakeRate.postgres!;
  const share = ceiling.rate > 0 ? intake.rate / ceiling.rate : Number.NaN;
  const shareTarget = result.kind === 'postgres' ? targets.intakeCeilingShare : null;
  // Each page is judged on its own p95 (the target holds for both).
  const queueOk = (page: LatencySummary | null) => (page ? page.p95 <= targets.queueP95 : null);
  return [
    `### ${result.kind} — ${result.version}`,
    '',
    `Measured from ${machine.date} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; ` +
      `load average then ${machine.loadAverage}.`,
    '',
    `Data: ${load.requests.toLocaleString('en')} requests, ${load.events.toLocaleString('en')} timeline events, ` +
      `${load.citizens.toLocaleString('en')} citizen accounts; ` +
      (Number.isNaN(load.seconds)
        ? 'a town kept by an earlier run (`--reuse`), with the requests of earlier intakes. '
        : `loaded in ${load.seconds.toFixed(0)} s ` +
          `(${Math.round(load.requests / load.seconds).toLocaleString('en')} requests/s, indexes and ANALYZE included). `) +
      `Voirie had ${load.openVoirie.toLocaleString('en')} open requests after the load (the intake phase adds more ` +
      `before the queue is read); page 50 held ${result.page50Items} items.`,
    '',
    '| measure | requests | p50 ms | p95 ms | p99 ms | errors | target | result |',
    '|---|---:|---:|---:|---:|---:|---|---|',
    `| intake, ${args.concurrency} clients, ${intake.seconds.toFixed(0)} s, worker on: **${intake.rate.toFixed(0)} req/s** | ${intake.count} | ${ms(intake.p50)} | ${ms(intake.p95)} | ${ms(intake.p99)} | ${intake.errors} | ≥ ${intakeTarget} req/s | ${pass(intake.rate >= intakeTarget && intake.errors === 0)} |`,
    `| bare write ceiling, same clients and time: ${ceiling.rate.toFixed(0)} req/s | ${ceiling.count} | ${ms(ceiling.p50)} | ${ms(ceiling.p95)} | ${ms(ceiling.p99)} | ${ceiling.errors} | | |`,
    `| intake ÷ ceiling: **${Number.isFinite(share) ? (share * 100).toFixed(0) : '–'} %** | | | | | | ${shareTarget === null ? '' : `≥ ${shareTarget * 100} %`} | ${shareTarget === null ? '' : pass(share >= shareTarget)} |`,
    latencyRow(
      'queue Voirie by due date, page 1',
      result.queuePage1,
      `p95 ≤ ${targets.queueP95} ms`,
      queueOk(result.queuePage1),
    ),
    latencyRow(
      'queue Voirie by due date, page 50',
      result.queuePage50,
      `p95 ≤ ${targets.queueP95} ms`,
      queueOk(result.queuePage50),
    ),
    latencyRow(
      `search (status=all), ${result.averageHits.toFixed(0)} hits on average`,
      result.search,
      `p95 ≤ ${targets.searchP95} ms`,
      result.search ? result.search.p95 <= targets.searchP95 : null,
    ),
    latencyRow(
      'tracking page',
      tracking,
      `p95 ≤ ${targets.trackingP95} ms`,
      tracking.p95 <= targets.trackingP95,
    ),
    '',
    ...(result.slowestTerms.length > 0
      ? [
          `Slowest search terms (median): ${result.slowestTerms
            .map((entry) => `« ${entry.term} » ${ms(entry.p50)} ms (total ${entry.total})`)
            .join(', ')}.`,
          '',
        ]
      : []),
    `Intake CPU: the server process used ${ms(intake.serverCpuMs)} ms of CPU per accepted request ` +
      `(≈ ${Number.isFinite(intake.serverCpuMs) ? Math.round(1000 / intake.serverCpuMs).toLocaleString('en') : '–'} requests/s for one core given to Node alone` +
      `${result.kind === 'pglite' ? ', PGlite included: it runs inside that process' : ', PostgreSQL’s own CPU not included'}).`,
    '',
    `Server memory (RSS): ${result.memory.startMiB.toFixed(0)} MiB after start, peak ${result.memory.peakMiB.toFixed(0)} MiB, ` +
      `${result.memory.endMiB.toFixed(0)} MiB after the run.`,
    ...(intake.sampleErrors.length > 0
      ? ['', `Intake errors (first ones): ${intake.sampleErrors.join(' · ')}`]
      : []),
    '',
  ].join('\n');
}

const template = `# Benchmarks

Results of \`npm run bench\` (see "How it works" below). Each database's section is rewritten by the
next run on that database.

## Results

<!-- results:pglite:start -->
<!-- results:pglite:end -->

<!-- results:postgres:start -->
<!-- results:postgres:end -->
`;

/** One section between `<!-- results:<name>:start -->` and its end marker: replaced, or appended. */
export interface ReportSection {
  name: string;
  markdown: string;
  /** A skipped run keeps the results of the last one when there are some. */
  skipped?: boolean;
}

export async function writeReport(input: {
  machine: Machine;
  args: { requests: number; intakeSeconds: number; concurrency: number };
  results: DatabaseResult[];
  extraSections?: ReportSection[];
}): Promise<string> {
  let text = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : template;
  const sections: ReportSection[] = [
    ...input.results.map((result) => ({
      name: result.kind,
      markdown: section(input.machine, input.args, result),
      skipped: 'skipped' in result,
    })),
    ...(input.extraSections ?? []),
  ];
  for (const entry of sections) {
    const start = `<!-- results:${entry.name}:start -->`;
    const end = `<!-- results:${entry.name}:end -->`;
    const body = `${start}\n${entry.markdown}${end}`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (entry.skipped && from >= 0 && to > from + start.length + 1) continue;
    text =
      from >= 0 && to > from
        ? text.slice(0, from) + body + text.slice(to + end.length)
        : `${text.trimEnd()}\n\n${body}\n`;
  }
  // Aligned tables read better as plain text; the results matter more than the layout, though.
  try {
    const options = (await resolveConfig(benchmarksFile)) ?? {};
    text = await format(text, { ...options, parser: 'markdown' });
  } catch (error) {
    console.warn(`BENCHMARKS.md left unformatted: ${String(error)}`);
  }
  writeFileSync(benchmarksFile, text);
  return benchmarksFile;
}
