// Thin wrappers over the server's JSON API; every error answer carries {"error": message}.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    // fetch rejects only when no answer came at all: the server stopped or the network is down.
    throw new ApiError(0, 'cannot reach the server (it may have stopped)');
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!response.ok) {
    throw new ApiError(response.status, (data && data.error) || `HTTP ${response.status}`);
  }
  return data;
}

const server = {
  catalogue: () => call('GET', '/api/catalogue'),
  schema: () => call('GET', '/api/schema'),
  activation: (spec, from, to, points) =>
    call('GET', `/api/activation?spec=${encodeURIComponent(spec)}&from=${from}&to=${to}&points=${points}`),
  create: (config) => call('POST', '/api/sessions', config),
  reset: (id, config) => call('POST', `/api/sessions/${id}/reset`, config),
  play: (id) => call('POST', `/api/sessions/${id}/play`),
  pause: (id) => call('POST', `/api/sessions/${id}/pause`),
  step: (id) => call('POST', `/api/sessions/${id}/step?epochs=1`),
  state: (id) => call('GET', `/api/sessions/${id}`),
  settings: (id, config) => call('POST', `/api/sessions/${id}/settings`, config),
  parameter: (id, layer, unit, input, value) =>
    call('POST', `/api/sessions/${id}/parameter`, input === null ? { layer, unit, value } : { layer, unit, input, value }),
  unit: (id, layer, unit) => call('GET', `/api/sessions/${id}/unit?layer=${layer}&unit=${unit}`),
  previews: () => call('GET', '/api/previews'),
  remove: (id) => call('DELETE', `/api/sessions/${id}`),
  exportUrl: (id, name) => `/api/sessions/${id}/export/${name}`,
  events: (id) => new EventSource(`/api/sessions/${id}/events`),
  /** The lab report for the tours' links; the server serves it (or answers why not), a static site may have none. */
  reportUrl: () => 'report/report.html',
};

// A static site (./actlab playground --static DIR) has site.json and no server: the page then trains in
// the browser, in a Web Worker running actlab compiled to WebAssembly (backend-wasm.js), with the same calls.
const staticBackend = fetch('site.json')
  .then(async (response) => {
    if (!response.ok) return null;
    const site = await response.json();
    const { createBackend } = await import('./backend-wasm.js');
    return createBackend(site, ApiError);
  })
  .catch(() => null);
let backend = null;
staticBackend.then((b) => { backend = b; });

/** The server's calls, or the static backend's once site.json was found; exportUrl, events and reportUrl come after create. */
export const api = Object.fromEntries(Object.keys(server).map((name) => [name,
  name === 'exportUrl' || name === 'events' || name === 'reportUrl'
    ? (...args) => (backend || server)[name](...args)
    : async (...args) => ((await staticBackend) || server)[name](...args)]));

/** Numbers arrive as JSON numbers, or as null where the server has no finite value (NaN, ±Infinity). */
export function num(v) {
  return v === null || v === undefined ? NaN : Number(v);
}
