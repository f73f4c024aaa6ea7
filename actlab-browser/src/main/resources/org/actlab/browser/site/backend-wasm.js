// The page's backend on a static site (no actlab server): the same calls as api.js makes to the server,
// answered by actlab's engine compiled to WebAssembly in a Web Worker (worker.js). api.js loads this module
// when it finds site.json, which only a static site (./actlab playground --static DIR) has.

/** Where an export link points on a static site; a click makes the file in the browser instead. */
const EXPORT_PREFIX = '#actlab-export/';

export function createBackend(site, ApiError) {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  const pending = new Map();
  const streams = new Map();
  let seq = 0;
  let fatal = null;

  worker.onmessage = (e) => {
    const m = e.data;
    if (m.fatal) {
      fatal = m.fatal;
      for (const { reject } of pending.values()) reject(new ApiError(0, fatal));
      pending.clear();
      return;
    }
    if (m.event) {
      for (const stream of streams.get(m.session) || []) stream.emit(m.event, m.data);
      // The worker holds the session's next update until the page has had a frame to draw this one.
      if (m.event === 'update') requestAnimationFrame(() => worker.postMessage({ ack: m.session }));
      return;
    }
    const p = pending.get(m.seq);
    pending.delete(m.seq);
    if (p) p.resolve(m.result);
  };
  worker.onerror = (e) => {
    fatal = `the WebAssembly worker failed: ${e.message || 'unknown error'}`;
    for (const { reject } of pending.values()) reject(new ApiError(0, fatal));
    pending.clear();
  };

  /** Calls the engine; resolves with its answer, the JSON text the server would send. */
  function raw(method, ...args) {
    if (fatal) return Promise.reject(new ApiError(0, fatal));
    return new Promise((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve, reject });
      worker.postMessage({ seq: id, method, args });
    });
  }

  /** Calls the engine; resolves with the parsed JSON, rejects with the server's status and message. */
  function call(method, ...args) {
    return raw(method, ...args).then((text) => {
      if (text === '') return null;
      const data = JSON.parse(text);
      if (data && typeof data.error === 'string' && typeof data.status === 'number') {
        throw new ApiError(data.status, data.error);
      }
      return data;
    });
  }

  /** The events of one session, with the parts of EventSource the page uses. */
  class Stream extends EventTarget {
    constructor(id) {
      super();
      this.id = id;
      this.readyState = 0;
      this.onerror = null;
      if (!streams.has(id)) streams.set(id, new Set());
      streams.get(id).add(this);
      setTimeout(() => {
        if (this.readyState === 2) return;
        this.readyState = 1;
        this.dispatchEvent(new Event('open'));
        // As the server's stream opens with the session's state.
        call('state', id).then((state) => this.emit('state', JSON.stringify(state)), () => {});
      }, 0);
    }
    emit(event, data) {
      if (this.readyState !== 2) this.dispatchEvent(new MessageEvent(event, { data }));
    }
    close() {
      this.readyState = 2;
      streams.get(this.id)?.delete(this);
    }
  }

  // Export links: the file is made from the session in the browser, then downloaded.
  document.addEventListener('click', async (e) => {
    const link = e.target.closest && e.target.closest(`a[href^="${EXPORT_PREFIX}"]`);
    if (!link) return;
    e.preventDefault();
    const [id, name] = link.getAttribute('href').slice(EXPORT_PREFIX.length).split('/');
    const text = await raw('export', id, name);
    const type = name.endsWith('.csv') ? 'text/csv' : 'application/json';
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `actlab-${name}`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }, true);

  return {
    catalogue: async () => site.catalogue,
    schema: async () => site.schema,
    previews: async () => site.previews,
    activation: (spec, from, to, points) => call('activation', spec, Number(from), Number(to), Number(points)),
    create: (config) => call('create', JSON.stringify(config)),
    reset: (id, config) => call('reset', id, config === undefined ? '' : JSON.stringify(config)),
    play: (id) => call('play', id),
    pause: (id) => call('pause', id),
    step: (id) => call('step', id, 1),
    state: (id) => call('state', id),
    settings: (id, config) => call('settings', id, JSON.stringify(config)),
    parameter: (id, layer, unit, input, value) =>
      call('parameter', id, layer, unit, input === null ? -1 : input, Number(value)),
    unit: (id, layer, unit) => call('unit', id, layer, unit),
    remove: (id) => call('remove', id),
    exportUrl: (id, name) => `${EXPORT_PREFIX}${id}/${name}`,
    events: (id) => new Stream(id),
    /** The site's copy of the lab report (playground --static DIR --report REPORT_DIR), or null. */
    reportUrl: () => site.report || null,
    /** Any exported call as text, for the tests and measurements (weightBits, train). */
    raw,
  };
}
