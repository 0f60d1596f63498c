// The interop cases for the grpc-js client (names and semantics shared with
// ../python/interop_client.py; see ../README.md). Each case resolves with a short detail on
// success and throws CaseFailure otherwise.
import grpc from '@grpc/grpc-js';
import * as tap from './compression-tap.mjs';
import { v1, MAX_RECEIVE_BYTES, ECHO_INITIAL_KEY, ECHO_TRAILING_KEY } from './proto.mjs';
import { unary, serverStream, clientStream, duplex } from './calls.mjs';
import {
  CaseFailure, expect, expectCode, expectOk, zeros, bodyLength, largeUnaryRequest, checkLargeResponse, checkSizes,
} from './case-support.mjs';
import { compressionCases } from './cases-compression.mjs';

export { CaseFailure };

export const CASES = [
  'empty_unary',
  'large_unary',
  'client_streaming',
  'server_streaming',
  'ping_pong',
  'empty_stream',
  'timeout_on_sleeping_server',
  'cancel_after_begin',
  'cancel_after_first_response',
  'custom_metadata',
  'status_code_and_message',
  'special_status_message',
  'unimplemented_method',
  'unimplemented_service',
  'client_compressed_unary',
  'server_compressed_unary',
  'client_compressed_streaming',
  'server_compressed_streaming',
  'max_message_size',
];

const SPECIAL_MESSAGE = '\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \u{1F608}\t\n';
const ECHO_INITIAL_VALUE = 'test_initial_metadata_value';
const ECHO_TRAILING_VALUE = Buffer.from([0xab, 0xab, 0xab]);
const GZIP = 2; // grpc-js compression algorithm key for gzip

export function makeClients(target) {
  tap.install();
  const channelOptions = { 'grpc.max_receive_message_length': MAX_RECEIVE_BYTES };
  const credentials = grpc.credentials.createInsecure();
  const TestClient = grpc.makeGenericClientConstructor(tap.tagServiceDefinition(v1.TestService.service), 'TestService');
  // UnimplementedCall exists on both services with the same shape; the plain generated
  // constructors are enough for them.
  return {
    test: new TestClient(target, credentials, channelOptions),
    // grpc-js selects compression per channel: a second channel sends gzip.
    gzip: new TestClient(target, credentials, { ...channelOptions, 'grpc.default_compression_algorithm': GZIP }),
    unimplementedService: new v1.UnimplementedService(target, credentials, channelOptions),
    close() {
      this.test.close();
      this.gzip.close();
      this.unimplementedService.close();
    },
  };
}

