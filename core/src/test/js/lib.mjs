// Shared by peer.mjs and bench-js.mjs: the node configuration, the test protocols and stream helpers.
import './polyfill.mjs'
import { createHash } from 'node:crypto'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify, identifyPush } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'

export const ECHO_PROTOCOL = '/wirepunch/test/echo/1.0.0'
export const BULK_PROTOCOL = '/wirepunch/test/bulk/1.0.0'
/** The perf protocol of libp2p/specs perf/perf.md, as js-libp2p's perf service speaks it. */
export const PERF_PROTOCOL = '/perf/1.0.0'
/** The public DHT's protocol id, which our Kademlia speaks too. */
export const KAD_PROTOCOL = '/ipfs/kad/1.0.0'
/** Modes of the optional DHT service: answering queries (server) or only asking (client). */
export const DHT_MODES = ['server', 'client']

/** Byte limit per relayed circuit that a `--relay-server` peer grants unless told otherwise (js's own default is 128 KiB). */
export const TEST_RELAY_DATA_LIMIT = 4 * 1024 * 1024

/** Stream limits for the test protocols: high enough for 100+ concurrent streams on one connection. */
export const MAX_TEST_STREAMS = 4096
/** Size of each chunk written by the bulk and perf senders (the js perf service uses 64 KiB too). */
export const WRITE_BLOCK_SIZE = 64 * 1024

/**
 * The deterministic bulk pattern: byte i of a stream is (i mod 251). 251 is prime, so chunks
 * that are reordered, repeated or dropped change the content and its SHA-256.
 */
export const PATTERN_MODULUS = 251
const PATTERN = new Uint8Array(WRITE_BLOCK_SIZE + PATTERN_MODULUS)
for (let i = 0; i < PATTERN.length; i++) PATTERN[i] = i % PATTERN_MODULUS
const ZEROS = new Uint8Array(WRITE_BLOCK_SIZE)

/** The pattern bytes [offset, offset + length), length <= WRITE_BLOCK_SIZE, without copying. */
export function patternSlice (offset, length) {
  const start = offset % PATTERN_MODULUS
  return PATTERN.subarray(start, start + length)
}

/** SHA-256 (hex) of the first n pattern bytes. */
export function patternSha256 (n) {
  const h = createHash('sha256')
  for (let off = 0; off < n; off += WRITE_BLOCK_SIZE) h.update(patternSlice(off, Math.min(WRITE_BLOCK_SIZE, n - off)))
  return h.digest('hex')
}

/** Each chunk a stream yields (Uint8Array or Uint8ArrayList) as plain Uint8Arrays, without copying. */
export function * parts (chunk) {
  if (chunk instanceof Uint8Array) yield chunk
  else yield * chunk
}

/** Sends data, waiting for the stream to drain when its send buffer is full. */
export async function send (stream, data, signal) {
  if (!stream.send(data)) await stream.onDrain({ signal })
}

/** Sends n bytes produced by slice(offset, length) in WRITE_BLOCK_SIZE chunks, honouring back-pressure. */
export async function sendBytes (stream, n, slice, signal) {
  for (let off = 0; off < n; off += WRITE_BLOCK_SIZE) {
    signal?.throwIfAborted()
    await send(stream, slice(off, Math.min(WRITE_BLOCK_SIZE, n - off)), signal)
  }
}

export const sendPattern = (stream, n, signal) => sendBytes(stream, n, patternSlice, signal)
export const sendZeros = (stream, n, signal) => sendBytes(stream, n, (_off, len) => ZEROS.subarray(0, len), signal)

/** 8-byte big-endian unsigned length, as the bulk and perf protocols send first. */
export function u64be (n) {
  const b = new Uint8Array(8)
  new DataView(b.buffer).setBigUint64(0, BigInt(n), false)
  return b
}

/**
 * Reads a stream to its end (the remote's half-close). The first `headerLength` bytes are
 * handed to onHeader and not counted; the rest are hashed (SHA-256) and counted.
 */
