// The buf curl driver: every case against the grpc-js server through server reflection, the
// non-reflection cases against the grpcio server with --schema, a negative check that the
// driver reports failure when reflection is missing, and buf lint of the interop proto.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, bufDriver, runJsonLines, NODE_DIR, PROTO_ROOT } from '../lib/peer-processes.mjs';

const table = JSON.parse(readFileSync(path.join(NODE_DIR, 'buf-curl-cases.json'), 'utf8'));

function checkLine(lines, name, output) {
  const line = lines.find((candidate) => candidate.case === name);
  assert.ok(line, `buf curl driver printed no result line for ${name}:\n${output}`);
  assert.equal(line.peer, 'buf-curl');
  return line;
}

describe('buf curl against the grpc-js server (reflection)', () => {
  let server;
  let run;
  before(async () => {
    server = await startServer('grpc-js');
    run = await bufDriver(server.target);
  });
  after(async () => { await server?.stop(); });

  for (const spec of table.cases) {
    test(spec.name, () => {
      const line = checkLine(run.lines, spec.name, run.output);
      assert.equal(line.passed, true, `${line.detail}\n${line.command}`);
    });
  }
  test('driver exit code is 0 when every case passed', () => {
    assert.equal(run.exit, 0, run.output);
  });
});

describe('buf curl against the grpcio server (--schema)', () => {
  let server;
  before(async () => { server = await startServer('grpcio'); });
  after(async () => { await server?.stop(); });

  test('every non-reflection case passes, reflection cases are skipped', async () => {
    const { exit, lines, output } = await bufDriver(server.target, ['--schema', PROTO_ROOT]);
    for (const spec of table.cases) {
      const line = checkLine(lines, spec.name, output);
      assert.equal(line.passed, spec.needs_reflection ? null : true, `${spec.name}: ${line.detail}`);
    }
    assert.equal(exit, 0, output);
  });

  test('without reflection on the server the driver reports the failure', async () => {
    const { exit, lines, output } = await bufDriver(server.target, ['--case', 'list_services']);
    const line = checkLine(lines, 'list_services', output);
    assert.equal(line.passed, false);
    assert.match(line.detail, /exit 1, want 0/);
    assert.equal(exit, 1);
  });
});

test('the interop proto passes buf lint (tests/protos/buf.yaml)', async () => {
  const buf = path.join(NODE_DIR, 'node_modules', '.bin', 'buf');
  const { exit, output } = await runJsonLines([buf, 'lint', PROTO_ROOT]);
  assert.equal(exit, 0, output);
});