const cases = {
  async empty_unary({ test }) {
    const result = await unary(test, 'EmptyCall', {});
    expectOk(result.status, 'call');
    expect(result.response !== null, 'no response message');
    return 'empty response';
  },

  async large_unary({ test }) {
    checkLargeResponse(await unary(test, 'UnaryCall', largeUnaryRequest()), 'call');
    return '314159-byte response';
  },

  async client_streaming({ test }) {
    const { call, result } = clientStream(test, 'StreamingInputCall');
    for (const size of [27182, 8, 1828, 45904]) {
      call.write({ payload: zeros(size) });
    }
    call.end();
    const { response, status } = await result;
    expectOk(status, 'call');
    expect(response?.aggregated_payload_size === 74922, `aggregated_payload_size ${response?.aggregated_payload_size}, want 74922`);
    return 'aggregated 74922';
  },

  async server_streaming({ test }) {
    const sizes = [31415, 9, 2653, 58979];
    const result = await serverStream(test, 'StreamingOutputCall', { response_parameters: sizes.map((size) => ({ size })) });
    expectOk(result.status, 'call');
    checkSizes(result.messages, sizes);
    return 'sizes 31415, 9, 2653, 58979';
  },

  async ping_pong({ test }) {
    const stream = duplex(test, 'FullDuplexCall');
    for (const [responseSize, requestSize] of [[31415, 27182], [9, 8], [2653, 1828], [58979, 45904]]) {
      stream.call.write({ response_parameters: [{ size: responseSize }], payload: zeros(requestSize) });
      const message = await stream.next();
      expect(message !== null, `stream ended before the ${responseSize}-byte response`);
      expect(bodyLength(message) === responseSize, `response of ${bodyLength(message)} bytes, want ${responseSize}`);
    }
    stream.call.end();
    const rest = await stream.drain();
    expect(rest.length === 0, `${rest.length} extra responses after half-close`);
    expectOk(await stream.status, 'call');
    return '4 round trips';
  },

  async empty_stream({ test }) {
    const stream = duplex(test, 'FullDuplexCall');
    stream.call.end();
    const rest = await stream.drain();
    expect(rest.length === 0, `${rest.length} responses, want 0`);
    expectOk(await stream.status, 'call');
    return 'zero messages both ways';
  },

  async timeout_on_sleeping_server({ test }) {
    const stream = duplex(test, 'FullDuplexCall', { timeoutMs: 1 });
    stream.call.write({ payload: zeros(27182) });
    expectCode(await stream.status, grpc.status.DEADLINE_EXCEEDED, 'call');
    return 'DEADLINE_EXCEEDED';
  },

  async cancel_after_begin({ test }) {
    const { call, result } = clientStream(test, 'StreamingInputCall');
    call.cancel();
    expectCode((await result).status, grpc.status.CANCELLED, 'call');
    return 'CANCELLED';
  },

  async cancel_after_first_response({ test }) {
    const stream = duplex(test, 'FullDuplexCall');
    stream.call.write({ response_parameters: [{ size: 31415 }], payload: zeros(27182) });
    const first = await stream.next();
    expect(bodyLength(first) === 31415, `first response of ${bodyLength(first)} bytes, want 31415`);
    stream.call.cancel();
    expectCode(await stream.status, grpc.status.CANCELLED, 'call');
    return 'CANCELLED';
  },

  async custom_metadata({ test }) {
    const metadata = () => {
      const value = new grpc.Metadata();
      value.set(ECHO_INITIAL_KEY, ECHO_INITIAL_VALUE);
      value.set(ECHO_TRAILING_KEY, ECHO_TRAILING_VALUE);
      return value;
    };
    const check = (initial, status, what) => {
      const echoed = initial?.get(ECHO_INITIAL_KEY) ?? [];
      expect(echoed.length === 1 && echoed[0] === ECHO_INITIAL_VALUE, `${what}: initial metadata echo ${JSON.stringify(echoed)}`);
      const trailing = status.metadata?.get(ECHO_TRAILING_KEY) ?? [];
      expect(trailing.length === 1 && Buffer.isBuffer(trailing[0]) && trailing[0].equals(ECHO_TRAILING_VALUE),
        `${what}: trailing metadata echo ${JSON.stringify(trailing)}`);
    };
    const result = await unary(test, 'UnaryCall', largeUnaryRequest(), { metadata: metadata() });
    checkLargeResponse(result, 'unary');
    check(result.initial, result.status, 'unary');

    const stream = duplex(test, 'FullDuplexCall', { metadata: metadata() });
    stream.call.write({ response_parameters: [{ size: 314159 }], payload: zeros(271828) });
    stream.call.end();
    const messages = await stream.drain();
    const status = await stream.status;
    expectOk(status, 'full duplex');
    checkSizes(messages, [314159]);
    check(stream.state.initial, status, 'full duplex');
    return 'echoed in headers and trailers (unary, full duplex)';
  },

  async status_code_and_message(clients) {
    await checkEchoStatus(clients, 2, 'test status message');
    return 'UNKNOWN with message (unary, full duplex)';
  },

  async special_status_message(clients) {
    await checkEchoStatus(clients, 2, SPECIAL_MESSAGE);
    return 'UNKNOWN with whitespace/Unicode message (unary, full duplex)';
  },

  async unimplemented_method({ test }) {
    expectCode((await unary(test, 'UnimplementedCall', {})).status, grpc.status.UNIMPLEMENTED, 'call');
    return 'UNIMPLEMENTED';
  },

  async unimplemented_service({ unimplementedService }) {
    expectCode((await unary(unimplementedService, 'UnimplementedCall', {})).status, grpc.status.UNIMPLEMENTED, 'call');
    return 'UNIMPLEMENTED';
  },
};

const ALL_CASES = { ...cases, ...compressionCases };
if (JSON.stringify(Object.keys(ALL_CASES).sort()) !== JSON.stringify([...CASES].sort())) {
  throw new Error('case list out of sync with the case implementations');
}

async function checkEchoStatus({ test }, code, message) {
  const status = { code, message };
  const result = await unary(test, 'UnaryCall', { response_status: status });
  expectCode(result.status, code, 'unary');
  expect(result.status.details === message, `unary: message ${JSON.stringify(result.status.details)}, want ${JSON.stringify(message)}`);
  const stream = duplex(test, 'FullDuplexCall');
  stream.call.write({ response_status: status });
  stream.call.end();
  const final = await stream.status;
  expectCode(final, code, 'full duplex');
  expect(final.details === message, `full duplex: message ${JSON.stringify(final.details)}, want ${JSON.stringify(message)}`);
}

export async function runCase(target, name) {
  const clients = makeClients(target);
  try {
    await new Promise((resolve, reject) => {
      clients.test.waitForReady(new Date(Date.now() + 30_000), (error) => (error ? reject(error) : resolve()));
    });
    return await ALL_CASES[name](clients);
  } finally {
    clients.close();
  }
}
