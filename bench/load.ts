/**
 * Bounded load run (issue 9): 50 connections for 60 s on loopback against a running server
 * (BENCH_URL, default http://127.0.0.1:8787) over a mix of measures × levels × areas, regions and
 * layers, plus logins with wrong passwords; /api/health is timed separately during the run.
 * Reports requests/s, p50/p99, errors, timeouts, 503s (Retry-After on them is checked by tests/server/http) and health latency.
 * Usage: npx tsx bench/load.ts  (BENCH_CONNECTIONS, BENCH_SECONDS to change the load; bounded to 200 and 300)
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const base = process.env.BENCH_URL ?? 'http://127.0.0.1:8787';
if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(base)) throw new Error('BENCH_URL must be a loopback address');
const connections = Math.min(200, Number(process.env.BENCH_CONNECTIONS ?? 50));
const duration = Math.min(300, Number(process.env.BENCH_SECONDS ?? 60));

const measures = ['spend_rate', 'start_rate', 'completion_rate', 'pv_registration', 'measure_coverage', 'households'];
const areas = [
  { level: 'county', parent: '4114' },
  { level: 'township', parent: '4114' },
  { level: 'village', parent: '4114' },
  { level: 'township', parent: '411421' },
  { level: 'village', parent: '411421' },
  { level: 'village', parent: '411481' },
];
const gets = [
  ...measures.flatMap((m) => areas.map((a) => `/api/measures/${m}?level=${a.level}&parent=${a.parent}`)),
  ...areas.map((a) => `/api/regions?level=${a.level}&parent=${a.parent}`),
  '/api/layers/projects?area=411421',
  '/api/layers/pv-stations',
  '/api/layers/households/areas?level=village&parent=411421',
  '/api/layers/households/hexagons?parent=411421&size=2000',
  '/api/measures/spend_rate/history?area=411421',
];
const requests = [
  ...gets.map((path) => ({ method: 'GET' as const, path, headers: { 'accept-encoding': 'gzip' } })),
  {
    method: 'POST' as const,
    path: '/api/auth/login',
    headers: { 'content-type': 'application/json', origin: base, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ username: 'admin', password: 'wrong-password-for-the-bench' }),
  },
];

// Latency of /api/health and of answers already cached (asked once before the run), each sampled every
// 100 ms during the run, apart from the load's own mix (which includes cold misses and logins). The
// probes run in a process of their own: in this one autocannon keeps the event loop busy, and its lag
// would be counted as the server's.
const cachedPaths = ['/api/measures/spend_rate?level=county&parent=4114', '/api/measures/completion_rate?level=village&parent=411421'];
interface ProbeResult {
  health: number[];
  cached: number[];
}
if (process.argv.includes('--probe')) {
  let running = true;
  process.on('message', () => (running = false));
  const sample = async (paths: string[]) => {
    const times: number[] = [];
    for (let i = 0; running; i++) {
      const t = performance.now();
      await fetch(base + paths[i % paths.length], { headers: { 'accept-encoding': 'gzip' } })
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 100));
    }
    return times;
  };
  const [health, cached] = await Promise.all([sample(['/api/health']), sample(cachedPaths)]);
  process.send!({ health, cached } satisfies ProbeResult, () => process.exit(0));
  await new Promise(() => {}); // exits once the result is sent
}
for (const p of cachedPaths) await fetch(base + p, { headers: { 'accept-encoding': 'gzip' } }).then((r) => r.arrayBuffer());
const prober = fork(fileURLToPath(import.meta.url), ['--probe'], { env: process.env });
const probed = new Promise<ProbeResult>((resolve) => prober.once('message', (m) => resolve(m as ProbeResult)));

const statuses = new Map<number, number>();
const instance = autocannon({ url: base, connections, duration, timeout: 10, requests });
instance.on('response', (_client: unknown, statusCode: number) => {
  statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const result = await new Promise<any>((resolve, reject) => instance.on('done', resolve).on('error', reject));
prober.send('stop');
const { health, cached } = await probed;
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const report = {
  connections,
  durationS: duration,
  requests: result.requests.total,
  reqPerS: result.requests.average,
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  timeouts: result.timeouts,
  errors: result.errors,
  statuses: Object.fromEntries(statuses),
  healthMs: { n: health.length, p50: Math.round(q(health, 50)), p99: Math.round(q(health, 99)), max: Math.round(Math.max(...health)) },
  cachedMs: { n: cached.length, p50: Math.round(q(cached, 50)), p99: Math.round(q(cached, 99)), max: Math.round(Math.max(...cached)) },
};
console.log(JSON.stringify(report, null, 2));
