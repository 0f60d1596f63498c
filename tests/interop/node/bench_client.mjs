#!/usr/bin/env node
// grpc-js BenchmarkService load client: bounded Echo or StreamMessages runs, one JSON line.
//
// Usage: node bench_client.mjs --target 127.0.0.1:PORT [--mode echo|stream] [--calls N]
//          [--concurrency C] [--payload-size B] [--stream-count M] [--max-seconds S]
// Prints {"peer":"grpc-js","mode":...,"calls":...,"errors":...,"messages":...,"seconds":...,
// "calls_per_s":...,"messages_per_s":...,"p50_us":...,"p99_us":...}; exits 0 if no call failed.
// Numbers are for printing ratios (e.g. our server vs the grpc-js server), never for asserting.
import { parseArgs } from 'node:util';
import grpc from '@grpc/grpc-js';
import { v1 } from './lib/proto.mjs';

const { values: args } = parseArgs({
  options: {
    target: { type: 'string' },
    mode: { type: 'string', default: 'echo' },
    calls: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '4' },
    'payload-size': { type: 'string', default: '100' },
    'stream-count': { type: 'string', default: '100' },
    'max-seconds': { type: 'string', default: '60' },
  },
});
if (!args.target || !['echo', 'stream'].includes(args.mode)) {
  process.stderr.write('usage: node bench_client.mjs --target HOST:PORT [--mode echo|stream] [--calls N] [--concurrency C]\n');
  process.exit(2);
}
const calls = Number(args.calls);
const concurrency = Number(args.concurrency);
const payloadSize = Number(args['payload-size']);
const streamCount = Number(args['stream-count']);
const stopAt = performance.now() + Number(args['max-seconds']) * 1000;
const payload = Buffer.alloc(payloadSize);

const client = new v1.BenchmarkService(args.target, grpc.credentials.createInsecure());
await new Promise((resolve, reject) => {
  client.waitForReady(new Date(Date.now() + 30_000), (error) => (error ? reject(error) : resolve()));
});
const deadline = () => ({ deadline: new Date(Date.now() + 30_000) });

function echoOnce(sequence) {
  return new Promise((resolve) => {
    client.Echo({ sequence: String(sequence), payload }, deadline(), (error, reply) => {
      const ok = !error && reply.sequence === String(sequence) && reply.payload.length === payloadSize;
      resolve({ ok, received: ok ? 1 : 0 });
    });
  });
}

function streamOnce() {
  return new Promise((resolve) => {
    let received = 0;
    const call = client.StreamMessages({ count: streamCount, payload_size: payloadSize }, deadline());
    call.on('data', () => { received += 1; });
    call.on('error', () => {});
    call.on('status', (status) => resolve({ ok: status.code === grpc.status.OK && received === streamCount, received }));
  });
}

const latencies = [];
const counts = { calls: 0, errors: 0, messages: 0 };
async function worker(index) {
  for (let sequence = index; sequence < calls; sequence += concurrency) {
    if (performance.now() > stopAt) {
      return;
    }
    const started = performance.now();
    const { ok, received } = args.mode === 'echo' ? await echoOnce(sequence) : await streamOnce();
    latencies.push(Math.round((performance.now() - started) * 1000));
    counts.calls += 1;
    counts.messages += received;
    counts.errors += ok ? 0 : 1;
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
const seconds = (performance.now() - started) / 1000;
client.close();

latencies.sort((a, b) => a - b);
const percentile = (fraction) => (latencies.length === 0 ? 0 : latencies[Math.min(latencies.length - 1, Math.round(fraction * (latencies.length - 1)))]);
const round = (value, digits) => Number(value.toFixed(digits));
const result = {
  peer: 'grpc-js',
  mode: args.mode,
  target: args.target,
  concurrency,
  payload_size: payloadSize,
  ...counts,
  seconds: round(seconds, 3),
  calls_per_s: seconds > 0 ? round(counts.calls / seconds, 1) : 0,
  messages_per_s: seconds > 0 ? round(counts.messages / seconds, 1) : 0,
  p50_us: percentile(0.5),
  p99_us: percentile(0.99),
};
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(counts.errors === 0 && counts.calls > 0 ? 0 : 1));
