// grpc-js client cases against the grpcio and grpc-js servers (one test per case per server),
// plus a bounded bench_client run per mode.
// Run: cd tests/interop/node && node --test   (after tests/interop/setup.sh)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { CASES } from '../lib/cases.mjs';
import { startServer, grpcJsClient, runJsonLines, NODE_DIR } from '../lib/peer-processes.mjs';

// grpc-js servers never compress responses; against them the client's compressed-flag check
// must report the missing flag (proves the check is real instead of skipping the pair).
const CANNOT_EXPRESS = {
  'grpc-js/server_compressed_unary': 'flag not set',
  'grpc-js/server_compressed_streaming': 'want [true,false]',
};

for (const kind of ['grpcio', 'grpc-js']) {
  describe(`grpc-js client against the ${kind} server`, () => {
    let server;
    before(async () => { server = await startServer(kind); });
    after(async () => { await server?.stop(); });

    for (const name of CASES) {
      test(name, async () => {
        const { exit, lines, output } = await grpcJsClient(server.target, name);
        assert.equal(lines.length, 1, `grpc-js client printed no single result line:\n${output}`);
        const [result] = lines;
        assert.equal(result.peer, 'grpc-js');
        assert.equal(result.case, name);
        assert.equal(exit === 0, result.passed === true, output);
        const expectedFailure = CANNOT_EXPRESS[`${kind}/${name}`];
        if (expectedFailure) {
          assert.equal(result.passed, false, `grpc-js server unexpectedly compressed: ${JSON.stringify(result)}`);
          assert.ok(result.detail.includes(expectedFailure), result.detail);
        } else {
          assert.equal(result.passed, true, result.detail);
        }
      });
    }

    for (const mode of ['echo', 'stream']) {
      test(`bench_client ${mode} completes a bounded run`, async () => {
        const { exit, lines, output } = await runJsonLines([process.execPath, path.join(NODE_DIR, 'bench_client.mjs'),
          '--target', server.target, '--mode', mode, '--calls', '40', '--concurrency', '2', '--stream-count', '5']);
        assert.equal(lines.length, 1, `bench client printed no single result line:\n${output}`);
        const [result] = lines;
        assert.deepEqual([result.calls, result.errors, result.messages], [40, 0, mode === 'echo' ? 40 : 200]);
        assert.equal(exit, 0, output);
      });
    }
  });
}
