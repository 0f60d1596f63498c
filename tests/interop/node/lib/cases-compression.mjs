// grpc-js client cases about compression and message size limits. Compressed flags are read
// through ./compression-tap.mjs.
import grpc from '@grpc/grpc-js';
import * as tap from './compression-tap.mjs';
import { MAX_RECEIVE_BYTES } from './proto.mjs';
import { unary, serverStream, clientStream } from './calls.mjs';
import {
  expect, expectCode, expectOk, zeros, largeUnaryRequest, checkLargeResponse, checkSizes,
} from './case-support.mjs';

const NO_COMPRESS = 2; // grpc-js WriteFlags.NoCompress, passed as the write "encoding"

export const compressionCases = {
  async client_compressed_unary({ test, gzip }) {
    const probe = await unary(test, 'UnaryCall', largeUnaryRequest({ expect_compressed: { value: true } }));
    expectCode(probe.status, grpc.status.INVALID_ARGUMENT, 'uncompressed probe');
    checkLargeResponse(await unary(gzip, 'UnaryCall', largeUnaryRequest({ expect_compressed: { value: true } })), 'compressed call');
    checkLargeResponse(await unary(test, 'UnaryCall', largeUnaryRequest({ expect_compressed: { value: false } })), 'uncompressed call');
    return 'probe INVALID_ARGUMENT; gzip and identity calls OK';
  },

  async server_compressed_unary({ test }) {
    const compressed = await unary(test, 'UnaryCall', largeUnaryRequest({ response_compressed: { value: true } }));
    checkLargeResponse(compressed, 'compressed');
    expect(tap.isCompressed(compressed.response) === true, 'response_compressed=true: flag not set');
    const plain = await unary(test, 'UnaryCall', largeUnaryRequest({ response_compressed: { value: false } }));
    checkLargeResponse(plain, 'uncompressed');
    expect(tap.isCompressed(plain.response) === false, 'response_compressed=false: flag set');
    return 'compressed flag follows response_compressed';
  },

  async client_compressed_streaming({ test, gzip }) {
    const probe = clientStream(test, 'StreamingInputCall');
    probe.call.write({ payload: zeros(27182), expect_compressed: { value: true } });
    probe.call.end();
    expectCode((await probe.result).status, grpc.status.INVALID_ARGUMENT, 'uncompressed probe');
    const { call, result } = clientStream(gzip, 'StreamingInputCall');
    call.write({ payload: zeros(27182), expect_compressed: { value: true } });
    call.write({ payload: zeros(45904), expect_compressed: { value: false } }, NO_COMPRESS);
    call.end();
    const { response, status } = await result;
    expectOk(status, 'compressed stream');
    expect(response?.aggregated_payload_size === 73086, `aggregated_payload_size ${response?.aggregated_payload_size}, want 73086`);
    return 'probe INVALID_ARGUMENT; gzip then identity message aggregated 73086';
  },

  async server_compressed_streaming({ test }) {
    const result = await serverStream(test, 'StreamingOutputCall', {
      response_parameters: [{ size: 31415, compressed: { value: true } }, { size: 92653, compressed: { value: false } }],
    });
    expectOk(result.status, 'call');
    checkSizes(result.messages, [31415, 92653]);
    const flags = result.messages.map(tap.isCompressed);
    expect(flags[0] === true && flags[1] === false, `compressed flags ${JSON.stringify(flags)}, want [true,false]`);
    return 'sizes 31415, 92653; flags compressed, uncompressed';
  },

  async max_message_size({ test }) {
    const result = await unary(test, 'UnaryCall', { response_size: 1, payload: zeros(MAX_RECEIVE_BYTES) });
    expectCode(result.status, grpc.status.RESOURCE_EXHAUSTED, 'over-limit request');
    const after = await unary(test, 'EmptyCall', {});
    expectOk(after.status, 'follow-up EmptyCall');
    return `RESOURCE_EXHAUSTED for a ${MAX_RECEIVE_BYTES + 12}-byte request`;
  },
};