export async function drain (stream, { headerLength = 0, onHeader, hash = true } = {}) {
  const h = hash ? createHash('sha256') : null
  const header = new Uint8Array(headerLength)
  let headerFill = 0
  let bytes = 0
  for await (const chunk of stream) {
    for (let buf of parts(chunk)) {
      if (headerFill < headerLength) {
        const take = Math.min(headerLength - headerFill, buf.length)
        header.set(buf.subarray(0, take), headerFill)
        headerFill += take
        buf = buf.subarray(take)
        if (headerFill === headerLength) onHeader?.(header)
      }
      if (buf.length > 0) {
        bytes += buf.length
        h?.update(buf)
      }
    }
  }
  if (headerFill < headerLength) throw new Error(`stream ended after ${headerFill} of ${headerLength} header bytes`)
  return { bytes, sha256: h?.digest('hex') }
}

const readU64 = (header) => Number(new DataView(header.buffer, header.byteOffset, 8).getBigUint64(0, false))

/**
 * Registers the echo, bulk and perf responders. `report(event)` receives one object per
 * finished inbound bulk or perf stream.
 */
export async function handleTestProtocols (node, report = () => {}) {
  // Relayed connections carry limits, and js serves a protocol on them only when it says so.
  const options = { maxInboundStreams: MAX_TEST_STREAMS, maxOutboundStreams: MAX_TEST_STREAMS, runOnLimitedConnection: true }
  const fail = (protocol, stream, connection, err) => {
    report({ event: 'stream-error', protocol, peer: connection.remotePeer.toString(), error: String(err?.message ?? err) })
    stream.abort(err instanceof Error ? err : new Error(String(err)))
  }

  await node.handle(ECHO_PROTOCOL, async (stream, connection) => {
    try {
      for await (const chunk of stream) {
        for (const buf of parts(chunk)) await send(stream, buf)
      }
      await stream.close()
    } catch (err) { fail(ECHO_PROTOCOL, stream, connection, err) }
  }, options)

  // Reads the 8-byte count N, then sends N pattern bytes while reading everything else until
  // the remote half-closes; reports the SHA-256 of what it read (after the count).
  await node.handle(BULK_PROTOCOL, async (stream, connection) => {
    const start = performance.now()
    try {
      let sending = null
      const { bytes, sha256 } = await drain(stream, {
        headerLength: 8,
        onHeader: (header) => {
          const n = readU64(header)
          sending = sendPattern(stream, n).then(() => stream.close()).then(() => n)
          sending.catch(() => {}) // awaited below; keeps an early failure from being unhandled
        }
      })
      const sent = await sending
      report({ event: 'bulk', peer: connection.remotePeer.toString(), streamId: stream.id, received: bytes, sha256, sent, ms: Math.round(performance.now() - start) })
    } catch (err) { fail(BULK_PROTOCOL, stream, connection, err) }
  }, options)

  // perf server: reads the 8-byte count N and the upload until the remote half-closes, then sends N bytes.
  await node.handle(PERF_PROTOCOL, async (stream, connection) => {
    const start = performance.now()
    try {
      let n = null
      const { bytes } = await drain(stream, { headerLength: 8, hash: false, onHeader: (h) => { n = readU64(h) } })
      await sendZeros(stream, n)
      await stream.close()
      report({ event: 'perf', peer: connection.remotePeer.toString(), received: bytes, sent: n, ms: Math.round(performance.now() - start) })
    } catch (err) { fail(PERF_PROTOCOL, stream, connection, err) }
  }, options)
}

/**
 * The kad-dht service for a loopback network, loaded only by peers that run it. The mode is fixed:
 * left to itself the service stays a client until it sees a public address of its own, which
 * loopback never gives. Peer addresses pass unfiltered, where the default drops private ones (and
 * so every loopback address).
 */
