#!/usr/bin/env node
// grpc-js interop client: runs ONE interop case against a TestService server.
//
// Usage: node interop_client.mjs --target 127.0.0.1:PORT --case NAME
//        node interop_client.mjs --list-cases
// Prints one JSON line {"peer":"grpc-js","case":...,"passed":...,"detail":...} and exits 0 only
// if the case passed (1: failed, 2: usage error).
import { parseArgs } from 'node:util';
import { CASES, CaseFailure, runCase } from './lib/cases.mjs';

function usage(message) {
  process.stderr.write(`${message}\nusage: node interop_client.mjs --target HOST:PORT --case NAME | --list-cases\ncases: ${CASES.join(', ')}\n`);
  process.exit(2);
}

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      target: { type: 'string' },
      case: { type: 'string' },
      'list-cases': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  usage(error.message);
}

if (args['list-cases']) {
  process.stdout.write(`${CASES.join('\n')}\n`);
  process.exit(0);
}
if (!args.target || !CASES.includes(args.case)) {
  usage('unknown or missing --case/--target');
}

const started = performance.now();
const result = { peer: 'grpc-js', case: args.case, target: args.target };
try {
  result.detail = await runCase(args.target, args.case);
  result.passed = true;
} catch (error) {
  result.passed = false;
  result.detail = error instanceof CaseFailure ? error.message : `${error?.name ?? 'Error'}: ${error?.message ?? error}`;
}
result.elapsed_ms = Math.round(performance.now() - started);
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(result.passed ? 0 : 1));
