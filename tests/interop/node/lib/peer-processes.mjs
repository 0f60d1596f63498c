// Starting interop servers and running one-case CLIs as child processes (used by test/*.test.mjs).
// Mirrors what a C# test does: spawn with `--port 0`, wait for `LISTENING <port>`, read the JSON
// result line(s) of a client run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const NODE_DIR = path.resolve(here, '..');
export const PYTHON_DIR = path.resolve(NODE_DIR, '..', 'python');
export const PROTO_ROOT = path.resolve(NODE_DIR, '..', '..', 'protos');
export const SYSTEM_PYTHON = process.env.LOTUS_INTEROP_PYTHON ?? '/usr/bin/python3';
const START_TIMEOUT_MS = 30_000;
const RUN_TIMEOUT_MS = 180_000;

export function serverCommand(kind) {
  if (kind === 'grpcio') {
    return [SYSTEM_PYTHON, path.join(PYTHON_DIR, 'interop_server.py'), '--port', '0', '--exit-on-stdin-eof'];
  }
  if (kind === 'grpc-js') {
    return [process.execPath, path.join(NODE_DIR, 'interop_server.mjs'), '--port', '0', '--exit-on-stdin-eof'];
  }
  throw new Error(`unknown server kind ${kind}`);
}

// Resolves with { kind, target, port, stop() } once the server printed LISTENING.
export function startServer(kind) {
  const [command, ...args] = serverCommand(kind);
  if (!existsSync(command)) {
    return Promise.reject(new Error(`${command} not found: run tests/interop/setup.sh`));
  }
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(killer); resolve(); });
    child.kill('SIGTERM');
    child.stdin.end();
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${kind} server printed no LISTENING line in ${START_TIMEOUT_MS} ms: ${stderr.slice(-2000)}`));
    }, START_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const match = /^LISTENING (\d+)$/m.exec(buffer);
      if (match) {
        clearTimeout(timer);
        const port = Number(match[1]);
        resolve({ kind, port, target: `127.0.0.1:${port}`, stop });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited (${code}) before LISTENING: ${stderr.slice(-2000)}`));
    });
  });
}

// Runs a CLI; resolves with { exit, lines (parsed JSON lines), output }.
export function runJsonLines(command) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => {
        try {
          return JSON.parse(line);
        } catch {
          return null;
        }
      }).filter(Boolean);
      resolve({ exit: code, lines, output: `${stdout}${stderr}`.slice(-3000) });
    });
  });
}

export const grpcJsClient = (target, name) => runJsonLines([process.execPath, path.join(NODE_DIR, 'interop_client.mjs'), '--target', target, '--case', name]);

export const bufDriver = (target, extra = []) => runJsonLines([process.execPath, path.join(NODE_DIR, 'buf_curl_driver.mjs'), '--target', target, ...extra]);
