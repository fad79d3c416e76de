// js-libp2p <-> js-libp2p throughput and handshake rate on loopback, over TCP + Noise + Yamux:
// the reference figure the Java transport benchmark compares against. Prints one JSON line.
//
//   node bench-js.mjs [--bytes N] [--handshake-seconds S] [--mode two|one] [--runs R]
//
// --mode two (default): the server node runs in a child process, as a remote peer would;
// --mode one: both nodes share this process (and its event loop).
// Throughput: one perf stream (/perf/1.0.0) uploads N bytes (timed until the server has read
// all of it and closed), then another downloads N bytes; R times, reporting the median and the
// best run (the machine may be shared). MB/s means 10^6 bytes per second.
// Handshakes: sequential new connections (TCP, multistream, Noise XX, Yamux) for S seconds.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { multiaddr } from '@multiformats/multiaddr'
import { PERF_PROTOCOL, createNode, handleTestProtocols, perfClient } from './lib.mjs'

function parseArgs (argv) {
  const o = { bytes: 256 * 1024 * 1024, handshakeSeconds: 3, mode: 'two', server: false, runs: 1 }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const v = () => argv[++i]
    if (a === '--bytes') o.bytes = Number(v())
    else if (a === '--handshake-seconds') o.handshakeSeconds = Number(v())
    else if (a === '--mode') o.mode = v()
    else if (a === '--server') o.server = true
    else if (a === '--runs') o.runs = Number(v())
    else throw new Error(`unknown argument ${a}`)
  }
  if (!Number.isSafeInteger(o.bytes) || o.bytes <= 0) throw new Error('--bytes must be a positive integer')
  if (!(o.handshakeSeconds > 0)) throw new Error('--handshake-seconds must be positive')
  if (!Number.isSafeInteger(o.runs) || o.runs < 1) throw new Error('--runs must be a positive integer')
  if (o.mode !== 'one' && o.mode !== 'two') throw new Error('--mode must be one or two')
  return o
}

const opts = parseArgs(process.argv.slice(2))

if (opts.server) {
  // Child process: a perf server; prints its address, runs until stdin closes.
  const server = await createNode()
  await handleTestProtocols(server)
  process.stdout.write(JSON.stringify({ addr: server.getMultiaddrs()[0].toString() }) + '\n')
  process.stdin.resume()
  process.stdin.on('close', async () => { await server.stop(); process.exit(0) })
} else {
  let server = null
  let child = null
  let addr
  if (opts.mode === 'one') {
    server = await createNode()
    await handleTestProtocols(server)
    addr = server.getMultiaddrs()[0]
  } else {
    child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--server'], { stdio: ['pipe', 'pipe', 'inherit'] })
    const first = await new Promise((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve)
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
    })
    addr = multiaddr(JSON.parse(first).addr)
  }
  const client = await createNode({ listen: [] })
  try {
    const perf = async (upload, download) => {
      const connection = await client.dial(addr)
      const stream = await connection.newStream(PERF_PROTOCOL)
      return perfClient(stream, upload, download)
    }
    await perf(8 * 1024 * 1024, 8 * 1024 * 1024) // warm-up: JIT, windows
    const ups = []
    const downs = []
    for (let i = 0; i < opts.runs; i++) {
      ups.push((await perf(opts.bytes, 0)).seconds)
      downs.push((await perf(0, opts.bytes)).seconds)
    }
    const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)]

    await client.hangUp(addr)
    let handshakes = 0
    let dialMs = 0
    const hsStart = performance.now()
    while (performance.now() - hsStart < opts.handshakeSeconds * 1000) {
      const t = performance.now()
      const c = await client.dial(addr, { force: true })
      dialMs += performance.now() - t
      handshakes++
      await c.close()
    }
    const hsSeconds = (performance.now() - hsStart) / 1000

    const mbps = (bytes, s) => Math.round(bytes / s / 1e4) / 100
    process.stdout.write(JSON.stringify({
      bench: 'js-libp2p',
      node: process.version,
      mode: opts.mode,
      stack: 'tcp+noise+yamux',
      bytes: opts.bytes,
      runs: opts.runs,
      uploadMBps: mbps(opts.bytes, median(ups)),
      downloadMBps: mbps(opts.bytes, median(downs)),
      bestUploadMBps: mbps(opts.bytes, Math.min(...ups)),
      bestDownloadMBps: mbps(opts.bytes, Math.min(...downs)),
      uploadSeconds: ups,
      downloadSeconds: downs,
      handshakes,
      // dial to upgraded connection, one at a time (the figure to compare)
      handshakesPerSecond: Math.round(handshakes / (dialMs / 1000) * 10) / 10,
      // including the graceful close of each connection
      connectCloseCyclesPerSecond: Math.round(handshakes / hsSeconds * 10) / 10
    }) + '\n')
  } finally {
    await client.stop()
    if (server) await server.stop()
    if (child) child.stdin.end()
  }
}
