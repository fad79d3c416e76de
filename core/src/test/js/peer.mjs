// A long-running js-libp2p node scripted over stdin/stdout with JSON lines (see README.md).
//
//   node peer.mjs [--listen MULTIADDR]... [--key BASE64] [--agent STRING] [--dht server|client]
//                 [--relay-server [--relay-data-limit BYTES]] [--relay-client] [--dcutr]
//
// stdout carries only JSON lines: first {"event":"ready",...}, then one answer per command
// (same "id") and event lines ({"event":...}). Diagnostics go to stderr. The process stops
// on the "stop" command or when stdin closes.
import { setMaxListeners } from 'node:events'
import { createInterface } from 'node:readline'
import { privateKeyFromProtobuf, publicKeyFromProtobuf, publicKeyToProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromMultihash, peerIdFromPublicKey, peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'
import {
  BULK_PROTOCOL, DHT_MODES, ECHO_PROTOCOL, MAX_TEST_STREAMS, PERF_PROTOCOL,
  TEST_RELAY_DATA_LIMIT, createNode, drain, handleTestProtocols, parts, perfClient, send, sendPattern, u64be
} from './lib.mjs'

const DEFAULT_TIMEOUT_MS = 60_000
/** How long `bootstrap` waits for the dialled peer to enter the routing table (js pings it first). */
const TABLE_ADMISSION_WAIT_MS = 10_000
/** Providers `findProviders` collects unless told otherwise: k, where js's own search stops too. */
const DEFAULT_MAX_PROVIDERS = 20
/** The signed-envelope domain and payload type of a reservation voucher (circuit relay v2). */
const VOUCHER_DOMAIN = 'libp2p-relay-rsvp'
const VOUCHER_PAYLOAD_TYPE = Uint8Array.of(0x03, 0x02)
/** How often `reserve` looks for its circuit addresses among the node's own while it waits. */
const RESERVE_POLL_MS = 25

function emit (obj) {
  process.stdout.write(JSON.stringify(obj) + '\n')
}

function log (...args) {
  process.stderr.write(`[js-peer] ${args.join(' ')}\n`)
}

function parseArgs (argv) {
  const opts = { listen: [], key: undefined, agent: undefined, dht: undefined, relayServer: false, relayClient: false, relayDataLimit: TEST_RELAY_DATA_LIMIT, dcutr: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value after ${a}`)
      return argv[++i]
    }
    if (a === '--listen') opts.listen.push(value())
    else if (a === '--key') opts.key = value()
    else if (a === '--agent') opts.agent = value()
    else if (a === '--dht') opts.dht = value()
    else if (a === '--relay-server') opts.relayServer = true
    else if (a === '--relay-client') opts.relayClient = true
    else if (a === '--dcutr') opts.dcutr = true
    else if (a === '--relay-data-limit') opts.relayDataLimit = Number(value())
    else throw new Error(`unknown argument ${a}`)
  }
  if (opts.listen.length === 0) opts.listen.push('/ip4/127.0.0.1/tcp/0')
  if (!Number.isSafeInteger(opts.relayDataLimit) || opts.relayDataLimit <= 0) throw new Error('--relay-data-limit takes a positive number of bytes')
  if (opts.dht != null && !DHT_MODES.includes(opts.dht)) throw new Error(`--dht takes ${DHT_MODES.join(' or ')}, not ${opts.dht}`)
  return opts
}

// Errors never end the process: they are reported on stderr (and to the caller when a command failed).
process.on('uncaughtException', (err) => log('uncaught exception:', err?.stack ?? err))
process.on('unhandledRejection', (err) => log('unhandled rejection:', err?.stack ?? err))
process.stdout.on('error', () => process.exit(0)) // the driver went away

const opts = parseArgs(process.argv.slice(2))
const privateKey = opts.key ? privateKeyFromProtobuf(Buffer.from(opts.key, 'base64')) : undefined
// js-libp2p's Yamux lets a stream's receive window grow to 16 MiB, but a stream aborts itself once
// more than 4 MB wait unread; a loaded test machine can fall that far behind a fast sender, so
// the test peer keeps its window below that limit.
const TEST_MAX_STREAM_WINDOW = 2 * 1024 * 1024
const node = await createNode({
  listen: opts.listen,
  privateKey,
  agentVersion: opts.agent,
  yamuxInit: { maxStreamWindowSize: TEST_MAX_STREAM_WINDOW },
  dht: opts.dht,
  relayServer: opts.relayServer,
  relayClient: opts.relayClient,
  relayDataLimit: opts.relayDataLimit,
  dcutr: opts.dcutr
})

const addrs = (list) => list.map(ma => ma.toString())
const isCircuit = (ma) => ma.toString().includes('/p2p-circuit')
const connInfo = (c) => ({
  id: c.id,
  remotePeer: c.remotePeer.toString(),
  remoteAddr: c.remoteAddr.toString(),
  direction: c.direction,
  status: c.status,
  multiplexer: c.multiplexer ?? null,
  encryption: c.encryption ?? null,
  streams: c.streams.map(s => s.protocol ?? null),
  relayed: isCircuit(c.remoteAddr),
  limits: c.limits == null ? null : { bytes: c.limits.bytes != null ? String(c.limits.bytes) : null, seconds: c.limits.seconds ?? null }
})
const identifyInfo = (r) => ({
  peerId: r.peerId.toString(),
  agentVersion: r.agentVersion ?? null,
  protocolVersion: r.protocolVersion ?? null,
  protocols: [...r.protocols].sort(),
  listenAddrs: addrs(r.listenAddrs ?? []),
  observedAddr: r.observedAddr?.toString() ?? null,
  publicKey: r.publicKey ? Buffer.from(r.publicKey).toString('base64') : null,
  signedPeerRecord: r.signedPeerRecord ? { seq: String(r.signedPeerRecord.seq), addresses: addrs(r.signedPeerRecord.addresses) } : null
})

node.addEventListener('peer:connect', (e) => emit({ event: 'peer:connect', peer: e.detail.toString() }))
node.addEventListener('peer:disconnect', (e) => emit({ event: 'peer:disconnect', peer: e.detail.toString() }))
node.addEventListener('connection:open', (e) => emit({ event: 'connection:open', ...connInfo(e.detail) }))
node.addEventListener('connection:close', (e) => emit({ event: 'connection:close', ...connInfo(e.detail) }))
// The automatic identify that runs when a connection opens, per connection: js allows one
// inbound identify stream at a time, so an explicit identify waits for the automatic one.
const autoIdentify = new WeakMap()
function autoIdentifyOf (connection) {
  let entry = autoIdentify.get(connection)
  if (entry == null) {
    entry = Promise.withResolvers()
    autoIdentify.set(connection, entry)
  }
  return entry
}
node.addEventListener('peer:identify', (e) => {
  autoIdentifyOf(e.detail.connection).resolve(e.detail)
  emit({ event: 'peer:identify', ...identifyInfo(e.detail) })
})
const AUTO_IDENTIFY_WAIT_MS = 5_000

node.services.dht?.routingTable.addEventListener('peer:add', (e) => emit({ event: 'dht:peer:add', peer: e.detail.toString() }))
node.services.dht?.routingTable.addEventListener('peer:remove', (e) => emit({ event: 'dht:peer:remove', peer: e.detail.toString() }))

await handleTestProtocols(node, emit)

/** A dial target from a command: "ma" (a multiaddr, with or without /p2p/) or "peer" (a peer id). */
function target (cmd) {
  if (typeof cmd.ma === 'string') return multiaddr(cmd.ma)
  if (typeof cmd.peer === 'string') return peerIdFromString(cmd.peer)
  throw new Error('command needs "ma" (multiaddr) or "peer" (peer id)')
}

function requireInt (cmd, name, dflt) {
  const v = cmd[name] ?? dflt
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`"${name}" must be a non-negative integer`)
  return v
}

/** The DHT service; commands that need it fail on a peer started without --dht. */
function dht () {
  const service = node.services.dht
  if (service == null) throw new Error('the DHT is off: start the peer with --dht server|client')
  return service
}

/** The relay client transport; commands that need it fail on a peer started without --relay-client. */
function relayTransport () {
  const transport = node.components.transportManager.getTransports()
    .find(t => t[Symbol.toStringTag] === '@libp2p/circuit-relay-v2-transport')
  if (transport == null) throw new Error('the relay client is off: start the peer with --relay-client')
  return transport
}

/** The relay service; commands that need it fail on a peer started without --relay-server. */
function relayService () {
  const service = node.services.relay
  if (service == null) throw new Error('the relay server is off: start the peer with --relay-server')
  return service
}

function varint (n) {
  const out = []
  let v = BigInt(n)
  do {
    let b = Number(v & 0x7fn)
    v >>= 7n
    if (v > 0n) b |= 0x80
    out.push(b)
  } while (v > 0n)
  return Uint8Array.from(out)
}

const concat = (...arrays) => Uint8Array.from(Buffer.concat(arrays.map(a => Buffer.from(a))))
const lengthPrefixed = (bytes) => concat(varint(bytes.length), bytes)

/**
 * Checks the voucher of a reservation as a relay client should: the envelope's signature over
 * (domain, payload type, payload) by the relay's key, the payload naming this relay, this peer and
 * the reservation's expiry. js reads the voucher into fields, so the payload is encoded again here
 * (relay = 1, peer = 2, expiration = 3, in field order, as the spec's proto lays it out); an
 * encoding that differs from the relay's makes the signature fail.
 */
async function checkVoucher (voucher, relay, expire) {
  if (voucher == null) return { present: false, verified: false, problems: ['no voucher'] }
  const problems = []
  const payload = voucher.payload ?? {}
  const publicKey = publicKeyFromProtobuf(voucher.publicKey)
  const signer = peerIdFromPublicKey(publicKey)
  if (!signer.equals(relay)) problems.push(`signed by ${signer}, not the relay`)
  if (!Buffer.from(voucher.payloadType).equals(Buffer.from(VOUCHER_PAYLOAD_TYPE))) problems.push(`payload type ${Buffer.from(voucher.payloadType).toString('hex')}`)
  const voucherRelay = payload.relay ? peerIdFromMultihash(Digest.decode(payload.relay)) : null
  const voucherPeer = payload.peer ? peerIdFromMultihash(Digest.decode(payload.peer)) : null
  if (!voucherRelay?.equals(relay)) problems.push(`names relay ${voucherRelay}`)
  if (!voucherPeer?.equals(node.peerId)) problems.push(`names peer ${voucherPeer}`)
  if (payload.expiration !== expire) problems.push(`expiration ${payload.expiration}, reservation ${expire}`)
  const encoded = concat(
    payload.relay ? concat([0x0a], lengthPrefixed(payload.relay)) : [],
    payload.peer ? concat([0x12], lengthPrefixed(payload.peer)) : [],
    payload.expiration != null ? concat([0x18], varint(payload.expiration)) : [])
  const signed = concat(lengthPrefixed(Buffer.from(VOUCHER_DOMAIN)), lengthPrefixed(voucher.payloadType), lengthPrefixed(encoded))
  const signatureOk = await publicKey.verify(signed, voucher.signature)
  if (!signatureOk) problems.push('bad signature')
  return {
    present: true,
    verified: problems.length === 0,
    problems,
    relay: voucherRelay?.toString() ?? null,
    peer: voucherPeer?.toString() ?? null,
    expiration: payload.expiration != null ? String(payload.expiration) : null
  }
}

const limitInfo = (limit) => limit == null ? null : { duration: limit.duration ?? null, data: limit.data != null ? String(limit.data) : null }

/** Our addresses through `relay` among the node's own, once the listener has taken the reservation. */
const circuitAddrsVia = (relay) => addrs(node.getMultiaddrs().filter(ma => isCircuit(ma) && ma.toString().includes(`/p2p/${relay}/p2p-circuit`)))

const peerInfo = (p) => ({ peer: p.id.toString(), addrs: addrs(p.multiaddrs ?? []) })

/** The CID a command names in "cid" (any multibase js reads, e.g. base32 "bafk…"). */
function cidOf (cmd) {
  if (typeof cmd.cid !== 'string') throw new Error('command needs "cid"')
  return CID.parse(cmd.cid)
}

/** A DHT key from "key" (base64), "cid" (its multihash, as provider records use) or "peer" (its multihash). */
function dhtKey (cmd) {
  if (typeof cmd.key === 'string') return Buffer.from(cmd.key, 'base64')
  if (typeof cmd.cid === 'string') return cidOf(cmd).multihash.bytes
  if (typeof cmd.peer === 'string') return peerIdFromString(cmd.peer).toMultihash().bytes
  throw new Error('command needs "key" (base64), "cid" or "peer"')
}

function tablePeers () {
  const kb = dht().routingTable.kb
  return kb == null ? [] : [...kb.toIterable()].map(p => p.peerId.toString())
}

/** Resolves once `peer` is in the routing table; rejects when `signal` aborts first. */
async function inRoutingTable (peer, signal) {
  const table = dht().routingTable
  await new Promise((resolve, reject) => {
    const done = () => {
      table.removeEventListener('peer:add', onAdd)
      signal.removeEventListener('abort', onAbort)
    }
    const onAdd = () => { if (tablePeers().includes(peer)) { done(); resolve() } }
    const onAbort = () => { done(); reject(new Error(`${peer} did not enter the routing table: ${signal.reason?.message ?? signal.reason}`)) }
    table.addEventListener('peer:add', onAdd)
    signal.addEventListener('abort', onAbort, { once: true })
    onAdd()
    if (signal.aborted) onAbort()
  })
}

async function openStream (cmd, protocol, signal) {
  const connection = await node.dial(target(cmd), { signal })
  const stream = await connection.newStream(protocol, { signal, maxOutboundStreams: MAX_TEST_STREAMS, runOnLimitedConnection: true })
  return { connection, stream }
}

/** One bulk stream as the dialler: sends N, then N pattern bytes while reading until the remote half-closes. */
async function bulkStream (connection, bytes, signal) {
  const start = performance.now()
  const stream = await connection.newStream(BULK_PROTOCOL, { signal, maxOutboundStreams: MAX_TEST_STREAMS, runOnLimitedConnection: true })
  try {
    const sending = (async () => {
      await send(stream, u64be(bytes), signal)
      await sendPattern(stream, bytes, signal)
      await stream.close({ signal })
    })()
    const [received] = await Promise.all([drain(stream), sending])
    return { ok: true, received: received.bytes, sha256: received.sha256, ms: Math.round(performance.now() - start) }
  } catch (err) {
    stream.abort(err)
    return { ok: false, error: String(err?.message ?? err), ms: Math.round(performance.now() - start) }
  }
}

const commands = {
  async dial (cmd, signal) {
    const c = await node.dial(target(cmd), { signal })
    return { peer: c.remotePeer.toString(), connection: connInfo(c) }
  },

  async hangup (cmd, signal) {
    await node.hangUp(target(cmd), { signal })
    return {}
  },

  async ping (cmd, signal) {
    const rtt = await node.services.ping.ping(target(cmd), { signal })
    return { rtt }
  },

  // Runs identify on the connection to the target (dialling it when needed) and returns what js learned.
  async identify (cmd, signal) {
    const c = await node.dial(target(cmd), { signal })
    const waited = AbortSignal.any([signal, AbortSignal.timeout(AUTO_IDENTIFY_WAIT_MS)])
    await new Promise((resolve) => {
      autoIdentifyOf(c).promise.then(resolve, resolve)
      waited.addEventListener('abort', resolve, { once: true })
    })
    const result = await node.services.identify.identify(c, { signal })
    return identifyInfo(result)
  },

  // What the peer store holds about a peer (as identify / identify push left it).
  async peerstore (cmd) {
    const peer = await node.peerStore.get(peerIdFromString(cmd.peer))
    const meta = (k) => peer.metadata.get(k) ? Buffer.from(peer.metadata.get(k)).toString() : null
    return {
      peer: peer.id.toString(),
      protocols: [...peer.protocols].sort(),
      addresses: peer.addresses.map(a => a.multiaddr.toString()),
      agentVersion: meta('AgentVersion'),
      protocolVersion: meta('ProtocolVersion')
    }
  },

  // Sends "data" (base64) on an echo stream, half-closes, returns what came back (base64).
  async echo (cmd, signal) {
    const data = Buffer.from(cmd.data ?? '', 'base64')
    const { stream } = await openStream(cmd, ECHO_PROTOCOL, signal)
    try {
      const start = performance.now()
      const chunks = []
      const reading = (async () => { for await (const chunk of stream) for (const b of parts(chunk)) chunks.push(Buffer.from(b)) })()
      if (data.length > 0) await send(stream, data, signal)
      await stream.close({ signal })
      await reading
      return { data: Buffer.concat(chunks).toString('base64'), ms: Math.round(performance.now() - start) }
    } catch (err) {
      stream.abort(err)
      throw err
    }
  },

  // K concurrent bulk streams on one connection, each sending and receiving M bytes.
  async bulk (cmd, signal) {
    const streams = requireInt(cmd, 'streams', 1)
    const bytes = requireInt(cmd, 'bytes')
    const connection = await node.dial(target(cmd), { signal })
    const start = performance.now()
    const results = await Promise.all(Array.from({ length: streams }, () => bulkStream(connection, bytes, signal)))
    return { ok: results.every(r => r.ok), streams: results, ms: Math.round(performance.now() - start), multiplexer: connection.multiplexer ?? null }
  },

  // The perf protocol as a client: upload U bytes, download D bytes. A new connection unless "reuse".
  async perf (cmd, signal) {
    const upload = requireInt(cmd, 'upload', 0)
    const download = requireInt(cmd, 'download', 0)
    const t0 = performance.now()
    const connection = await node.dial(target(cmd), { signal, force: cmd.reuse !== true })
    const stream = await connection.newStream(PERF_PROTOCOL, { signal, maxOutboundStreams: MAX_TEST_STREAMS, runOnLimitedConnection: true })
    try {
      const r = await perfClient(stream, upload, download, signal)
      return { ...r, connectSeconds: (performance.now() - t0) / 1000 - r.seconds }
    } catch (err) {
      stream.abort(err)
      throw err
    }
  },

  // Reserves a slot on the relay at "ma" by listening on <ma>/p2p-circuit; answers once the
  // reservation exists and the node announces addresses through the relay.
  async reserve (cmd, signal) {
    if (typeof cmd.ma !== 'string') throw new Error('command needs "ma" (the relay\'s multiaddr with /p2p/)')
    const relayAddr = multiaddr(cmd.ma)
    const relayId = relayAddr.getComponents().findLast(c => c.name === 'p2p')?.value
    if (relayId == null) throw new Error(`relay address must end in /p2p/<relay>: ${cmd.ma}`)
    const relay = peerIdFromString(relayId)
    const store = relayTransport().reservationStore
    await node.components.transportManager.listen([relayAddr.encapsulate('/p2p-circuit')])
    while (circuitAddrsVia(relayId).length === 0 || !store.hasReservation(relay)) {
      signal.throwIfAborted()
      await new Promise(resolve => setTimeout(resolve, RESERVE_POLL_MS))
    }
    const reservation = store.getReservation(relay)
    const relayConnection = node.getConnections(relay).find(c => !isCircuit(c.remoteAddr))
    return {
      relay: relayId,
      addrs: circuitAddrsVia(relayId),
      expire: String(reservation.expire),
      reservationAddrs: reservation.addrs.map(a => multiaddr(a).toString()),
      voucher: await checkVoucher(reservation.voucher, relay, reservation.expire),
      connection: relayConnection ? connInfo(relayConnection) : null
    }
  },

  // The reservations this relay holds (a peer started with --relay-server).
  async relayReservations () {
    const out = []
    for (const [peer, r] of relayService().reservations.entries()) {
      out.push({ peer: peer.toString(), addr: r.addr.toString(), expiry: r.expiry.toISOString(), limit: limitInfo(r.limit) })
    }
    return { reservations: out }
  },

  async connections () {
    return { connections: node.getConnections().map(connInfo) }
  },

  async info () {
    return { peerId: node.peerId.toString(), addrs: addrs(node.getMultiaddrs()), protocols: node.getProtocols().sort(), dht: node.services.dht?.getMode() ?? null }
  },

  // Joins the DHT through one peer: dials it, waits until it is in the routing table (js admits a
  // peer that speaks the DHT protocol and answers a ping), then looks up our own id.
  async bootstrap (cmd, signal) {
    const c = await node.dial(target(cmd), { signal })
    const peer = c.remotePeer.toString()
    await inRoutingTable(peer, AbortSignal.any([signal, AbortSignal.timeout(TABLE_ADMISSION_WAIT_MS)]))
    const closest = []
    for await (const e of dht().getClosestPeers(node.peerId.toMultihash().bytes, { signal })) {
      if (e.name === 'FINAL_PEER') closest.push(peerInfo(e.peer))
    }
    return { peer, closest, tableSize: dht().routingTable.size }
  },

  // Finds a peer through the network (the local peer store is skipped unless "useCache" is true).
  async findPeer (cmd, signal) {
    const id = peerIdFromString(cmd.peer)
    for await (const e of dht().findPeer(id, { signal, useCache: cmd.useCache === true })) {
      if (e.name === 'FINAL_PEER') return { ...peerInfo(e.peer), from: e.from.toString() }
    }
    throw new Error(`findPeer ended without finding ${cmd.peer}`)
  },

  // The peers closest to a key that answered the lookup, closest first.
  async closestPeers (cmd, signal) {
    const peers = []
    for await (const e of dht().getClosestPeers(dhtKey(cmd), { signal })) {
      if (e.name === 'FINAL_PEER') peers.push(peerInfo(e.peer))
    }
    return { peers }
  },

  // Announces this peer as a provider of "cid" to the peers closest to its multihash.
  async provide (cmd, signal) {
    const sentTo = []
    for await (const e of dht().provide(cidOf(cmd), { signal })) {
      if (e.name === 'PEER_RESPONSE' && e.messageName === 'ADD_PROVIDER') sentTo.push(e.from.toString())
    }
    return { sentTo }
  },

  // Providers of "cid" (at most "max"), from the local store first, then from the network; with
  // "local": true from the local store alone.
  async findProviders (cmd, signal) {
    const max = requireInt(cmd, 'max', DEFAULT_MAX_PROVIDERS)
    const providers = []
    if (max === 0) return { providers }
    if (cmd.local === true) {
      for (const id of (await dht().providers.getProviders(cidOf(cmd), { signal })).slice(0, max)) {
        const addresses = await node.peerStore.get(id, { signal }).then(p => p.addresses.map(a => a.multiaddr), () => [])
        providers.push({ ...peerInfo({ id, multiaddrs: addresses }), from: node.peerId.toString() })
      }
      return { providers }
    }
    for await (const e of dht().findProviders(cidOf(cmd), { signal })) {
      if (e.name !== 'PROVIDER') continue
      for (const p of e.providers) {
        providers.push({ ...peerInfo(p), from: e.from.toString() })
        if (providers.length >= max) return { providers }
      }
    }
    return { providers }
  },

  // Stores "value" (base64) under "key" (base64) locally and on the peers closest to the key. js
  // accepts only keys it can validate (/pk/… among those both sides know).
  async putValue (cmd, signal) {
    const key = Buffer.from(cmd.key ?? '', 'base64')
    const value = Buffer.from(cmd.value ?? '', 'base64')
    const storedBy = []
    const errors = []
    for await (const e of dht().put(key, value, { signal })) {
      if (e.name === 'PEER_RESPONSE' && e.messageName === 'PUT_VALUE') storedBy.push(e.from.toString())
      else if (e.name === 'QUERY_ERROR') errors.push({ peer: e.from.toString(), error: String(e.error?.message ?? e.error) })
    }
    return { storedBy, errors }
  },

  // The best value under "key" (base64), local or from the network, and the peers whose answers carried one.
  async getValue (cmd, signal) {
    const key = Buffer.from(cmd.key ?? '', 'base64')
    const answeredWithRecord = []
    let best = null
    for await (const e of dht().get(key, { signal })) {
      if (e.name === 'PEER_RESPONSE' && e.record != null) answeredWithRecord.push(e.from.toString())
      else if (e.name === 'VALUE') best = e
    }
    if (best == null) throw new Error('no value found')
    return { value: Buffer.from(best.value).toString('base64'), from: best.from.toString(), answeredWithRecord }
  },

  async routingTable () {
    return { mode: dht().getMode(), size: dht().routingTable.size, peers: tablePeers() }
  },

  // Offers a peer to the routing table the way kad-dht offers every peer it meets: admitted when it
  // answers a ping (dial it first so its address is known). Answers whether it is in the table now.
  async tableAdd (cmd, signal) {
    await dht().routingTable.add(peerIdFromString(cmd.peer), { signal })
    return { added: tablePeers().includes(cmd.peer) }
  }
}

let stopping = false
async function stop (code = 0) {
  if (stopping) return
  stopping = true
  const timer = setTimeout(() => process.exit(code), 3000)
  timer.unref()
  try { await node.stop() } catch (err) { log('stop failed:', err?.message ?? err) }
  process.exit(code)
}

async function handleLine (line) {
  if (line.trim() === '') return
  let cmd
  try {
    cmd = JSON.parse(line)
  } catch (err) {
    emit({ id: null, error: `not JSON: ${err.message}` })
    return
  }
  const id = cmd?.id ?? null
  if (cmd?.cmd === 'stop') {
    emit({ id, ok: true })
    await stop(0)
    return
  }
  const fn = Object.hasOwn(commands, cmd?.cmd) ? commands[cmd.cmd] : null
  if (fn == null) {
    emit({ id, error: `unknown command ${JSON.stringify(cmd?.cmd)}` })
    return
  }
  const signal = AbortSignal.timeout(Number.isSafeInteger(cmd.timeoutMs) ? cmd.timeoutMs : DEFAULT_TIMEOUT_MS)
  setMaxListeners(Infinity, signal) // one signal serves every stream of a bulk command
  try {
    const result = await fn(cmd, signal)
    emit({ id, ok: true, ...result })
  } catch (err) {
    emit({ id, error: String(err?.message ?? err), name: err?.name ?? null })
  }
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity })
rl.on('line', (line) => { handleLine(line).catch(err => log('command failed:', err?.stack ?? err)) })
rl.on('close', () => { stop(0) })
process.on('SIGTERM', () => { stop(0) })
process.on('SIGINT', () => { stop(0) })

emit({
  event: 'ready',
  peerId: node.peerId.toString(),
  publicKey: Buffer.from(publicKeyToProtobuf(node.peerId.publicKey)).toString('base64'),
  addrs: addrs(node.getMultiaddrs()),
  protocols: node.getProtocols().sort(),
  dht: node.services.dht?.getMode() ?? null,
  node: process.version
})
