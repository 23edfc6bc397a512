/**
 * The HTTP side of the bench: a keep-alive client on node:http (no dependency, little overhead
 * per request, which matters when the client shares two cores with the server), closed-loop
 * workers for the intake, sequential timing for the reads, percentiles and the server's memory.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

export interface HttpResponse {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export class BenchClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly port: number,
    sockets = 64,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  request(
    method: string,
    path: string,
    options: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(options.body));
      }
      const request = http.request(
        { host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              headers: response.headers,
            }),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      if (options.body !== undefined) request.write(options.body);
      request.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface LatencySummary {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Requests per second over the measured period. */
  rate: number;
  seconds: number;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarise(latencies: number[], errors: number, seconds: number): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: latencies.length,
    errors,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    rate: latencies.length / seconds,
    seconds,
  };
}

/**
 * `concurrency` closed-loop clients, each sending its next request as soon as the previous one is
 * answered, for `durationSeconds`. Only answers with `expectedStatus` count as successes; the
 * first few error bodies are kept to explain a failure.
 */
export async function runClosedLoop(
  concurrency: number,
  durationSeconds: number,
  send: (sequence: number) => Promise<HttpResponse>,
  expectedStatus: number,
): Promise<LatencySummary & { sampleErrors: string[] }> {
  const latencies: number[] = [];
  const sampleErrors: string[] = [];
  let errors = 0;
  let sequence = 0;
  const started = performance.now();
  const deadline = started + durationSeconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const mine = sequence++;
      const sent = performance.now();
      try {
        const response = await send(mine);
        if (response.status === expectedStatus) latencies.push(performance.now() - sent);
        else {
          errors += 1;
          if (sampleErrors.length < 3) sampleErrors.push(`${response.status} ${response.body.slice(0, 300)}`);
        }
      } catch (error) {
        errors += 1;
        if (sampleErrors.length < 3) sampleErrors.push(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { ...summarise(latencies, errors, seconds), sampleErrors };
}

/** `count` requests one after the other (reads: the latency of one query, not of a queue). */
export async function runSequential(
  count: number,
  send: (sequence: number) => Promise<HttpResponse>,
  expectedStatus = 200,
): Promise<LatencySummary & { sampleErrors: string[] }> {
  const latencies: number[] = [];
  const sampleErrors: string[] = [];
  let errors = 0;
  const started = performance.now();
  for (let sequence = 0; sequence < count; sequence += 1) {
    const sent = performance.now();
    const response = await send(sequence);
    if (response.status === expectedStatus) latencies.push(performance.now() - sent);
    else {
      errors += 1;
      if (sampleErrors.length < 3) sampleErrors.push(`${response.status} ${response.body.slice(0, 300)}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { ...summarise(latencies, errors, seconds), sampleErrors };
}

/** VmRSS and VmHWM (peak) of a process, in MiB, from /proc (Linux). */
export function readMemory(pid: number): { rssMiB: number; peakMiB: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
    return { rssMiB: field('VmRSS'), peakMiB: field('VmHWM') };
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used so far, in milliseconds, from /proc (Linux). */
export function readCpuMilliseconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime and stime (fields 14 and 15)
    return (ticks * 1000) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const clockTicksPerSecond = 100;
