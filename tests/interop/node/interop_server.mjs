#!/usr/bin/env node
// grpc-js interop server: lotus.interop.v1.TestService and BenchmarkService on 127.0.0.1, plus
// server reflection (@grpc/reflection, v1 and v1alpha) so `buf curl` can discover the schema.
//
// Usage: node interop_server.mjs [--port N] [--host 127.0.0.1] [--max-lifetime-s S]
//                                [--exit-on-stdin-eof] [--no-reflection]
// Prints `LISTENING <port>` once it accepts calls (port 0 picks a free port).
// TestService/UnimplementedCall and UnimplementedService are deliberately not bound.
// Known limit: grpc-js servers never compress responses, so response_compressed is ignored
// (answers are always uncompressed).
import { parseArgs } from 'node:util';
import grpc from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import * as tap from './lib/compression-tap.mjs';
import {
  packageDefinition, v1, MAX_RECEIVE_BYTES, ECHO_INITIAL_KEY, ECHO_TRAILING_KEY,
} from './lib/proto.mjs';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'max-lifetime-s': { type: 'string', default: process.env.LOTUS_INTEROP_SERVER_MAX_LIFETIME_S ?? '900' },
    'exit-on-stdin-eof': { type: 'boolean', default: false },
    'no-reflection': { type: 'boolean', default: false },
  },
});

tap.install();

const zeros = (size) => ({ body: Buffer.alloc(size) });
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

// Echo Metadata feature; returns the trailing metadata to send with the status.
function echoMetadata(call) {
  const initial = new grpc.Metadata();
  for (const value of call.metadata.get(ECHO_INITIAL_KEY)) {
    initial.add(ECHO_INITIAL_KEY, value);
  }
  if (initial.get(ECHO_INITIAL_KEY).length > 0) {
    call.sendMetadata(initial);
  }
  const trailing = new grpc.Metadata();
  for (const value of call.metadata.get(ECHO_TRAILING_KEY)) {
    trailing.add(ECHO_TRAILING_KEY, value);
  }
  return trailing;
}

function echoStatusError(status, trailing) {
  if (status && status.code !== 0) {
    return { code: status.code, details: status.message, metadata: trailing };
  }
  return null;
}

function compressionError(request, trailing) {
  if (request.expect_compressed?.value === true && tap.isCompressed(request) !== true) {
    return { code: grpc.status.INVALID_ARGUMENT, details: 'expected a compressed request message', metadata: trailing };
  }
  return null;
}

const testService = {
  EmptyCall(call, callback) {
    const trailing = echoMetadata(call);
    callback(null, {}, trailing);
  },
  UnaryCall(call, callback) {
    const trailing = echoMetadata(call);
    const request = call.request;
    const error = compressionError(request, trailing) ?? echoStatusError(request.response_status, trailing);
    if (error) {
      callback(error);
      return;
    }
    callback(null, { payload: zeros(request.response_size) }, trailing);
  },
  async StreamingOutputCall(call) {
    const trailing = echoMetadata(call);
    const request = call.request;
    for (const params of request.response_parameters) {
      if (call.cancelled) {
        return;
      }
      if (params.interval_us > 0) {
        await sleep(params.interval_us / 1000);
      }
      call.write({ payload: zeros(params.size) });
    }
    const error = echoStatusError(request.response_status, trailing);
    if (error) {
      call.emit('error', error);
      return;
    }
    call.end(trailing);
  },
  StreamingInputCall(call, callback) {
    const trailing = echoMetadata(call);
    let total = 0;
    let failed = false;
    call.on('data', (request) => {
      if (failed) {
        return;
      }
      const error = compressionError(request, trailing);
      if (error) {
        failed = true;
        callback(error);
        return;
      }
      total += request.payload?.body?.length ?? 0;
    });
    call.on('end', () => {
      if (!failed) {
        callback(null, { aggregated_payload_size: total }, trailing);
      }
    });
    call.on('error', () => {});
  },
  FullDuplexCall(call) {
    const trailing = echoMetadata(call);
    let finished = false;
    // Requests are answered strictly in order, one at a time (intervals may delay answers).
    let chain = Promise.resolve();
    call.on('data', (request) => {
      chain = chain.then(async () => {
        if (finished || call.cancelled) {
          return;
        }
        for (const params of request.response_parameters) {
          if (params.interval_us > 0) {
            await sleep(params.interval_us / 1000);
          }
          call.write({ payload: zeros(params.size) });
        }
        const error = echoStatusError(request.response_status, trailing);
        if (error) {
          finished = true;
          call.emit('error', error);
        }
      });
    });
    call.on('end', () => {
      chain = chain.then(() => {
        if (!finished && !call.cancelled) {
          finished = true;
          call.end(trailing);
        }
      });
    });
    call.on('error', () => {});
  },
};

const benchmarkService = {
  Echo(call, callback) {
    callback(null, call.request);
  },
  StreamMessages(call) {
    const body = Buffer.alloc(call.request.payload_size);
    for (let sequence = 0; sequence < call.request.count && !call.cancelled; sequence += 1) {
      call.write({ sequence: String(sequence), payload: body });
    }
    call.end();
  },
};

// UnimplementedCall is removed from the definition, so grpc-js answers it like any unknown
// method (UNIMPLEMENTED) instead of binding its default "not implemented" handler.
const testDefinition = tap.tagServiceDefinition(v1.TestService.service);
delete testDefinition.UnimplementedCall;

const server = new grpc.Server({
  'grpc.max_receive_message_length': MAX_RECEIVE_BYTES,
});
server.addService(testDefinition, testService);
server.addService(v1.BenchmarkService.service, benchmarkService);
if (!args['no-reflection']) {
  new ReflectionService(packageDefinition).addToServer(server);
}

function stop(code) {
  server.tryShutdown(() => process.exit(code));
  setTimeout(() => { server.forceShutdown(); process.exit(code); }, 2000).unref();
}

server.bindAsync(`${args.host}:${args.port}`, grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    process.stderr.write(`FAILED to bind ${args.host}:${args.port}: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`LISTENING ${port}\n`);
});

process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
const lifetimeSeconds = Number(args['max-lifetime-s']);
if (lifetimeSeconds > 0) {
  setTimeout(() => stop(0), lifetimeSeconds * 1000).unref();
}
if (args['exit-on-stdin-eof']) {
  process.stdin.on('end', () => stop(0));
  process.stdin.resume();
}
