#!/usr/bin/env node
// Runs the `buf curl` cases of buf-curl-cases.json against a gRPC server (cleartext HTTP/2).
//
// Usage: node buf_curl_driver.mjs --target 127.0.0.1:PORT [--case NAME ...] [--schema DIR]
//        node buf_curl_driver.mjs --list-cases
// Without --schema the server's reflection service supplies the schema (what the C# tests use
// against our server); with --schema (e.g. tests/protos) buf compiles the protos itself and the
// `needs_reflection` cases are skipped. Prints one JSON line per case
// {"peer":"buf-curl","case":...,"passed":true|false|null,"detail":...,"command":...}
// (passed null = skipped) and exits 0 only if no case failed (1: a case failed, 2: usage).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, isDeepStrictEqual } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const table = JSON.parse(readFileSync(path.join(here, 'buf-curl-cases.json'), 'utf8'));
const CASE_TIMEOUT_MS = Number(process.env.LOTUS_INTEROP_CALL_TIMEOUT_S ?? '30') * 1000;
const BUF = process.env.LOTUS_INTEROP_BUF ?? path.join(here, 'node_modules', '.bin', 'buf');

function usage(message) {
  process.stderr.write(`${message}\nusage: node buf_curl_driver.mjs --target HOST:PORT [--case NAME ...] [--schema DIR] | --list-cases\n`);
  process.exit(2);
}

// {"$zeros": N} → base64 of N zero bytes, anywhere in a JSON value.
function expand(value) {
  if (Array.isArray(value)) {
    return value.map(expand);
  }
  if (value !== null && typeof value === 'object') {
    if (Object.keys(value).length === 1 && typeof value.$zeros === 'number') {
      return Buffer.alloc(value.$zeros).toString('base64');
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, expand(inner)]));
  }
  return value;
}

// buf prints responses as pretty JSON documents one after another: split them.
function parseDocuments(text) {
  const documents = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') {
        i += 1;
      } else if (ch === '"') {
        inString = false;
      }
    } else if (ch === '"') {
      inString = true;
    } else if (ch === '{' || ch === '[') {
      if (depth === 0) {
        start = i;
      }
      depth += 1;
    } else if (ch === '}' || ch === ']') {
      depth -= 1;
      if (depth === 0) {
        documents.push(JSON.parse(text.slice(start, i + 1)));
      }
    }
  }
  return documents;
}

// From `-v` output: header and trailer blocks of the RPC stream (the last stream buf opened).
function parseVerbose(stderr) {
  const lines = stderr.split('\n').map((line) => /^buf: < \(#(\d+)\) ?(.*)$/.exec(line)).filter(Boolean);
  if (lines.length === 0) {
    return { headers: {}, trailers: {} };
  }
  const rpcStream = lines.map((match) => Number(match[1])).reduce((a, b) => Math.max(a, b));
  const groups = [[]];
  for (const [, stream, text] of lines) {
    if (Number(stream) !== rpcStream) {
      continue;
    }
    if (text === '') {
      groups.push([]);
    } else {
      groups[groups.length - 1].push(text);
    }
  }
  const toMap = (group) => Object.fromEntries(group
    .map((text) => /^([^:]+):\s?(.*)$/.exec(text))
    .filter(Boolean)
    .map(([, name, value]) => [name.toLowerCase(), value]));
  const nonEmpty = groups.filter((group) => group.length > 0);
  return { headers: toMap(nonEmpty[0] ?? []), trailers: toMap(nonEmpty[nonEmpty.length - 1] ?? []) };
}

function run(command, stdin) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), CASE_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.stdin.on('error', () => {});
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ exit: -1, stdout: '', stderr: String(error) });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ exit: code ?? (signal ? -1 : 0), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.end(stdin ?? '');
  });
}

