// Assertions and request builders shared by the grpc-js client cases.
import grpc from '@grpc/grpc-js';

export class CaseFailure extends Error {}

export const statusName = (code) => Object.keys(grpc.status).find((name) => grpc.status[name] === code) ?? String(code);

export function expect(condition, message) {
  if (!condition) {
    throw new CaseFailure(message);
  }
}

export function expectCode(status, code, what) {
  expect(status.code === code,
    `${what}: expected ${statusName(code)}, got ${statusName(status.code)} ${JSON.stringify(status.details)}`);
}

export const expectOk = (status, what) => expectCode(status, grpc.status.OK, what);
export const zeros = (size) => ({ body: Buffer.alloc(size) });
export const bodyLength = (message) => message?.payload?.body?.length ?? 0;
export const largeUnaryRequest = (extra = {}) => ({ response_size: 314159, payload: zeros(271828), ...extra });

export function checkLargeResponse(result, what) {
  expectOk(result.status, what);
  const body = result.response?.payload?.body ?? Buffer.alloc(0);
  expect(body.length === 314159, `${what}: response payload is ${body.length} bytes, want 314159`);
  expect(body.equals(Buffer.alloc(314159)), `${what}: response payload is not zeros`);
}

export function checkSizes(messages, sizes) {
  const got = messages.map(bodyLength);
  expect(JSON.stringify(got) === JSON.stringify(sizes), `response sizes ${JSON.stringify(got)}, want ${JSON.stringify(sizes)}`);
}
