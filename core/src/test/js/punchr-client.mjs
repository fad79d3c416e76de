// A punchr client in another language than the server: loads our punchr.proto with
// @grpc/proto-loader and calls Register, GetAddrInfo and TrackHolePunch over @grpc/grpc-js, the
// way punchr's client does, printing one JSON line per call:
//   {"call":"Register","ok":true,"response":{...}}  or  {"call":"...","ok":false,"code":"NOT_FOUND","details":"..."}
//
//   node punchr-client.mjs --addr HOST:PORT --key API_KEY [--proto FILE] [--tls-ca CERT.pem]
//
// GetAddrInfo answers NOT_FOUND when the server has no peer to hole punch; the client then tracks
// nothing. Otherwise it reports a successful hole punch (two attempts) with the remote it was given.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import grpc from '@grpc/grpc-js'
import protoLoader from '@grpc/proto-loader'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromMultihash, peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import * as Digest from 'multiformats/hashes/digest'

const here = dirname(fileURLToPath(import.meta.url))
const args = { proto: resolve(here, '../../main/proto/punchr.proto') }
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, '')
  if (!['addr', 'key', 'proto', 'tls-ca'].includes(name) || process.argv[i + 1] === undefined) {
    console.error(`usage: node punchr-client.mjs --addr HOST:PORT --key API_KEY [--proto FILE] [--tls-ca CERT.pem]`)
    process.exit(2)
  }
  args[name] = process.argv[i + 1]
}
if (!args.addr || !args.key) {
  console.error('--addr and --key are required')
  process.exit(2)
}

const definition = protoLoader.loadSync(args.proto, { keepCase: true, longs: String, enums: String, defaults: false })
const { PunchrService } = grpc.loadPackageDefinition(definition)
const credentials = args['tls-ca'] ? grpc.credentials.createSsl(readFileSync(args['tls-ca'])) : grpc.credentials.createInsecure()
const client = new PunchrService(args.addr, credentials)

const nanos = (ms) => (BigInt(ms) * 1000000n).toString()
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n')

function call (method, request) {
  return new Promise((resolveCall) => {
    client[method](request, { deadline: Date.now() + 30000 }, (err, response) => {
      if (err) {
        const code = Object.keys(grpc.status).find((k) => grpc.status[k] === err.code) ?? String(err.code)
        print({ call: method, ok: false, code, details: err.details })
        resolveCall(null)
      } else {
        print({ call: method, ok: true, response: serializable(response) })
        resolveCall(response)
      }
    })
  })
}

function serializable (value) {
  return JSON.parse(JSON.stringify(value, (k, v) => (v && v.type === 'Buffer' && Array.isArray(v.data)) ? Buffer.from(v.data).toString('base64') : v))
}

const hostKey = await generateKeyPair('Ed25519')
const host = peerIdFromPrivateKey(hostKey)
const hostBytes = Buffer.from(host.toMultihash().bytes)
const protocols = ['/ipfs/id/1.0.0', '/ipfs/ping/1.0.0', '/libp2p/dcutr', '/libp2p/circuit/relay/0.2.0/stop']

const registered = await call('Register', {
  client_id: hostBytes, agent_version: 'punchr/js-client/0.1.0', protocols, api_key: args.key
})
const info = registered && await call('GetAddrInfo', { host_id: hostBytes, all_host_ids: [hostBytes], api_key: args.key })
if (info) {
  const remote = peerIdFromMultihash(Digest.decode(new Uint8Array(info.remote_id)))
  const handedOut = info.multi_addresses.map((b) => multiaddr(new Uint8Array(b)))
  const punched = multiaddr('/ip4/198.51.100.7/tcp/4001')
  const now = Date.now()
  const start = now - 8000
  await call('TrackHolePunch', {
    client_id: hostBytes,
    remote_id: Buffer.from(remote.toMultihash().bytes),
    remote_multi_addresses: handedOut.map((a) => Buffer.from(a.bytes)),
    connect_started_at: nanos(start),
    connect_ended_at: nanos(start + 350),
    hole_punch_attempts: [
      { opened_at: nanos(start + 400), started_at: nanos(start + 450), ended_at: nanos(start + 5450), start_rtt: 0.05, elapsed_time: 5.0, outcome: 'HOLE_PUNCH_ATTEMPT_OUTCOME_TIMEOUT', error: 'hole punch timed out', multi_addresses: [Buffer.from(punched.bytes)] },
      { opened_at: nanos(start + 5500), started_at: nanos(start + 5550), ended_at: nanos(start + 5900), start_rtt: 0.05, elapsed_time: 0.35, outcome: 'HOLE_PUNCH_ATTEMPT_OUTCOME_SUCCESS', multi_addresses: [Buffer.from(punched.bytes)] }
    ],
    open_multi_addresses: [Buffer.from(punched.bytes)],
    has_direct_conns: true,
    outcome: 'HOLE_PUNCH_OUTCOME_SUCCESS',
    ended_at: nanos(now),
    listen_multi_addresses: [Buffer.from(multiaddr('/ip4/192.168.1.20/tcp/4001').bytes)],
    api_key: args.key,
    protocols: info.protocols,
    latency_measurements: handedOut.length === 0 ? [] : [{
      remote_id: Buffer.from(remote.toMultihash().bytes),
      agent_version: 'kubo/0.30.0',
      protocols: ['/libp2p/dcutr'],
      multi_address: Buffer.from(handedOut[0].bytes),
      rtts: [0.12, 0.125],
      rtt_errs: ['', ''],
      mtype: 'TO_REMOTE_THROUGH_RELAY'
    }],
    network_information: { supports_ipv6: false },
    nat_mappings: [{ internal_port: 4001, external_port: 4001, protocol: 'tcp', addr: '192.168.1.20', addr_network: 'ip4' }]
  })
}
client.close()