function check(spec, result) {
  const expect = spec.expect;
  const problems = [];
  if (result.exit !== expect.exit) {
    problems.push(`exit ${result.exit}, want ${expect.exit}`);
  }
  if (expect.stdout_lines_include) {
    const lines = new Set(result.stdout.split('\n').map((line) => line.trim()));
    const missing = expect.stdout_lines_include.filter((line) => !lines.has(line));
    if (missing.length > 0) {
      problems.push(`missing from output: ${missing.join(', ')}`);
    }
  }
  const messages = expect.messages || expect.body_sizes ? parseDocuments(result.stdout) : [];
  if (expect.messages && !isDeepStrictEqual(messages, expand(expect.messages))) {
    problems.push(`messages ${JSON.stringify(messages).slice(0, 300)}`);
  }
  if (expect.body_sizes) {
    const sizes = messages.map((message) => Buffer.from(message?.payload?.body ?? '', 'base64').length);
    if (!isDeepStrictEqual(sizes, expect.body_sizes)) {
      problems.push(`payload sizes ${JSON.stringify(sizes)}, want ${JSON.stringify(expect.body_sizes)}`);
    }
  }
  if (expect.error) {
    const errorText = result.stderr.split('\n').filter((line) => !line.startsWith('buf: ')).join('\n');
    const error = parseDocuments(errorText)[0] ?? {};
    for (const [key, value] of Object.entries(expect.error)) {
      if (error[key] !== value) {
        problems.push(`error ${key} ${JSON.stringify(error[key])}, want ${JSON.stringify(value)}`);
      }
    }
  }
  if (expect.response_headers || expect.response_trailers) {
    const seen = parseVerbose(result.stderr);
    for (const [where, wanted] of [['headers', expect.response_headers], ['trailers', expect.response_trailers]]) {
      for (const [name, value] of Object.entries(wanted ?? {})) {
        const allowed = Array.isArray(value) ? value : [value];
        if (!allowed.includes(seen[where][name])) {
          problems.push(`response ${where} ${name}=${JSON.stringify(seen[where][name])}, want ${JSON.stringify(value)}`);
        }
      }
    }
  }
  return problems;
}

async function runSpec(spec, target, schema) {
  if (spec.needs_reflection && schema) {
    return { passed: null, detail: 'skipped: needs server reflection (ran with --schema)' };
  }
  const command = [BUF, 'curl', '--protocol', 'grpc', '--http2-prior-knowledge'];
  if (schema) {
    command.push('--schema', schema);
  }
  if (spec.expect.response_headers || spec.expect.response_trailers) {
    command.push('-v');
  }
  for (const header of spec.headers ?? []) {
    command.push('-H', header);
  }
  command.push(...(spec.args ?? []));
  let stdin = null;
  if (spec.data !== undefined || spec.data_stream !== undefined) {
    command.push('-d', '@-');
    const documents = spec.data_stream ?? [spec.data];
    stdin = documents.map((document) => JSON.stringify(expand(document))).join('\n');
  }
  command.push(spec.method ? `http://${target}/${spec.method}` : `http://${target}`);
  const result = await run(command, stdin);
  const problems = check(spec, result);
  const quote = (part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replaceAll("'", "'\\''")}'`);
  const shown = command.map((part, i) => (i === 0 ? 'buf' : quote(part))).join(' ');
  if (problems.length > 0) {
    const tail = result.stderr.split('\n').filter((line) => line && !line.startsWith('buf: ')).slice(-3).join(' | ');
    return { passed: false, detail: `${problems.join('; ')}${tail ? ` (stderr: ${tail.slice(0, 300)})` : ''}`, command: shown };
  }
  return { passed: true, detail: `exit ${result.exit}`, command: shown };
}

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      target: { type: 'string' },
      case: { type: 'string', multiple: true },
      schema: { type: 'string' },
      'list-cases': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  usage(error.message);
}
if (args['list-cases']) {
  process.stdout.write(`${table.cases.map((spec) => spec.name).join('\n')}\n`);
  process.exit(0);
}
if (!args.target) {
  usage('missing --target');
}
const wanted = args.case ?? table.cases.map((spec) => spec.name);
const unknown = wanted.filter((name) => !table.cases.some((spec) => spec.name === name));
if (unknown.length > 0) {
  usage(`unknown case(s): ${unknown.join(', ')}`);
}

let failed = 0;
for (const name of wanted) {
  const spec = table.cases.find((candidate) => candidate.name === name);
  const outcome = await runSpec(spec, args.target, args.schema ? path.resolve(args.schema) : null);
  if (outcome.passed === false) {
    failed += 1;
  }
  process.stdout.write(`${JSON.stringify({ peer: 'buf-curl', case: name, target: args.target, ...outcome })}\n`);
}
process.exitCode = failed === 0 ? 0 : 1;
