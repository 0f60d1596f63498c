// Loads tests/protos/lotus/interop/v1/interop.proto with @grpc/proto-loader (no generated code).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PROTO_ROOT = path.resolve(here, '..', '..', '..', 'protos');
export const PROTO_FILE = 'lotus/interop/v1/interop.proto';

// keepCase: field names as in the .proto; defaults: unset scalars read as defaults and unset
// messages (wrappers included) as null, so `expect_compressed` can be told apart from false.
export const LOADER_OPTIONS = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

export const packageDefinition = protoLoader.loadSync(PROTO_FILE, LOADER_OPTIONS);
const loaded = grpc.loadPackageDefinition(packageDefinition);
export const v1 = loaded.lotus.interop.v1;

export const TEST_SERVICE = 'lotus.interop.v1.TestService';
export const UNIMPLEMENTED_SERVICE = 'lotus.interop.v1.UnimplementedService';
export const BENCHMARK_SERVICE = 'lotus.interop.v1.BenchmarkService';
export const MAX_RECEIVE_BYTES = 4 * 1024 * 1024;
export const ECHO_INITIAL_KEY = 'x-grpc-test-echo-initial';
export const ECHO_TRAILING_KEY = 'x-grpc-test-echo-trailing-bin';
