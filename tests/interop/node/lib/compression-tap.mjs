// Makes the per-message compressed flag observable to our peers. grpc-js decompresses inside
// the library and exposes no flag, so we wrap two internal methods of the pinned version
// (1.14.x; see package.json) and remember which decoded bodies came from a compressed frame:
//   server: BaseServerInterceptingCall.prototype.decompressMessage(framedMessage, encoding)
//   client: CompressionFilter.prototype.receiveMessage(framedMessage)
// Deserializers wrapped by tagDeserializer() then mark the decoded message object, and
// isCompressed(message) reads the mark. If grpc-js changes shape, install() throws instead of
// silently reporting "uncompressed".
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const compressedBodies = new WeakSet();
const COMPRESSED = Symbol('lotus.interop.compressed');
let installed = false;

function remember(framed, result) {
  if (framed.readUInt8(0) !== 1) {
    return result;
  }
  if (result && typeof result.then === 'function') {
    return result.then((body) => {
      compressedBodies.add(body);
      return body;
    });
  }
  compressedBodies.add(result);
  return result;
}

export function install() {
  if (installed) {
    return;
  }
  const serverCalls = require('@grpc/grpc-js/build/src/server-interceptors.js');
  const filters = require('@grpc/grpc-js/build/src/compression-filter.js');
  const serverProto = serverCalls.BaseServerInterceptingCall?.prototype;
  const clientProto = filters.CompressionFilter?.prototype;
  if (typeof serverProto?.decompressMessage !== 'function' || typeof clientProto?.receiveMessage !== 'function') {
    throw new Error('grpc-js internals changed: cannot observe compressed flags (update lib/compression-tap.mjs)');
  }
  const serverOriginal = serverProto.decompressMessage;
  serverProto.decompressMessage = function decompressMessage(framed, encoding) {
    return remember(framed, serverOriginal.call(this, framed, encoding));
  };
  const clientOriginal = clientProto.receiveMessage;
  clientProto.receiveMessage = async function receiveMessage(message) {
    const framed = await message;
    return remember(framed, await clientOriginal.call(this, framed));
  };
  installed = true;
}

export function tagDeserializer(deserialize) {
  return (body) => {
    const message = deserialize(body);
    if (message !== null && typeof message === 'object') {
      Object.defineProperty(message, COMPRESSED, { value: compressedBodies.has(body), enumerable: false });
    }
    return message;
  };
}

// Returns true/false for a message decoded through a tagged deserializer, undefined otherwise.
export function isCompressed(message) {
  return message?.[COMPRESSED];
}

// Copy of a service definition whose request and response deserializers tag messages.
export function tagServiceDefinition(definition) {
  const copy = {};
  for (const [name, method] of Object.entries(definition)) {
    copy[name] = {
      ...method,
      requestDeserialize: tagDeserializer(method.requestDeserialize),
      responseDeserialize: tagDeserializer(method.responseDeserialize),
    };
  }
  return copy;
}
