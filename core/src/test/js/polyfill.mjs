// js-libp2p 3.x calls Promise.withResolvers (ES2024), which Node 22 has and Node 20 lacks.
// Imported first by the scripts so that the machine's Node 20 runs them unchanged.
if (typeof Promise.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers () {
      let resolve
      let reject
      const promise = new this((res, rej) => { resolve = res; reject = rej })
      return { promise, resolve, reject }
    }
  })
}