async function dhtService (mode) {
  if (!DHT_MODES.includes(mode)) throw new Error(`DHT mode must be one of ${DHT_MODES.join(', ')}, not ${mode}`)
  const { kadDHT, passthroughMapper } = await import('@libp2p/kad-dht')
  return kadDHT({
    protocol: KAD_PROTOCOL,
    clientMode: mode === 'client',
    peerInfoMapper: passthroughMapper
  })
}

/**
 * The circuit relay v2 hop service, loaded only by peers that relay. Reservations carry a data
 * limit per circuit (both directions together, as js counts it) of `dataLimit` bytes; the
 * duration limit stays js's default.
 */
async function relayServerService (dataLimit) {
  const { circuitRelayServer } = await import('@libp2p/circuit-relay-v2')
  return circuitRelayServer({ reservations: { defaultDataLimit: BigInt(dataLimit) } })
}

/**
 * A TCP + Noise + Yamux node with identify (+push) and ping, configured permissively for
 * loopback tests: no connection gater, no inbound rate limit for loopback hosts. With `dht`
 * ('server' or 'client') it runs kad-dht too, as `node.services.dht`. With `relayServer` it
 * relays (`node.services.relay`, circuits of at most `relayDataLimit` bytes); with `relayClient`
 * it dials and listens on `/p2p-circuit` addresses through relays.
 */
export async function createNode ({ listen = ['/ip4/127.0.0.1/tcp/0'], privateKey, agentVersion, yamuxInit = {}, dht, relayServer = false, relayClient = false, relayDataLimit = TEST_RELAY_DATA_LIMIT, dcutr = false } = {}) {
  const services = {
    identify: identify(),
    identifyPush: identifyPush(),
    ping: ping()
  }
  if (dht != null) services.dht = await dhtService(dht)
  if (relayServer) services.relay = await relayServerService(relayDataLimit)
  if (dcutr) {
    // DCUtR (hole punching over a relayed connection); it needs identify, which every node runs.
    const { dcutr: dcutrService } = await import('@libp2p/dcutr')
    services.dcutr = dcutrService()
  }
  const transports = [tcp()]
  if (relayClient) {
    const { circuitRelayTransport } = await import('@libp2p/circuit-relay-v2')
    // Reservations are made by the `reserve` command only; the transport's own search for relays stays idle.
    transports.push(circuitRelayTransport())
  }
  return createLibp2p({
    privateKey,
    nodeInfo: agentVersion ? { userAgent: agentVersion } : undefined,
    addresses: { listen },
    transports,
    connectionEncrypters: [noise()],
    streamMuxers: [yamux(yamuxInit)],
    connectionGater: {
      denyDialMultiaddr: () => false
    },
    connectionManager: {
      // loopback hosts bypass the inbound connection rate limit (default: 5 per second per host)
      allow: ['/ip4/127.0.0.0/ipcidr/8', '/ip6/::1/ipcidr/128'],
      inboundConnectionThreshold: 1_000_000,
      maxIncomingPendingConnections: 1_000,
      maxConnections: 10_000
    },
    services
  })
}

/** Reads the perf protocol as a client over an open stream: sends `upload` bytes, reads `download`. */
export async function perfClient (stream, upload, download, signal) {
  const t0 = performance.now()
  // Read from the start: a stream without a reader buffers what arrives, and aborts itself once
  // that passes its read-buffer limit (4 MB), which a fast server reaches while close() settles.
  const received = drain(stream, { hash: false })
  received.catch(() => {}) // awaited below; this only keeps an early failure from going unhandled
  await send(stream, u64be(download), signal)
  await sendZeros(stream, upload, signal)
  await stream.close({ signal })
  const t1 = performance.now()
  const { bytes } = await received
  const t2 = performance.now()
  if (bytes !== download) throw new Error(`perf: expected ${download} bytes, received ${bytes}`)
  return { uploadBytes: upload, downloadBytes: bytes, uploadSeconds: (t1 - t0) / 1000, downloadSeconds: (t2 - t1) / 1000, seconds: (t2 - t0) / 1000 }
}
