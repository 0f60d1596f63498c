// Promise helpers over grpc-js calls. They never reject on an RPC failure: each resolves with the
// final status (code, details, trailing metadata) so cases can assert on it.
import grpc from '@grpc/grpc-js';

export const CALL_TIMEOUT_MS = Number(process.env.LOTUS_INTEROP_CALL_TIMEOUT_S ?? '30') * 1000;

const options = (timeoutMs) => ({ deadline: new Date(Date.now() + (timeoutMs ?? CALL_TIMEOUT_MS)) });

function watch(call) {
  const state = { initial: null };
  call.on('metadata', (metadata) => { state.initial = metadata; });
  const status = new Promise((resolve) => { call.on('status', resolve); });
  return { state, status };
}

export function unary(client, method, request, { metadata = new grpc.Metadata(), timeoutMs } = {}) {
  return new Promise((resolve) => {
    let response = null;
    const call = client[method](request, metadata, options(timeoutMs), (error, value) => {
      response = error ? null : value;
    });
    const { state, status } = watch(call);
    status.then((final) => resolve({ response, initial: state.initial, status: final }));
  });
}

export function serverStream(client, method, request, { metadata = new grpc.Metadata(), timeoutMs } = {}) {
  return new Promise((resolve) => {
    const call = client[method](request, metadata, options(timeoutMs));
    const messages = [];
    call.on('data', (message) => messages.push(message));
    call.on('error', () => {});
    const { state, status } = watch(call);
    status.then((final) => resolve({ messages, initial: state.initial, status: final }));
  });
}

// Starts a client-streaming call; `result` resolves like unary().
export function clientStream(client, method, { metadata = new grpc.Metadata(), timeoutMs } = {}) {
  let response = null;
  const call = client[method](metadata, options(timeoutMs), (error, value) => {
    response = error ? null : value;
  });
  const { state, status } = watch(call);
  const result = status.then((final) => ({ response, initial: state.initial, status: final }));
  return { call, result };
}

// Starts a bidi call with a pull-style reader: next() resolves with the next message, or null
// once the call has ended; `status` resolves with the final status.
export function duplex(client, method, { metadata = new grpc.Metadata(), timeoutMs } = {}) {
  const call = client[method](metadata, options(timeoutMs));
  const queue = [];
  let ended = false;
  let wake = null;
  const notify = () => { if (wake) { const w = wake; wake = null; w(); } };
  call.on('data', (message) => { queue.push(message); notify(); });
  call.on('error', () => {});
  const { state, status } = watch(call);
  status.then(() => { ended = true; notify(); });
  async function next() {
    while (queue.length === 0 && !ended) {
      await new Promise((resolve) => { wake = resolve; });
    }
    return queue.length > 0 ? queue.shift() : null;
  }
  async function drain() {
    const rest = [];
    for (let message = await next(); message !== null; message = await next()) {
      rest.push(message);
    }
    return rest;
  }
  return { call, next, drain, status, state };
}
