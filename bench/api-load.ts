// The load generator of bench:api, in a process of its own so that autocannon's own work does not run on
// the server's event loop. Started by bench/api.ts with fork(); gets its job as JSON in argv[2] and sends
// the summary back over IPC. Can also be imported and run in-process (BENCH_API_LOADGEN=inprocess).
import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  token: string;
  body: string;
  connections: number;
  seconds: number;
}

export interface LoadSummary {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  meanMs: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** CPU time of the process that ran autocannon, ms. */
  cpuMs: number;
}

export async function runLoad(job: LoadJob): Promise<LoadSummary> {
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url: job.url,
    method: 'POST',
    connections: job.connections,
    duration: job.seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
    body: job.body,
  });
  const used = process.cpuUsage(cpu);
  const requests = result['2xx'] + result.non2xx;
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
  return {
    requests,
    seconds: result.duration,
    rps: requests / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    meanMs: result.latency.mean,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    cpuMs: (used.user + used.system) / 1000,
  };
}

// Started as a child: run the job, report, exit.
if (process.send && process.argv[2]) {
  const job = JSON.parse(process.argv[2]) as LoadJob;
  runLoad(job).then(
    (summary) => process.send!({ ok: true, summary }, () => process.exit(0)),
    (error) => process.send!({ ok: false, error: (error as Error).message }, () => process.exit(1)),
  );
}
