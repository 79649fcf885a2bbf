// Memory of the API while a 100 MB video is uploaded and read back: the API runs in a child process (its own
// resident set), the upload is streamed to it from here in 1 MB pieces, and the child's RSS is sampled every
// 50 ms. The upload is checked, sealed and stored chunk by chunk, so the growth should stay far below the file.
//   npm run bench:upload
// Knobs: BENCH_UPLOAD_MB (100), BENCH_UPLOAD_TARGETS (postgres,embedded), BENCH_DATABASE_URL, BENCH_MAX_SECONDS.
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, loadOrCreateLocalKeys, signLocalToken } from '#platform';
import { createHttpApp } from '../apps/api/src/http-app.js';
import { createRuntime } from '../apps/api/src/runtime.js';
import { createBenchDatabase, envNumber, fmt, onCleanup, printMachine, runBench, table, verdict } from './support.js';

type Target = 'postgres' | 'embedded';
const MB = 1_048_576;
const SIZE_MB = envNumber('BENCH_UPLOAD_MB', 100);
const TARGETS = (process.env.BENCH_UPLOAD_TARGETS ?? 'postgres,embedded').split(',').map((t) => t.trim()) as Target[];
const TARGET_GROWTH_MB = 50;

// ---- the child: the API, answering RSS samples -------------------------------------------------------------

async function serve(databaseUrl: string | undefined): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-bench-upload-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', RATE_LIMIT: 'off', MEDIA_MAX_VIDEO_MB: String(SIZE_MB + 10), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }, []);
  // The embedded database on disk, as an installation runs it (in memory, the stored file itself would be resident).
  const runtime = await createRuntime(config, { inMemory: false });
  runtime.runner.start();
  const app = await createHttpApp(runtime, { logger: false });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const keys = await loadOrCreateLocalKeys(dataDir);
  const token = await signLocalToken(keys, config.auth, { subject: 'bench-uploader', organisation: 'bench', roles: ['employee'] });
  process.on('message', async (message: { kind: string }) => {
    if (message.kind === 'rss') process.send!({ kind: 'rss', rss: process.memoryUsage().rss });
    if (message.kind === 'stop') {
      await app.close();
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
      process.exit(0);
    }
  });
  process.send!({ kind: 'ready', port, token });
}

// ---- the parent: streams the file, samples the child -------------------------------------------------------

/** An MP4 of `bytes` bytes: ftyp, a small moov, and an mdat of noise, produced piece by piece. */
function* mp4Pieces(bytes: number): Generator<Buffer> {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom\u0000\u0000\u0002\u0000isomavc1', 'latin1')]);
  const moov = Buffer.concat([Buffer.from([0, 0, 0, 116]), Buffer.from('moov', 'latin1'), Buffer.from([0, 0, 0, 108]), Buffer.from('mvhd', 'latin1'), Buffer.alloc(100)]);
  const mdatSize = bytes - ftyp.length - moov.length;
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(mdatSize);
  mdat.write('mdat', 4, 'latin1');
  yield Buffer.concat([ftyp, moov, mdat]);
  let left = mdatSize - 8;
  let x = 0x9e3779b9;
  while (left > 0) {
    const piece = Buffer.alloc(Math.min(MB, left));
    for (let i = 0; i < piece.length; i += 4) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      piece.writeInt32LE(x | 0, i);
    }
    left -= piece.length;
    yield piece;
  }
}

function rssOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const listen = (message: { kind: string; rss?: number }) => {
      if (message.kind !== 'rss') return;
      child.off('message', listen);
      resolve(message.rss!);
    };
    child.on('message', listen);
    child.send({ kind: 'rss' });
  });
}

async function sampling<T>(child: ChildProcess, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await rssOf(child));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    const result = await work();
    return { result, peak };
  } finally {
    running = false;
    await loop;
    peak = Math.max(peak, await rssOf(child));
  }
}

function upload(port: number, token: string, bytes: number): Promise<{ status: number; body: any; sha256: string }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/media', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': bytes } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), sha256: hash.digest('hex') }));
    });
    req.on('error', reject);
    const pieces = mp4Pieces(bytes);
    const pump = () => {
      for (let next = pieces.next(); !next.done; next = pieces.next()) {
        hash.update(next.value);
        if (!req.write(next.value)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

function download(port: number, token: string, path: string): Promise<{ status: number; bytes: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let bytes = 0;
    request({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, sha256: hash.digest('hex') }));
    })
      .on('error', reject)
      .end();
  });
}

async function measure(target: Target): Promise<string[]> {
  const databaseUrl = target === 'postgres' ? (await createBenchDatabase()).url : undefined;
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, BENCH_UPLOAD_DATABASE_URL: databaseUrl ?? '' } });
  onCleanup(async () => {
    if (child.exitCode === null) child.kill();
  });
  const ready = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    child.once('message', (m: any) => (m.kind === 'ready' ? resolve(m) : reject(new Error('unexpected message'))));
    child.once('exit', (code) => reject(new Error(`the API exited with ${code}`)));
  });
  // Warm up: one small upload and read, so the first request's one-off allocations are not counted.
  await upload(ready.port, ready.token, 2 * MB);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const before = await rssOf(child);
  const bytes = SIZE_MB * MB;
  const started = Date.now();
  const up = await sampling(child, () => upload(ready.port, ready.token, bytes));
  const uploadMs = Date.now() - started;
  if (up.result.status !== 201) throw new Error(`upload answered ${up.result.status}: ${JSON.stringify(up.result.body)}`);
  const readStarted = Date.now();
  const down = await sampling(child, () => download(ready.port, ready.token, up.result.body.url));
  const readMs = Date.now() - readStarted;
  if (down.result.status !== 200 || down.result.sha256 !== up.result.sha256) throw new Error(`the file read back differs (${down.result.status}, ${down.result.bytes} bytes)`);
  child.send({ kind: 'stop' });
  await new Promise((resolve) => child.once('exit', resolve));
  const growth = (Math.max(up.peak, down.peak) - before) / MB;
  return [
    target,
    `${SIZE_MB} MB`,
    `${fmt(before / MB)} MB`,
    `+${fmt((up.peak - before) / MB, 1)} MB`,
    `+${fmt((down.peak - before) / MB, 1)} MB`,
    `${fmt((bytes / MB / uploadMs) * 1000, 1)} MB/s`,
    `${fmt((bytes / MB / readMs) * 1000, 1)} MB/s`,
    verdict(growth <= TARGET_GROWTH_MB),
  ];
}

if (process.argv[2] === 'serve') {
  void serve(process.env.BENCH_UPLOAD_DATABASE_URL || undefined);
} else {
  runBench(
    'bench:upload',
    async () => {
      await printMachine('bench:upload — resident memory of the API while a video is uploaded and read back', TARGETS.includes('postgres'));
      const rows: string[][] = [];
      for (const target of TARGETS) rows.push(await measure(target));
      console.log(table(['database', 'file', 'API RSS before', 'peak growth (upload)', 'peak growth (read back)', 'upload', 'read back', `≤ +${TARGET_GROWTH_MB} MB`], rows));
    },
    600,
  );
}
