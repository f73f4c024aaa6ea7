// The playground page: settings, the URL hash, sessions on the server, and drawing what they report.
// All training runs on the server; this file never evaluates the network.
import { api, num, ApiError } from './api.js';
import { paintGrid, paintPoints, paintAxes, lineChart, histogramOverSlope, explorerPlot, paintLegend, paintPreview, colour, LAYER_COLOURS,
  decodeThumbs, thumbValues, paintThumbs } from './draw.js';
import { TOURS, tourById } from './lecture.js';

const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const REGULARIZATION_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
// Filled from the server's catalogue: the engine's registries are the only source of names.
let OPTIMIZERS = ['sgd'];
let INITIALISERS = ['xavier_uniform'];
const FEATURE_LABELS = { 'x1': 'x₁', 'x2': 'x₂', 'x1^2': 'x₁²', 'x2^2': 'x₂²', 'x1*x2': 'x₁x₂', 'sin(x1)': 'sin x₁', 'sin(x2)': 'sin x₂' };
const FEATURE_FORMULAS = {
  'x1': (a) => a, 'x2': (a, b) => b, 'x1^2': (a) => a * a, 'x2^2': (a, b) => b * b,
  'x1*x2': (a, b) => a * b, 'sin(x1)': (a) => Math.sin(a), 'sin(x2)': (a, b) => Math.sin(b),
};

// The server's defaults (GET /api/schema): the run description's, in the page's vocabulary.
let DEFAULTS = null;

/** Controls a teacher can hide (classroom mode, TF Playground's *_hide), by their data-control key. */
const HIDEABLE = {
  dataset: 'Data sets', trainPercent: 'Training ratio', noise: 'Noise', batchSize: 'Batch size', samples: 'Points',
  regenerate: 'Regenerate', upload: 'CSV upload', layers: 'Add/remove layers', units: 'Units and activations per layer',
  features: 'Feature toggles', learningRate: 'Learning rate', activation: 'Activation (all layers)',
  regularization: 'Regularisation', regularizationRate: 'Regularisation rate', problem: 'Problem type', loss: 'Loss',
  optimizer: 'Optimiser', weightInit: 'Weight init', biasInit: 'Bias init', seed: 'Seed', compare: 'Side by side',
  exports: 'Exports', showTest: 'Show test data', discretize: 'Discretize output', lecture: 'Lecture panel',
  diagnostics: 'Diagnostics panels',
};
/** Settings that the server applies to the running network without a reset (TF Playground does the same). */
const KEEPS_NETWORK = ['learningRate', 'regularization', 'regularizationRate', 'batchSize'];

const $ = (id) => document.getElementById(id);
let catalogue = null;
let cfg = null;
let ui = { showTest: false, discretize: false, compare: false, compareField: 'activation', compareValue: 'relu',
  hide: [], hideText: false, initZero: false, tour: null };
let csvText = null;
let previews = null;
let playing = false;
const runs = [];
let hovered = null;

// ---------- the URL hash ----------

// The config fields the hash carries, in its order, as [hash key, config field, kind]: written once for
// toHash and fromHash. A kind writes a value as text and reads it back (undefined: keep the default).
const HASH_FIELDS = [
  ['dataset', 'dataset', 'text'], ['problem', 'problem', 'text'], ['samples', 'samples', 'number'],
  ['noise', 'noise', 'number'], ['train', 'trainPercent', 'number'], ['batch', 'batchSize', 'number'],
  ['features', 'features', 'list'], ['layers', 'layers', 'layers'], ['loss', 'loss', 'text'],
  ['lr', 'learningRate', 'number'], ['opt', 'optimizer', 'text'], ['reg', 'regularization', 'text'],
  ['regRate', 'regularizationRate', 'number'], ['winit', 'weightInit', 'text'], ['binit', 'biasInit', 'text'],
  ['seed', 'seed', 'number'], ['grid', 'gridSize', 'number'],
];
const HASH_KINDS = {
  text: { write: (v) => v, read: (s) => (s === '' ? undefined : s) },
  number: { write: (v) => v, read: (s) => (s === '' || Number.isNaN(Number(s)) ? undefined : Number(s)) },
  list: { write: (v) => v.join(','), read: (s) => s.split(',').filter((f) => f) },
  layers: {
    write: (v) => v.map((l) => `${l.units}:${l.activation}`).join('|'),
    read: (s) => (s === '' ? [] : s.split('|').map((entry) => {
      const at = entry.indexOf(':');
      return { units: Number(entry.slice(0, at)), activation: entry.slice(at + 1) };
    })),
  },
};

function toHash() {
  const p = new URLSearchParams();
  for (const [key, field, kind] of HASH_FIELDS) p.set(key, HASH_KINDS[kind].write(cfg[field]));
  p.set('showTest', ui.showTest ? 1 : 0);
  p.set('discretize', ui.discretize ? 1 : 0);
  if (ui.compare) {
    p.set('compare', ui.compareField);
    p.set('compareValue', ui.compareValue);
  }
  if (ui.hide.length > 0) p.set('hide', ui.hide.join(','));
  if (ui.hideText) p.set('hideText', 1);
  if (ui.initZero) p.set('initZero', 1);
  if (ui.tour) p.set('tour', ui.tour);
  return p.toString();
}

function fromHash(hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const c = structuredClone(DEFAULTS);
  for (const [key, field, kind] of HASH_FIELDS) {
    const value = p.has(key) ? HASH_KINDS[kind].read(p.get(key)) : undefined;
    if (value !== undefined) c[field] = value;
  }
  const u = { ...ui, showTest: p.get('showTest') === '1', discretize: p.get('discretize') === '1', compare: p.has('compare') };
  if (u.compare) {
    u.compareField = p.get('compare');
    u.compareValue = p.get('compareValue') || '';
  }
  u.hide = (p.get('hide') || '').split(',').filter((k) => k in HIDEABLE);
  u.hideText = p.get('hideText') === '1';
  // TF Playground's initZero: every weight and bias starts at 0 (the symmetric start that cannot learn).
  u.initZero = p.get('initZero') === '1';
  if (u.initZero) {
    c.weightInit = 'zeros';
    c.biasInit = 'zeros';
  }
  u.tour = tourById(p.get('tour')) ? p.get('tour') : null;
  return { config: c, ui: u };
}

function writeHash() {
  history.replaceState(null, '', `#${toHash()}`);
}

// ---------- messages ----------

function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = false;
}

function clearError() {
  $('error').hidden = true;
}

/** A line about the connection (retrying, expired, server stopped); kind 'warn' for trouble, 'info' when resolved. */
function showStatus(message, kind = 'warn') {
  const box = $('status');
  box.textContent = message;
  box.className = `status ${kind}`;
  box.hidden = false;
  box.dataset.kind = kind;
}

function clearStatus() {
  $('status').hidden = true;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates a session, retrying while the server answers 503 (its session cap) or cannot be reached, with a
 * visible countdown, so that a page that arrives at a busy or restarting server never stays blank.
 */
async function createWithRetry(config) {
  for (let attempt = 0; ; attempt++) {
    try {
      const state = await api.create(config);
      if (attempt > 0) showStatus('Connected: the server had room again, and a session started.', 'info');
      return state;
    } catch (e) {
      if (!(e instanceof ApiError) || (e.status !== 503 && e.status !== 0)) throw e;
      const wait = Math.min(15, 2 ** Math.min(attempt + 1, 4));
      const why = e.status === 503 ? `The server is busy (${e.message})` : 'The server cannot be reached (it may have stopped)';
      for (let left = wait; left > 0; left--) {
        showStatus(`${why}. Retrying in ${left} s (attempt ${attempt + 1})…`);
        await sleep(1000);
      }
      showStatus(`${why}. Retrying now…`);
    }
  }
}

function showDivergence() {
  const banner = $('banner');
  const lines = runs.filter((r) => r.update && r.update.diverged).map((r) => {
    const d = r.update.diverged;
    const where = d.message.includes(`epoch ${d.epoch}, step ${d.step}`) ? d.message : `training diverged at epoch ${d.epoch}, step ${d.step}: ${d.message}`;
    return `${runs.length > 1 ? `Run ${r.name}: ` : ''}NaN/Inf — ${where}. Reset to start again.`;
  });
  banner.textContent = lines.join(' ');
  banner.hidden = lines.length === 0;
}

// ---------- specs ----------
// The page never parses a spec: the server sends every spec it shows with its name and values
// (the catalogue's defaults, a session's layers and initialisers), and the page remembers them,
// and the specs the page writes itself from a schema's keys.

const knownSpecs = new Map();

function rememberSpec(spec, id, params) {
  knownSpecs.set(spec, { id, params: { ...params } });
  return spec;
}

/** A spec's name and parameter values as the server read it; an unknown spec stands for itself. */
function specParts(spec) {
  return knownSpecs.get(spec) || { id: spec, params: {} };
}

/** The spec of a name with parameter values, keyed as the schema declares them. */
function writeSpec(id, params) {
  const keys = Object.keys(params);
  return rememberSpec(keys.length === 0 ? id : `${id}(${keys.map((k) => `${k}=${params[k]}`).join(', ')})`, id, params);
}

/** Remembers the specs of a session's config, as the server read them. */
function rememberConfig(config) {
  config.layers.forEach((l) => rememberSpec(l.activation, l.name, l.values));
  if (config.specs) {
    for (const field of ['optimizer', 'weightInit', 'biasInit']) {
      rememberSpec(config[field], config.specs[field].name, config.specs[field].values);
    }
  }
}

function entryOf(id) {
  return catalogue.activations.find((a) => a.id === id);
}

function defaultSpec(id) {
  const entry = entryOf(id);
  return entry ? entry.spec : id;
}

/** A select of the catalogue plus one number input per parameter; calls back with the new spec. */
function activationControl(spec, onChange, small) {
  const wrap = document.createElement('span');
  const select = document.createElement('select');
  for (const a of catalogue.activations) {
    const o = document.createElement('option');
    o.value = a.id;
    o.textContent = a.id;
    select.appendChild(o);
  }
  const parsed = specParts(spec);
  select.value = parsed.id;
  wrap.appendChild(select);
  const entry = entryOf(parsed.id);
  const inputs = [];
  if (entry) {
    entry.parameters.forEach((p) => {
      const input = document.createElement('input');
      input.type = 'number';
      input.step = 'any';
      input.title = p.key;
      input.dataset.param = p.key;
      const given = parsed.params[p.key];
      input.value = given !== undefined ? given : p.defaultValue;
      if (!small) {
        const label = document.createElement('label');
        label.textContent = p.key;
        label.appendChild(input);
        wrap.appendChild(label);
      } else {
        wrap.appendChild(input);
      }
      inputs.push(input);
    });
  }
  const emit = () => {
    const e = entryOf(select.value);
    if (!e || e.parameters.length === 0 || select.value !== parsed.id) {
      onChange(defaultSpec(select.value));
      return;
    }
    onChange(writeSpec(select.value, Object.fromEntries(inputs.map((input) => [input.dataset.param, Number(input.value)]))));
  };
  select.addEventListener('change', emit);
  inputs.forEach((input) => input.addEventListener('change', emit));
  return { element: wrap, select };
}

// ---------- sessions ----------

function configFor(run) {
  const c = structuredClone(cfg);
  if (cfg.dataset === 'csv') c.csv = csvText;
  if (run.name === 'B') {
    const v = ui.compareValue;
    if (ui.compareField === 'activation') c.layers = c.layers.map((l) => ({ ...l, activation: defaultSpec(v) }));
    else if (ui.compareField === 'learningRate') c.learningRate = Number(v);
    else c[ui.compareField] = v;
  }
  return c;
}

function makeRun(name) {
  return { name, id: null, events: null, state: null, update: null, history: [],
    heatmap: name === 'A' ? $('heatmap') : $('heatmapB'),
    // The points and axes sit on their own canvas over the heatmap: they change with the data, not with training.
    overlay: name === 'A' ? $('heatmapPoints') : $('heatmapPointsB'), overlayKey: null,
    lossCurve: name === 'A' ? $('lossCurve') : $('lossCurveB'),
    lossTrain: name === 'A' ? $('lossTrain') : $('lossTrainB'),
    lossTest: name === 'A' ? $('lossTest') : $('lossTestB') };
}

async function startRun(run) {
  const state = await createWithRetry(configFor(run));
  run.id = state.session;
  applyState(run, state);
  connect(run);
  if (run.name === 'A') setExportLinks(run.id);
}

function connect(run) {
  if (run.events) run.events.close();
  const events = api.events(run.id);
  run.events = events;
  run.lostConnection = false;
  events.addEventListener('state', (e) => applyState(run, JSON.parse(e.data)));
  events.addEventListener('update', (e) => {
    const t0 = performance.now();
    const update = JSON.parse(e.data);
    frameStats.parse += performance.now() - t0;
    frameStats.messages++;
    frameStats.bytes += e.data.length;
    applyUpdate(run, update);
  });
  events.addEventListener('failure', (e) => showError(JSON.parse(e.data).error));
  events.addEventListener('open', async () => {
    if (!run.lostConnection) return;
    run.lostConnection = false;
    // A server that restarted may accept the stream but no longer know the session: ask before saying all is well.
    try {
      await api.state(run.id);
      showStatus('Connected to the server again.', 'info');
    } catch (e) {
      if (run.events === events) {
        run.events = null;
        events.close();
        recover(run);
      }
    }
  });
  events.onerror = () => {
    if (run.events !== events) return;
    if (events.readyState === EventSource.CLOSED) {
      // The server answered the reconnect with an error (the session is gone): find out why and start again.
      run.events = null;
      events.close();
      recover(run);
    } else if (!run.lostConnection) {
      // The browser reconnects by itself; say so, so that a frozen picture is never mistaken for a stalled run.
      run.lostConnection = true;
      showStatus('Lost the connection to the server (it may have stopped). Reconnecting…');
    }
  };
}

/** Rebuilds a run whose stream closed, and says why: its session expired, or the server stopped and came back. */
async function recover(run) {
  let reason;
  try {
    await api.state(run.id);
    reason = 'The event stream closed';
  } catch (e) {
    reason = e instanceof ApiError && e.status === 404
      ? `The session expired (no activity for ${Math.round(catalogue.limits.idleTimeoutSeconds / 60)} min, or the server restarted)`
      : 'The server stopped';
  }
  const wasPlaying = playing;
  setPlaying(false);
  showStatus(`${reason}. Starting a new session with the same settings…`);
  try {
    await startRun(run);
    showStatus(`${reason}: a new session started from the same settings at epoch 0.${wasPlaying ? ' Press play to train again.' : ''}`, 'info');
  } catch (e) {
    showStatus(`${reason}, and a new session could not start: ${e.message}`);
  }
}

async function withRuns(action) {
  try {
    for (const run of runs) {
      if (!run.id) continue;
      try {
        await action(run);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) {
          await startRun(run);
          await action(run);
        } else {
          throw e;
        }
      }
    }
    clearError();
    return true;
  } catch (e) {
    showError(e.message);
    return false;
  }
}

/** Sends the settings to every run; the server rebuilds data and network and pauses. */
async function applyConfig() {
  writeHash();
  renderControls();
  setPlaying(false);
  const ok = await withRuns(async (run) => applyState(run, await api.reset(run.id, configFor(run))));
  if (ok) refreshExplorerDefault();
  else await restoreFromServer();
  return ok;
}

/** Sends settings that keep the network (learning rate, regularisation, batch size, new data): training goes on. */
async function applySettings() {
  writeHash();
  renderControls();
  const ok = await withRuns(async (run) => applyState(run, await api.settings(run.id, configFor(run))));
  if (!ok) await restoreFromServer();
  return ok;
}

/**
 * After a failed change, the controls go back to the settings the server is training, so that what the page
 * shows is what Play trains; the error line says what failed and that the controls were restored.
 */
async function restoreFromServer() {
  const run = runs[0];
  if (!run || !run.id) return;
  const message = $('error').hidden ? '' : $('error').textContent;
  try {
    const state = await api.state(run.id);
    const c = state.config;
    if (c.dataset === 'csv') csvText = c.csv;
    // Only the fields the page sends: the server's view also carries the specs' parts (name, values).
    const restored = {};
    for (const key of Object.keys(cfg)) if (key in c && key !== 'csv') restored[key] = structuredClone(c[key]);
    restored.layers = c.layers.map((l) => ({ units: l.units, activation: l.activation }));
    cfg = { ...cfg, ...restored };
    applyState(run, state);
    writeHash();
    renderControls();
    showError(`${message || 'The change failed'} — the controls are back to the settings the server is training.`);
  } catch (e) {
    showError(`${message}; the server's settings could not be read back either: ${e.message}`);
  }
}

function setPlaying(value) {
  playing = value;
  $('play').classList.toggle('playing', value);
  // Inline SVG icons: no font has to supply the glyphs.
  $('play').innerHTML = value
    ? '<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><path d="M6 5h4v14H6zM14 5h4v14h-4z" fill="currentColor"/></svg>'
    : '<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><path d="M8 5v14l11-7z" fill="currentColor"/></svg>';
}

function setExportLinks(id) {
  $('exportConfig').href = api.exportUrl(id, 'config.json');
  $('exportHistoryJson').href = api.exportUrl(id, 'history.json');
  $('exportHistoryCsv').href = api.exportUrl(id, 'history.csv');
  $('exportDiagJson').href = api.exportUrl(id, 'diagnostics.json');
  $('exportDiagCsv').href = api.exportUrl(id, 'diagnostics.csv');
}

async function setCompare(enabled) {
  ui.compare = enabled;
  $('compareControls').hidden = !enabled;
  $('boxB').hidden = !enabled;
  $('labelA').hidden = !enabled;
  writeHash();
  const existing = runs.find((r) => r.name === 'B');
  if (!enabled && existing) {
    runs.splice(runs.indexOf(existing), 1);
    if (existing.events) existing.events.close();
    existing.events = null;
    api.remove(existing.id).catch(() => {});
  }
  if (enabled && !existing) {
    const b = makeRun('B');
    runs.push(b);
    try {
      await startRun(b);
      // Both runs restart together so that they stay comparable epoch by epoch.
      await applyConfig();
    } catch (e) {
      showError(e.message);
    }
  }
}

// ---------- applying what the server sends ----------

function applyState(run, state) {
  rememberConfig(state.config);
  run.state = state;
  run.history = state.history.slice();
  run.update = state.update;
  if (run.name === 'A') {
    setPlaying(playing && state.update.playing);
  }
  renderRun(run);
  if (run.name === 'A') {
    // Rebuilt only when its shape changes, so that a control is never replaced under the user's pointer.
    const key = JSON.stringify([state.config.features, state.config.layers, state.domain]);
    if (key !== diagramKey) {
      diagramKey = key;
      renderNetwork();
    } else {
      updateNetwork();
    }
  }
  renderDiagnostics();
  showDivergence();
}

let diagramKey = null;

function applyUpdate(run, update) {
  if (!run.state || update.session !== run.id) return;
  // Updates from the player and from requests can cross on the way; an older picture never replaces a newer one.
  if (update.step < run.update.step) return;
  run.update = update;
  for (const point of update.points || []) {
    if (run.history.length === 0 || run.history[run.history.length - 1].epoch < point.epoch) run.history.push(point);
  }
  if (run.history.length > 4000) run.history = run.history.filter((_, i) => i % 2 === 0);
  if (update.diverged) setPlaying(false);
  scheduleRender(run);
}

// Updates arrive up to 20 times a second per run; they are drawn at most once per animation frame, the
// latest one only, so a slow frame never queues work behind it and the page keeps its frame rate.
const dirty = new Set();
// Milliseconds of script spent drawing updates, by part (read by the frame-rate probe; cheap to keep).
const frameStats = { frames: 0, total: 0, network: 0, diagnostics: 0, messages: 0, parse: 0, bytes: 0 };
window.actlabFrameStats = frameStats;
let frameRequested = false;

// The diagnostic panels are read rather than watched: they are redrawn at most four times a second (the
// latest report always ends up drawn), which leaves the frame budget to the heatmap and the diagram.
const DIAGNOSTICS_INTERVAL_MS = 250;
let diagnosticsDue = 0;
let diagnosticsTimer = null;

function scheduleDiagnostics() {
  const now = performance.now();
  if (now >= diagnosticsDue && !diagnosticsTimer) {
    diagnosticsDue = now + DIAGNOSTICS_INTERVAL_MS;
    renderDiagnostics();
  } else if (!diagnosticsTimer) {
    diagnosticsTimer = setTimeout(() => {
      diagnosticsTimer = null;
      diagnosticsDue = performance.now() + DIAGNOSTICS_INTERVAL_MS;
      renderDiagnostics();
    }, Math.max(0, diagnosticsDue - now));
  }
}

function scheduleRender(run) {
  dirty.add(run);
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(() => {
    frameRequested = false;
    const todo = [...dirty];
    dirty.clear();
    const t0 = performance.now();
    for (const r of todo) {
      renderRun(r);
      if (r.name === 'A') {
        const t1 = performance.now();
        updateNetwork();
        frameStats.network += performance.now() - t1;
        if (hovered && hovered.layer !== undefined) refreshHoveredUnit();
      }
    }
    const t2 = performance.now();
    if (todo.some((r) => r.name === 'A')) scheduleDiagnostics();
    frameStats.diagnostics += performance.now() - t2;
    showDivergence();
    lectureTick();
    frameStats.frames++;
    frameStats.total += performance.now() - t0;
  });
}

// ---------- drawing ----------

function outputToUnit(run) {
  return run.state && run.state.config.problem === 'classification' ? (p) => 2 * p - 1 : (v) => v;
}

function formatLoss(v) {
  const x = num(v);
  return Number.isFinite(x) ? x.toFixed(3) : (Number.isNaN(x) ? 'NaN' : String(x));
}

function renderRun(run) {
  const u = run.update;
  if (!u) return;
  if (run.name === 'A') {
    setText($('epoch'), String(u.epoch).padStart(6, '0').replace(/(\d{3})(\d{3})$/, '$1,$2'));
    setText($('outputLabel'), run.state.config.problem === 'classification'
      ? `accuracy train ${pct(u.trainAccuracy)} · test ${pct(u.testAccuracy)}`
      : `R² train ${rSquared(u.trainLoss, run.state.train)} · test ${rSquared(u.testLoss, run.state.test)}`);
  }
  setText(run.lossTrain, formatLoss(u.trainLoss));
  setText(run.lossTest, formatLoss(u.testLoss));
  lineChart(run.lossCurve, [
    { values: run.history.map((p) => p.trainLoss), colour: '#999' },
    { values: run.history.map((p) => p.testLoss), colour: '#222' },
  ]);
  drawHeatmap(run);
}

/** Sets an element's text only when it differs: a changed text costs the page a layout. */
function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** R² = 1 − MSE / Var(y), from the engine's loss ½·mean (a − y)² and the targets' variance. */
function rSquared(loss, points) {
  const l = num(loss);
  if (!Number.isFinite(l) || !points || points.n < 2) return '–';
  if (points.variance === undefined) {
    let mean = 0;
    for (let i = 0; i < points.n; i++) mean += Number(points.xy[3 * i + 2]);
    mean /= points.n;
    let v = 0;
    for (let i = 0; i < points.n; i++) v += (Number(points.xy[3 * i + 2]) - mean) ** 2;
    points.variance = v / points.n;
  }
  return points.variance > 0 ? (1 - (2 * l) / points.variance).toFixed(3) : '–';
}

function pct(v) {
  const x = num(v);
  return Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '–';
}

function drawHeatmap(run) {
  const u = run.update;
  const s = run.state;
  const canvas = run.heatmap;
  if (!u || !s) return;
  const toUnit = outputToUnit(run);
  if (hovered && run.name === 'A' && hovered.values) {
    paintGrid(canvas, hovered.values, hovered.size, hovered.toUnit, ui.discretize);
  } else if (u.heatmap) {
    paintGrid(canvas, u.heatmap.values, u.heatmap.size, toUnit, ui.discretize);
  }
  if (run.overlayKey !== s || run.overlayTest !== ui.showTest) {
    run.overlayKey = s;
    run.overlayTest = ui.showTest;
    const overlay = run.overlay;
    overlay.getContext('2d').clearRect(0, 0, overlay.width, overlay.height);
    const clip = s.config.problem === 'classification' ? (y) => (y > 0.5 ? 1 : -1) : (y) => y;
    paintPoints(overlay, s.train, s.domain, clip, '#fff');
    if (ui.showTest) paintPoints(overlay, s.test, s.domain, clip, '#000');
    paintAxes(overlay, s.domain);
  }
  canvas.dataset.epoch = u.epoch;
  canvas.dataset.showing = hovered && run.name === 'A' ? (hovered.layer !== undefined ? `unit-${hovered.layer}-${hovered.unit}${hovered.full ? '-full' : ''}` : 'feature') : 'output';
}

function clipUnit(v) {
  return Math.max(-1, Math.min(1, v));
}

// The diagram is rebuilt when the architecture changes and only recoloured on updates.
let diagram = null;

/** Column geometry for the diagram's width: headers never wider than the gap between columns. */
function layoutColumns(width, columns) {
  const left = 70;
  const right = 40;
  const spacing = (width - left - right) / Math.max(1, columns - 1);
  return { colX: (c) => left + c * spacing, headWidth: Math.max(48, Math.min(116, spacing - 8)) };
}

function renderNetwork() {
  const run = runs[0];
  if (!run || !run.state || !catalogue) return;
  hideCard(true);
  const container = $('network');
  container.querySelectorAll('.node, .col-head').forEach((n) => n.remove());
  const width = container.clientWidth || 600;
  const columns = cfg.layers.length + 2;
  const { colX, headWidth } = layoutColumns(width, columns);
  const gap = 52;
  const hidden = new Set(ui.hide);
  diagram = { features: [], layers: [], links: [] };
  let maxRows = catalogue.features.length;

  // Headers first: the units start below the tallest one, so a header never covers a unit.
  const heads = [];
  const featureHead = document.createElement('div');
  featureHead.className = 'col-head';
  featureHead.style.left = `${colX(0) - headWidth / 2}px`;
  featureHead.style.width = `${headWidth}px`;
  featureHead.style.top = '0px';
  featureHead.textContent = 'Features';
  container.appendChild(featureHead);
  heads.push(featureHead);
  const layerCount = cfg.layers.length + 1;
  for (let i = 0; i < layerCount; i++) {
    const isHidden = i < cfg.layers.length;
    const units = isHidden ? cfg.layers[i].units : 1;
    maxRows = Math.max(maxRows, units);
    const h = document.createElement('div');
    h.className = 'col-head';
    h.style.left = `${colX(i + 1) - headWidth / 2}px`;
    h.style.width = `${headWidth}px`;
    h.style.top = '0px';
    if (isHidden) {
      const title = document.createElement('div');
      title.innerHTML = headWidth < 90 ? `<b>${units}</b> ` : `<b>${units}</b> unit${units === 1 ? '' : 's'} `;
      const buttons = document.createElement('span');
      buttons.className = 'units';
      const plus = document.createElement('button');
      plus.textContent = '+';
      plus.id = `layer-${i}-plus`;
      plus.title = 'Add a unit';
      plus.addEventListener('click', () => { if (cfg.layers[i].units < catalogue.limits.maxUnits) { cfg.layers[i].units++; applyConfig(); } });
      const minus = document.createElement('button');
      minus.textContent = '−';
      minus.id = `layer-${i}-minus`;
      minus.title = 'Remove a unit';
      minus.addEventListener('click', () => { if (cfg.layers[i].units > 1) { cfg.layers[i].units--; applyConfig(); } });
      buttons.append(plus, minus);
      title.appendChild(buttons);
      h.appendChild(title);
      const control = activationControl(cfg.layers[i].activation, (spec) => { cfg.layers[i].activation = spec; applyConfig(); }, true);
      control.select.id = `layer-${i}-activation`;
      h.appendChild(control.element);
      if (hidden.has('units')) {
        buttons.hidden = true;
        control.element.querySelectorAll('select, input').forEach((e) => { e.disabled = true; });
      }
    } else {
      h.innerHTML = '<b>Output</b>';
    }
    container.appendChild(h);
    heads.push(h);
  }
  const top = Math.max(40, ...heads.map((h) => h.offsetTop + h.offsetHeight)) + 14;

  // Input features: every feature is shown; the selected ones feed the network.
  catalogue.features.forEach((f, k) => {
    const node = makeNode(colX(0), top + k * gap, `feature-${k}`);
    node.classList.add('feature');
    node.classList.toggle('off', !cfg.features.includes(f));
    const locked = hidden.has('features');
    node.title = locked ? (FEATURE_LABELS[f] || f) : `${FEATURE_LABELS[f] || f}: click to ${cfg.features.includes(f) ? 'remove' : 'add'}`;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = FEATURE_LABELS[f] || f;
    node.appendChild(name);
    paintFeature(node.querySelector('canvas'), f, run.state.domain);
    node.addEventListener('click', () => {
      if (locked) return;
      const on = cfg.features.includes(f);
      if (on && cfg.features.length === 1) return;
      cfg.features = on ? cfg.features.filter((x) => x !== f) : catalogue.features.filter((x) => x === f || cfg.features.includes(x));
      applyConfig();
    });
    node.addEventListener('mouseenter', () => hoverFeature(f));
    node.addEventListener('mouseleave', () => hoverOff());
    container.appendChild(node);
    diagram.features.push({ feature: f, node, x: colX(0), y: top + k * gap });
  });

  for (let i = 0; i < layerCount; i++) {
    const units = i < cfg.layers.length ? cfg.layers[i].units : 1;
    const x = colX(i + 1);
    const nodes = [];
    for (let j = 0; j < units; j++) {
      const y = top + j * gap;
      const node = makeNode(x, y, i < cfg.layers.length ? `unit-${i}-${j}` : 'unit-output', false);
      node.classList.add('unit');
      node.dataset.layer = i;
      node.dataset.unit = j;
      node.addEventListener('mouseenter', () => hoverUnit(i, j));
      node.addEventListener('mouseleave', () => hoverOff());
      const bias = document.createElement('div');
      bias.className = 'bias';
      bias.id = `bias-${i}-${j}`;
      bias.addEventListener('mouseenter', (e) => hoverParameter(e, i, j, null));
      bias.addEventListener('mouseleave', () => hideCard());
      bias.addEventListener('click', (e) => { e.stopPropagation(); editParameter(e, i, j, null); });
      node.appendChild(bias);
      container.appendChild(node);
      nodes.push({ node, x, y, bias, badge: null, mark: '', biasColour: '' });
    }
    diagram.layers.push(nodes);
  }
  const height = top + maxRows * gap + 10;
  container.style.height = `${height}px`;
  // Narrow canvases: one per gap between two columns for its links, one per column of units for their thumbnails.
  // A changed canvas costs the compositor a copy of all its pixels, so canvases as wide as the diagram cost that on
  // every update; and a gap can be redrawn on its own (see scheduleLinks).
  for (const box of [$('links'), $('units')]) {
    box.replaceChildren();
    box.style.width = `${width}px`;
    box.style.height = `${height}px`;
  }
  diagram.gaps = [];
  diagram.columns = [];
  for (let i = 0; i < layerCount; i++) {
    diagram.gaps.push({ ...strip($('links'), colX(i) + 19, colX(i + 1) - colX(i) - 38, height), links: [], key: null, step: -1, drawnAt: -Infinity });
    diagram.columns.push(strip($('units'), colX(i + 1) - 20, 40, height));
  }
  diagram.linkCursor = 0;
  buildLinks();
  $('layerCount').textContent = `${cfg.layers.length} hidden layer${cfg.layers.length === 1 ? '' : 's'}`;
  updateNetwork();
}

/** A canvas over [left, left + width] of the diagram, in CSS pixels, at the screen's resolution. */
function strip(box, left, width, height) {
  const dpr = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * dpr));
  canvas.height = Math.round(height * dpr);
  canvas.style.left = `${left}px`;
  canvas.style.width = `${canvas.width / dpr}px`;
  canvas.style.height = `${height}px`;
  box.appendChild(canvas);
  return { canvas, left, dpr };
}

/** The geometry of every weight's link, made once per diagram, in the gap of its layer; drawn by drawGap, hit-tested by linkAt. */
function buildLinks() {
  const selected = diagram.features.filter((f) => cfg.features.includes(f.feature));
  diagram.links = [];
  diagram.layers.forEach((targets, i) => {
    const sources = i === 0 ? selected : diagram.layers[i - 1];
    targets.forEach((target, j) => {
      sources.forEach((source, k) => {
        const link = { layer: i, unit: j, input: k, x1: source.x + 20, y1: source.y + 20, x2: target.x - 20, y2: target.y + 20 };
        diagram.links.push(link);
        diagram.gaps[i].links.push(link);
      });
    });
  });
}

/** A point of a link's curve (cubic Bézier with control points at mid-x), t in [0, 1]. */
function linkPoint(link, t) {
  const mx = (link.x1 + link.x2) / 2;
  const s = 1 - t;
  const x = s * s * s * link.x1 + 3 * s * s * t * mx + 3 * s * t * t * mx + t * t * t * link.x2;
  const y = s * s * s * link.y1 + 3 * s * s * t * link.y1 + 3 * s * t * t * link.y2 + t * t * t * link.y2;
  return { x, y };
}

/** The link under a point of the diagram (within 4 px of its curve), nearest first, or null. */
function linkAt(px, py) {
  let best = null;
  let bestDistance = 4;
  for (const link of diagram ? diagram.links : []) {
    if (px < link.x1 || px > link.x2 || py < Math.min(link.y1, link.y2) - 5 || py > Math.max(link.y1, link.y2) + 5) continue;
    // x(t) rises monotonically: find t with x(t) = px by bisection, then compare y.
    let lo = 0;
    let hi = 1;
    for (let n = 0; n < 18; n++) {
      const mid = (lo + hi) / 2;
      if (linkPoint(link, mid).x < px) lo = mid;
      else hi = mid;
    }
    const distance = Math.abs(linkPoint(link, (lo + hi) / 2).y - py);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = link;
    }
  }
  return best;
}

/**
 * Draws the links of one gap: blue positive, orange negative, width by size, dashed, with the dashes moved by the
 * optimiser's step (TF Playground's animation). Links of one colour and width are stroked together. Unless forced,
 * solid links are redrawn only when some link's colour or quarter-pixel width changed; returns whether it drew.
 */
function drawGap(gap, u, force) {
  const dashed = diagram.links.length <= DASHED_LINKS;
  const groups = new Map();
  const hot = diagram.hoveredLink && gap.links.includes(diagram.hoveredLink) ? diagram.hoveredLink : null;
  // Each link's look (sign and quarter-pixel width) in one string: equal strings draw equal pictures.
  let look = hot ? `${gap.links.indexOf(hot)}:` : '';
  for (const link of gap.links) {
    const layer = u.layers[link.layer];
    const w = num(layer.weights[link.unit * layer.inputs + link.input]);
    if (!Number.isFinite(w)) {
      look += '.';
      continue;
    }
    const quarters = Math.round(Math.min(8, 0.4 + Math.abs(w) * 2) * 4);
    const key = `${w >= 0 ? '#0877bd' : '#f59322'} ${quarters / 4}`;
    look += String.fromCharCode(w >= 0 ? 64 + quarters : 128 + quarters);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(link);
  }
  if (!force && !dashed && look === gap.key) return false;
  gap.key = look;
  const ctx = gap.canvas.getContext('2d');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, gap.canvas.width, gap.canvas.height);
  ctx.setTransform(gap.dpr, 0, 0, gap.dpr, -gap.left * gap.dpr, 0);
  ctx.globalAlpha = 0.65;
  ctx.setLineDash(dashed ? [4, 2] : []);
  ctx.lineDashOffset = -((u.step / 4) % 600);
  for (const [key, links] of groups) {
    const [colourName, width] = key.split(' ');
    ctx.strokeStyle = colourName;
    ctx.lineWidth = Number(width);
    ctx.beginPath();
    for (const l of links) {
      const mx = (l.x1 + l.x2) / 2;
      ctx.moveTo(l.x1, l.y1);
      ctx.bezierCurveTo(mx, l.y1, mx, l.y2, l.x2, l.y2);
    }
    ctx.stroke();
  }
  if (hot) {
    ctx.globalAlpha = 1;
    ctx.setLineDash([]);
    ctx.strokeStyle = '#222';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    const mx = (hot.x1 + hot.x2) / 2;
    ctx.moveTo(hot.x1, hot.y1);
    ctx.bezierCurveTo(mx, hot.y1, mx, hot.y2, hot.x2, hot.y2);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  return true;
}

/** Redraws the gaps of a link (the hover mark moved off or onto it). */
function redrawLinkGap(link) {
  if (link && runs[0] && runs[0].update) drawGap(diagram.gaps[link.layer], runs[0].update, true);
}

/** The link under the pointer gets the hover card; a click edits its weight. */
function bindLinkPointer() {
  const canvas = $('links');
  const local = (e) => {
    const r = canvas.getBoundingClientRect();
    return linkAt(e.clientX - r.left, e.clientY - r.top);
  };
  canvas.addEventListener('mousemove', (e) => {
    const link = local(e);
    if (link !== (diagram && diagram.hoveredLink)) {
      const before = diagram.hoveredLink;
      diagram.hoveredLink = link;
      canvas.classList.toggle('over-link', link !== null);
      redrawLinkGap(before);
      redrawLinkGap(link);
    }
    if (link) hoverParameter(e, link.layer, link.unit, link.input);
    else hideCard();
  });
  canvas.addEventListener('mouseleave', () => {
    if (diagram && diagram.hoveredLink) {
      const before = diagram.hoveredLink;
      diagram.hoveredLink = null;
      redrawLinkGap(before);
    }
    hideCard();
  });
  canvas.addEventListener('click', (e) => {
    const link = local(e);
    if (link) editParameter(e, link.layer, link.unit, link.input);
  });
  // For tests and tools: where a link's curve is, in viewport coordinates, and how many links there are.
  window.actlabLinks = () => (diagram ? diagram.links.length : 0);
  window.actlabLinkPoint = (i, j, k) => {
    const link = diagram.links.find((l) => l.layer === i && l.unit === j && l.input === k);
    const r = canvas.getBoundingClientRect();
    const p = linkPoint(link, 0.5);
    return { x: r.left + p.x, y: r.top + p.y };
  };
}

/** A unit's or feature's square; a feature paints its own small canvas, the units share the diagram's #units canvas. */
function makeNode(x, y, id, ownCanvas = true) {
  const node = document.createElement('div');
  node.className = 'node';
  node.id = id;
  node.style.left = `${x - 20}px`;
  node.style.top = `${y}px`;
  if (ownCanvas) {
    const canvas = document.createElement('canvas');
    canvas.width = 20;
    canvas.height = 20;
    node.appendChild(canvas);
  }
  return node;
}

function featureGrid(f, domain, size) {
  const values = new Array(size * size);
  const fn = FEATURE_FORMULAS[f];
  let max = 1e-9;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const a = domain[0] + ((c + 0.5) * (domain[1] - domain[0])) / size;
      const b = domain[3] - ((r + 0.5) * (domain[3] - domain[2])) / size;
      const v = fn(a, b);
      values[r * size + c] = v;
      max = Math.max(max, Math.abs(v));
    }
  }
  return { values, max };
}

function paintFeature(canvas, f, domain) {
  const g = featureGrid(f, domain, 20);
  paintGrid(canvas, g.values, 20, (v) => v / g.max, false);
}

function hoverFeature(f) {
  const run = runs[0];
  const g = featureGrid(f, run.state.domain, 100);
  hovered = { values: g.values, size: 100, toUnit: (v) => v / g.max };
  drawHeatmap(run);
}

/** Shows the unit at once from its thumbnail, then at the heatmap's full resolution when the server answers. */
function hoverUnit(i, j) {
  const run = runs[0];
  const thumbs = run.update && decodeThumbs(run.update.thumbs);
  if (!thumbs || !thumbs.units[i]) return;
  // The thumbnail's bytes are already on the colour scale; the full grid from the server is not.
  hovered = { layer: i, unit: j, values: thumbValues(thumbs, i, j), size: thumbs.size, toUnit: (t) => t, pending: false };
  drawHeatmap(run);
  refreshHoveredUnit();
}

function refreshHoveredUnit() {
  const run = runs[0];
  const h = hovered;
  if (!h || h.layer === undefined || h.pending || !run.id) return;
  h.pending = true;
  api.unit(run.id, h.layer, h.unit).then((grid) => {
    h.pending = false;
    if (hovered !== h) return;
    h.values = grid.values;
    h.size = grid.size;
    h.toUnit = h.layer === cfg.layers.length ? outputToUnit(run) : clipUnit;
    h.full = true;
    drawHeatmap(run);
  }).catch(() => { h.pending = false; });
}

function hoverOff() {
  hovered = null;
  if (runs[0]) drawHeatmap(runs[0]);
}

// ---------- hover card and click-to-edit for weights and biases ----------

let editing = false;

function parameterValue(i, j, k) {
  const layer = runs[0].update.layers[i];
  return num(k === null ? layer.bias[j] : layer.weights[j * layer.inputs + k]);
}

function parameterName(i, j, k) {
  const to = i === cfg.layers.length ? 'the output' : `unit ${j} of layer ${i}`;
  if (k === null) return `bias of ${to}`;
  const from = i === 0 ? (FEATURE_LABELS[cfg.features[k]] || cfg.features[k]) : `unit ${k} of layer ${i - 1}`;
  return `weight ${from} → ${to}`;
}

function placeCard(card, e) {
  card.style.left = `${Math.min(window.innerWidth - 260, e.clientX + 12)}px`;
  card.style.top = `${e.clientY + 12}px`;
}

function hoverParameter(e, i, j, k) {
  if (editing || !runs[0] || !runs[0].update || !runs[0].update.layers[i]) return;
  const card = $('card');
  card.textContent = `${parameterName(i, j, k)}: ${parameterValue(i, j, k).toFixed(4)} (click to change)`;
  card.hidden = false;
  placeCard(card, e);
}

function hideCard(force) {
  if (editing && !force) return;
  editing = false;
  $('card').hidden = true;
}

function editParameter(e, i, j, k) {
  const run = runs[0];
  if (!run || !run.update || !run.update.layers[i]) return;
  editing = true;
  const card = $('card');
  card.innerHTML = '';
  const label = document.createElement('label');
  label.textContent = `${parameterName(i, j, k)} =`;
  const input = document.createElement('input');
  input.type = 'number';
  input.step = 'any';
  input.id = 'cardInput';
  input.value = parameterValue(i, j, k).toFixed(4);
  label.appendChild(input);
  card.appendChild(label);
  card.hidden = false;
  placeCard(card, e);
  input.focus();
  input.select();
  input.addEventListener('keydown', async (event) => {
    if (event.key === 'Escape') hideCard(true);
    if (event.key !== 'Enter') return;
    const value = Number(input.value);
    if (input.value.trim() === '' || !Number.isFinite(value)) {
      showError(`Not a number: '${input.value}'`);
      return;
    }
    hideCard(true);
    try {
      applyUpdate(run, await api.parameter(run.id, i, j, k, value));
      clearError();
    } catch (err) {
      showError(`Could not set the ${parameterName(i, j, k)}: ${err.message}`);
    }
  });
  // Only an edit still open is closed on blur: after Enter (or once a hover card has replaced the input), a late blur
  // must not hide the card that is now showing.
  input.addEventListener('blur', () => setTimeout(() => {
    if (editing && card.contains(input)) hideCard(true);
  }, 150));
}

const MARKS = {
  dead: { badge: 'dead', title: ': dead (f′ = 0 on every training point)' },
  saturated: { badge: 'sat', title: ': saturated (|f′| < 1% of its max on 99% of the training points)' },
  asymptote: { badge: 'asym', title: ': near an asymptote (its output is within 5% of the output range of f(−∞) or f(+∞) on 99% of the training points; its slope is still above 1% of its max)' },
};

/** A unit's mark: dead, saturated by the slope criterion, near an asymptote by the output criterion, or none. */
function unitMark(layer, j, isOutput) {
  // A confident output unit is what training aims for: only hidden units are marked saturated.
  if (layer.flags[j] === 2) return 'dead';
  if (isOutput) return '';
  if (layer.flags[j] === 1) return 'saturated';
  return layer.nearAsymptote && layer.nearAsymptote[j] ? 'asymptote' : '';
}

/**
 * Repaints the thumbnails (one canvas for all units), recolours the bias squares that changed, marks dead, saturated
 * and near-asymptote units, and has the links redrawn. Only what changed touches the DOM, so an update costs no
 * style or layout work beyond the marks that moved.
 */
function updateNetwork() {
  const run = runs[0];
  if (!diagram || !run || !run.update) return;
  const u = run.update;
  if (u.layers.length !== diagram.layers.length) return;
  const tiles = [];
  u.layers.forEach((layer, i) => {
    const isOutput = i === u.layers.length - 1;
    tiles.push([]);
    diagram.layers[i].forEach((target, j) => {
      const b = num(layer.bias[j]);
      const [r, g, bl] = colour(Math.max(-1, Math.min(1, b)));
      const biasColour = `rgb(${r},${g},${bl})`;
      if (biasColour !== target.biasColour) {
        target.biasColour = biasColour;
        target.bias.style.background = biasColour;
      }
      const mark = unitMark(layer, j, isOutput);
      tiles[i].push({ x: 1, y: target.y + 1, size: 38, grey: mark === 'dead', discretize: ui.discretize && isOutput });
      if (mark !== target.mark) {
        target.mark = mark;
        for (const name of Object.keys(MARKS)) target.node.classList.toggle(name, mark === name);
        if (mark && !target.badge) {
          target.badge = document.createElement('span');
          target.badge.className = 'badge';
          target.node.appendChild(target.badge);
        }
        if (target.badge) {
          if (mark) target.badge.textContent = MARKS[mark].badge;
          else {
            target.badge.remove();
            target.badge = null;
          }
        }
        target.node.title = `${isOutput ? 'output' : `layer ${i} unit ${j}`}${mark ? MARKS[mark].title : ''}`;
      }
    });
  });
  paintThumbs(diagram.columns.map((c) => c.canvas), decodeThumbs(u.thumbs), tiles);
  scheduleLinks();
}

// Links: dashed and redrawn on every update while there are at most as many as TF Playground's largest network
// has (384). Beyond that, stroking thousands of dashed curves is the costliest thing on the page (about 200 ms a
// frame for 8 x 16 units in software rendering, measured in a Chromium trace), so they are drawn solid, each gap
// only when some link's colour or width changed and at most four times a second, and at most one gap per animation
// frame: a gap of 16 x 16 links costs a few milliseconds, where all 1,840 links at once (20-30 ms, measured in the
// page) made one long frame four times a second.
const DASHED_LINKS = 400;
const LINKS_INTERVAL_MS = 250;
let linksFrameRequested = false;

function scheduleLinks() {
  if (!diagram) return;
  const u = runs[0].update;
  for (const gap of diagram.gaps) {
    // Small networks animate on every update; a new diagram gets its links at once.
    if (diagram.links.length <= DASHED_LINKS || gap.key === null) {
      drawGap(gap, u, true);
      gap.step = u.step;
    }
  }
  if (!linksFrameRequested && diagram.gaps.some((g) => g.step !== u.step)) {
    linksFrameRequested = true;
    requestAnimationFrame(drawNextGap);
  }
}

/** One animation frame's share of the links: the next gap, in turn, that is behind the update and due. */
function drawNextGap(now) {
  linksFrameRequested = false;
  const run = runs[0];
  if (!diagram || !run || !run.update) return;
  const gaps = diagram.gaps;
  const step = run.update.step;
  let behind = false;
  for (let n = 0; n < gaps.length; n++) {
    const i = (diagram.linkCursor + n) % gaps.length;
    const gap = gaps[i];
    if (gap.step === step) continue;
    if (now - gap.drawnAt < LINKS_INTERVAL_MS) {
      behind = true;
      continue;
    }
    gap.step = step;
    if (drawGap(gap, run.update, false)) {
      gap.drawnAt = now;
      diagram.linkCursor = i + 1;
      behind = gaps.some((g) => g.step !== step);
      break;
    }
  }
  if (behind) {
    linksFrameRequested = true;
    requestAnimationFrame(drawNextGap);
  }
}

function renderDiagnostics() {
  const run = runs[0];
  if (!run || !run.update) return;
  const u = run.update;
  const layers = Math.max(0, ...run.history.map((p) => (p.gradientNorms || []).length));
  const series = [];
  const legend = [];
  for (let i = 0; i < layers; i++) {
    const colourName = LAYER_COLOURS[i % LAYER_COLOURS.length];
    series.push({ values: run.history.map((p) => (p.gradientNorms || [])[i]), colour: colourName });
    legend.push(`<span style="--c:${colourName}">${i === layers - 1 ? 'output' : `layer ${i}`}</span>`);
  }
  lineChart($('gradients'), series, { log: true });
  setHtml($('gradientLegend'), legend.join(''));

  const health = u.health;
  const histograms = $('histograms');
  const tbody = $('healthTable').querySelector('tbody');
  if (!health) {
    histograms.innerHTML = '<span class="muted">No report yet.</span>';
    setHtml(tbody, '');
    setHtml($('advice'), '<li class="muted">No report yet: train an epoch.</li>');
    return;
  }
  if (histograms.children.length !== health.layers.length || !histograms.querySelector('canvas')) {
    histograms.innerHTML = health.layers.map((l) => `<figure><canvas width="140" height="70" id="hist-${l.index}"></canvas><figcaption></figcaption></figure>`).join('');
  }
  health.layers.forEach((l, i) => {
    const figure = histograms.children[i];
    histogramOverSlope(figure.querySelector('canvas'), l.histogram, l.slopeAtCentres);
    figure.querySelector('figcaption').textContent = `${i === health.layers.length - 1 ? 'output' : `layer ${l.index}`} ${l.activation}: z ∈ [${num(l.histogramMin).toFixed(1)}, ${num(l.histogramMax).toFixed(1)}]`;
  });
  const fixed = (v, d) => (Number.isFinite(num(v)) ? num(v).toFixed(d) : '–');
  const share = (v) => (Number.isFinite(num(v)) ? `${(100 * num(v)).toFixed(0)}%` : '–');
  // For a non-saturating function (ReLU) the flat share is its zero-slope half: dead, not saturated.
  const flatShare = (l) => {
    const entry = entryOf(specParts(l.activation).id);
    return entry && !entry.saturating ? `${share(l.saturatedFraction)} f′=0` : share(l.saturatedFraction);
  };
  // The output criterion: the share of (point, unit) pairs near an asymptote, and of units near one on 99% of the
  // points; '–' where f is not bounded on both sides (ReLU), where the criterion does not apply.
  const nearShare = (l) => (Number.isFinite(num(l.nearAsymptoteFraction))
    ? `${share(l.nearAsymptoteFraction)} (${share(l.nearAsymptoteUnits)} of units)` : '–');
  setHtml(tbody, health.layers.map((l, i) => `<tr><td>${i === health.layers.length - 1 ? 'out' : l.index}</td><td>${escapeHtml(l.activation)}</td><td>${fixed(l.meanActivation, 3)}</td><td>${share(l.signCoherence)}</td><td>${flatShare(l)}</td><td>${nearShare(l)}</td><td>${share(l.deadFraction)}</td><td>${Number.isFinite(num(l.gradientNorm)) ? num(l.gradientNorm).toExponential(2) : '–'}</td></tr>`).join(''));
  setHtml($('advice'), health.advice.length === 0
    ? `<li class="muted">Epoch ${health.epoch}: no rule fired.</li>`
    : health.advice.map((a) => `<li><span class="rule">${escapeHtml(a.rule)}</span>: ${escapeHtml(a.recommendation)}<span class="evidence">${escapeHtml(a.evidence)}</span></li>`).join(''));
}

/** Sets an element's HTML only when it differs, so that an unchanged table costs no style or layout work. */
function setHtml(element, html) {
  if (element.dataset.html !== html) {
    element.dataset.html = html;
    element.innerHTML = html;
  }
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// ---------- the f / f′ explorer ----------

let explorerSpec = 'tanh';
let explorerTimer = null;

function renderExplorerControls() {
  const control = activationControl(explorerSpec, (spec) => { explorerSpec = spec; renderExplorerControls(); scheduleExplorer(); }, false);
  const select = $('explorerActivation');
  select.innerHTML = control.select.innerHTML;
  select.value = control.select.value;
  select.onchange = () => { explorerSpec = defaultSpec(select.value); renderExplorerControls(); scheduleExplorer(); };
  const params = $('explorerParams');
  params.innerHTML = '';
  control.element.querySelectorAll('label').forEach((label) => params.appendChild(label));
  params.querySelectorAll('input').forEach((input) => input.addEventListener('change', () => {
    const id = specParts(explorerSpec).id;
    explorerSpec = writeSpec(id, Object.fromEntries([...params.querySelectorAll('input')].map((x) => [x.dataset.param, Number(x.value)])));
    scheduleExplorer();
  }));
}

function scheduleExplorer() {
  clearTimeout(explorerTimer);
  explorerTimer = setTimeout(drawExplorer, 120);
}

async function drawExplorer() {
  try {
    const data = await api.activation(explorerSpec, Number($('explorerFrom').value), Number($('explorerTo').value), 401);
    explorerPlot($('explorer'), data);
    const entry = entryOf(data.id);
    $('explorerInfo').innerHTML = `<b>${escapeHtml(data.spec)}</b>: f(x) = ${escapeHtml(data.formula)}; f′(x) = ${escapeHtml(data.derivativeFormula)}.`
      + (entry ? ` Range ${escapeHtml(entry.range)}; ${entry.zeroCentred ? 'zero-centred' : 'not zero-centred'}; ${entry.saturating ? 'saturating' : 'non-saturating'}; cost ${entry.cost}.` : '')
      + ' <span style="color:#0877bd">f</span>, <span style="color:#f59322">f′</span>; shaded red: 0 < |f′| below 1% of its maximum (saturated); shaded grey: f′ = 0 exactly (dead, zero slope: ReLU\'s negative half).';
  } catch (e) {
    $('explorerInfo').textContent = e.message;
  }
}

function refreshExplorerDefault() {
  // The explorer follows the first hidden layer until the user picks something else there.
  if (!explorerTouched && cfg.layers.length > 0) {
    explorerSpec = cfg.layers[0].activation;
    renderExplorerControls();
    scheduleExplorer();
  }
}
let explorerTouched = false;

// ---------- controls ----------

function fillSelect(select, values, labels) {
  select.innerHTML = values.map((v, i) => `<option value="${escapeHtml(v)}">${escapeHtml(labels ? labels[i] : v)}</option>`).join('');
}

function renderControls() {
  $('learningRate').value = String(cfg.learningRate);
  $('regularization').value = cfg.regularization;
  $('regularizationRate').value = String(cfg.regularizationRate);
  $('problem').value = cfg.problem;
  $('loss').value = cfg.loss;
  if (![...$('optimizer').options].some((o) => o.value === cfg.optimizer)) $('optimizer').add(new Option(cfg.optimizer, cfg.optimizer));
  $('optimizer').value = cfg.optimizer;
  if (![...$('weightInit').options].some((o) => o.value === cfg.weightInit)) $('weightInit').add(new Option(cfg.weightInit, cfg.weightInit));
  $('weightInit').value = cfg.weightInit;
  const bias = specParts(cfg.biasInit);
  const constant = bias.id === 'constant';
  $('biasKind').value = constant ? 'constant' : 'zeros';
  $('biasValue').hidden = !constant;
  if (constant) $('biasValue').value = bias.params.value;
  $('seed').value = cfg.seed;
  const layerIds = new Set(cfg.layers.map((l) => specParts(l.activation).id));
  $('activationAll').value = layerIds.size === 1 ? [...layerIds][0] : '';
  for (const [id, label] of [['trainPercent', `${cfg.trainPercent}%`], ['noise', cfg.noise], ['batchSize', cfg.batchSize], ['samples', cfg.samples]]) {
    $(id).value = cfg[id];
    $(`${id}Label`).textContent = label;
  }
  $('showTest').checked = ui.showTest;
  $('discretize').checked = ui.discretize;
  $('compare').checked = ui.compare;
  $('compareControls').hidden = !ui.compare;
  $('compareField').value = ui.compareField;
  fillCompareValues();
  renderDatasets();
  applyClassroom();
}

// ---------- classroom mode ----------

/** Hides the controls the URL lists in hide=, and the explanations with hideText=1. */
function applyClassroom() {
  document.querySelectorAll('[data-control]').forEach((element) => {
    element.dataset.hidden = ui.hide.includes(element.dataset.control) ? 'true' : 'false';
  });
  ['panelGradients', 'panelHistograms', 'panelHealth', 'panelExplorer'].forEach((id) => {
    $(id).dataset.hidden = ui.hide.includes('diagnostics') ? 'true' : 'false';
  });
  document.querySelectorAll('.explain, #explanation').forEach((element) => {
    element.dataset.hidden = ui.hideText ? 'true' : 'false';
  });
  const list = $('classroomList');
  if (list.children.length === 0) {
    for (const [key, label] of Object.entries(HIDEABLE)) {
      const wrap = document.createElement('label');
      wrap.className = 'check';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.id = `show-${key}`;
      box.addEventListener('change', () => {
        ui.hide = box.checked ? ui.hide.filter((k) => k !== key) : [...ui.hide, key];
        writeHash();
        applyClassroom();
        if (key === 'units' || key === 'features') renderNetwork();
      });
      wrap.append(box, ` ${label}`);
      list.appendChild(wrap);
    }
    const text = document.createElement('label');
    text.className = 'check';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = 'show-text';
    box.addEventListener('change', () => { ui.hideText = !box.checked; writeHash(); applyClassroom(); });
    text.append(box, ' Explanations');
    list.appendChild(text);
  }
  for (const key of Object.keys(HIDEABLE)) $(`show-${key}`).checked = !ui.hide.includes(key);
  $('show-text').checked = !ui.hideText;
}

function compareOptions() {
  switch (ui.compareField) {
    case 'learningRate': return LEARNING_RATES.map(String);
    case 'optimizer': return OPTIMIZERS;
    case 'weightInit': return INITIALISERS;
    default: return catalogue.activations.map((a) => a.id);
  }
}

function fillCompareValues() {
  const values = compareOptions();
  fillSelect($('compareValue'), values);
  if (!values.includes(ui.compareValue)) ui.compareValue = values.find((v) => v !== String(cfg[ui.compareField])) || values[0];
  $('compareValue').value = ui.compareValue;
}

function renderDatasets() {
  const box = $('datasets');
  const names = catalogue.datasets.filter((d) => catalogue.classification.includes(d) === (cfg.problem === 'classification'));
  box.innerHTML = '';
  for (const name of names) {
    const b = document.createElement('button');
    b.id = `dataset-${name}`;
    b.title = name.replace('_', ' ');
    b.className = name === cfg.dataset ? 'selected' : '';
    const canvas = document.createElement('canvas');
    canvas.width = 54;
    canvas.height = 54;
    if (previews && previews[name]) paintPreview(canvas, previews[name], !catalogue.classification.includes(name));
    const caption = document.createElement('span');
    caption.textContent = name.replace('_', ' ');
    b.append(canvas, caption);
    b.addEventListener('click', () => { cfg.dataset = name; applyConfig(); });
    box.appendChild(b);
  }
  if (cfg.dataset === 'csv') {
    const note = document.createElement('div');
    note.className = 'caption';
    note.textContent = 'Using the uploaded CSV.';
    box.appendChild(note);
  }
}

function bindControls() {
  OPTIMIZERS = catalogue.optimizers;
  // Initialisers that need arguments get a typical one, so that the list only offers specs that parse.
  INITIALISERS = catalogue.initialisers.filter((n) => !['zeros', 'constant'].includes(n))
    .map((n) => (n === 'uniform' ? 'uniform(-0.5,0.5)' : n === 'normal' ? 'normal(0,0.1)' : n));
  fillSelect($('learningRate'), LEARNING_RATES.map(String));
  fillSelect($('regularizationRate'), REGULARIZATION_RATES.map(String));
  fillSelect($('optimizer'), OPTIMIZERS);
  fillSelect($('weightInit'), INITIALISERS);
  fillSelect($('activationAll'), ['', ...catalogue.activations.map((a) => a.id)], ['(per layer)', ...catalogue.activations.map((a) => a.id)]);
  const on = (id, event, fn) => $(id).addEventListener(event, fn);
  on('learningRate', 'change', (e) => { cfg.learningRate = Number(e.target.value); applySettings(); });
  on('regularization', 'change', (e) => { cfg.regularization = e.target.value; applySettings(); });
  on('regularizationRate', 'change', (e) => { cfg.regularizationRate = Number(e.target.value); applySettings(); });
  on('activationAll', 'change', (e) => {
    if (!e.target.value) return;
    cfg.layers.forEach((l) => { l.activation = defaultSpec(e.target.value); });
    applyConfig();
  });
  on('problem', 'change', (e) => {
    cfg.problem = e.target.value;
    cfg.dataset = cfg.problem === 'classification' ? 'circle' : 'plane';
    cfg.loss = cfg.problem === 'classification' ? 'cross_entropy' : 'mse';
    applyConfig();
  });
  on('loss', 'change', (e) => { cfg.loss = e.target.value; applyConfig(); });
  on('optimizer', 'change', (e) => { cfg.optimizer = e.target.value; applyConfig(); });
  on('weightInit', 'change', (e) => { cfg.weightInit = e.target.value; applyConfig(); });
  const biasChanged = () => {
    cfg.biasInit = $('biasKind').value === 'constant' ? writeSpec('constant', { value: Number($('biasValue').value) }) : writeSpec('zeros', {});
    applyConfig();
  };
  on('biasKind', 'change', biasChanged);
  on('biasValue', 'change', biasChanged);
  on('seed', 'change', (e) => { cfg.seed = Math.max(0, Math.floor(Number(e.target.value) || 0)); applyConfig(); });
  for (const id of ['trainPercent', 'noise', 'batchSize', 'samples']) {
    on(id, 'input', (e) => { $(`${id}Label`).textContent = id === 'trainPercent' ? `${e.target.value}%` : e.target.value; });
    on(id, 'change', (e) => { cfg[id] = Number(e.target.value); if (KEEPS_NETWORK.includes(id)) applySettings(); else applyConfig(); });
  }
  // New data from the next seed, with the network kept: a trained boundary meets points it has never seen.
  on('regenerate', 'click', () => { cfg.seed = (cfg.seed + 1) % 1000000; applySettings(); });
  on('csvFile', 'change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    if (file.size > catalogue.limits.maxUploadBytes) {
      showError(`The CSV has ${file.size} bytes; the limit is ${catalogue.limits.maxUploadBytes}.`);
      return;
    }
    csvText = await file.text();
    cfg.dataset = 'csv';
    applyConfig();
  });
  on('showTest', 'change', (e) => { ui.showTest = e.target.checked; writeHash(); runs.forEach(drawHeatmap); });
  on('discretize', 'change', (e) => { ui.discretize = e.target.checked; writeHash(); runs.forEach(drawHeatmap); updateNetwork(); });
  on('addLayer', 'click', () => {
    if (cfg.layers.length >= catalogue.limits.maxLayers) return;
    const last = cfg.layers[cfg.layers.length - 1];
    cfg.layers.push({ units: 2, activation: last ? last.activation : 'tanh' });
    applyConfig();
  });
  on('removeLayer', 'click', () => { if (cfg.layers.length > 0) { cfg.layers.pop(); applyConfig(); } });
  on('reset', 'click', () => applyConfig());
  on('play', 'click', async () => {
    const next = !playing;
    if (await withRuns((run) => (next ? api.play(run.id) : api.pause(run.id)))) {
      // A run may have diverged before this answer arrived; its update already stopped the player.
      setPlaying(next && runs.every((r) => !r.update || !r.update.diverged));
    }
  });
  on('step', 'click', async () => {
    setPlaying(false);
    await withRuns(async (run) => applyUpdate(run, await api.step(run.id)));
  });
  on('compare', 'change', (e) => setCompare(e.target.checked));
  on('compareField', 'change', (e) => { ui.compareField = e.target.value; ui.compareValue = ''; fillCompareValues(); writeHash(); if (ui.compare) applyConfig(); });
  on('compareValue', 'change', (e) => { ui.compareValue = e.target.value; writeHash(); if (ui.compare) applyConfig(); });
  on('explorerFrom', 'change', scheduleExplorer);
  on('explorerTo', 'change', scheduleExplorer);
  $('explorerActivation').addEventListener('change', () => { explorerTouched = true; });
  window.addEventListener('hashchange', () => {
    if (location.hash.slice(1) === toHash()) return;
    const restored = fromHash(location.hash);
    cfg = restored.config;
    deriveProblem(location.hash);
    const compare = restored.ui.compare;
    const previousTour = ui.tour;
    ui = { ...restored.ui, compare: ui.compare };
    if (ui.tour && ui.tour !== previousTour) {
      // A pasted tour URL starts that tour.
      startTour(ui.tour);
      return;
    }
    renderLecture();
    applyConfig().then(() => { if (compare !== ui.compare) setCompare(compare); });
  });
  let resizeTimer = null;
  window.addEventListener('resize', () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(renderNetwork, 80); });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') hideCard(true); });
  // Browsers allow six HTTP/1.1 connections per host and each stream holds one: a page that is left (or kept
  // in the back/forward cache) must give its streams back, and takes them again if it is shown again.
  window.addEventListener('pagehide', () => runs.forEach((run) => {
    if (run.events) run.events.close();
    run.events = null;
  }));
  window.addEventListener('pageshow', (e) => { if (e.persisted) runs.forEach((run) => run.id && connect(run)); });
}

// ---------- the Lecture panel ----------

let tourVerdict = null;

function bindLecture() {
  const box = $('tours');
  for (const tour of TOURS) {
    const b = document.createElement('button');
    b.id = `tour-${tour.id}`;
    b.textContent = tour.title;
    b.addEventListener('click', () => startTour(tour.id));
    box.appendChild(b);
  }
  $('tourEnd').addEventListener('click', () => {
    ui.tour = null;
    writeHash();
    renderLecture();
  });
}

/** Sets the page up as the tour says (a reset to its settings), highlights its panel and starts training. */
async function startTour(id) {
  const tour = tourById(id);
  if (!tour) return;
  const restored = fromHash(tour.hash);
  cfg = restored.config;
  deriveProblem(tour.hash);
  ui = { ...ui, showTest: false, discretize: false, tour: id };
  if (restored.ui.compare) {
    ui.compareField = restored.ui.compareField;
    ui.compareValue = restored.ui.compareValue;
  }
  tourVerdict = null;
  explorerTouched = false;
  renderLecture();
  if (restored.ui.compare !== ui.compare) await setCompare(restored.ui.compare);
  if (!(await applyConfig())) return;
  if (await withRuns((run) => api.play(run.id))) setPlaying(runs.every((r) => !r.update || !r.update.diverged));
}

function renderLecture() {
  const tour = tourById(ui.tour);
  document.querySelectorAll('.tours button').forEach((b) => b.classList.toggle('active', tour !== null && b.id === `tour-${tour.id}`));
  document.querySelectorAll('.panel.highlight').forEach((p) => p.classList.remove('highlight'));
  $('tourBox').hidden = !tour;
  if (!tour) return;
  $('tourTitle').textContent = tour.title;
  $('tourText').textContent = tour.text;
  $(tour.panel).classList.add('highlight');
  const link = $('tourReport');
  const report = api.reportUrl();
  // A static site without the report names the section instead of linking to a missing page.
  if (report) link.href = `${report}#${tour.id}`;
  else link.removeAttribute('href');
  link.textContent = report ? `section “${tour.id}”` : `section “${tour.id}” (not on this static site)`;
  lectureTick();
}

/** Runs the tour's check on the latest picture; a sighting is kept, a miss may still turn into one. */
function lectureTick() {
  const tour = tourById(ui.tour);
  const line = $('tourCheck');
  if (!tour) return;
  const a = runs[0];
  const b = runs.find((r) => r.name === 'B');
  if (!a || !a.update) return;
  if (!tourVerdict || !tourVerdict.seen) {
    const result = tour.check({
      update: a.update, history: a.history, epoch: a.update.epoch,
      b: b && b.update ? { update: b.update, history: b.history } : null,
    });
    if (result) tourVerdict = result;
  }
  if (tourVerdict) {
    setText(line, tourVerdict.message);
    line.className = `tour-check ${tourVerdict.seen ? 'seen' : 'missed'}`;
  } else {
    setText(line, `Watching… epoch ${a.update.epoch}${a.update.playing || playing ? '' : ' (press play to train)'}`);
    line.className = 'tour-check waiting';
  }
  line.dataset.verdict = tourVerdict ? (tourVerdict.seen ? 'seen' : 'missed') : 'waiting';
}

/** A hash that names a data set but no problem type (or loss) gets the ones that data set implies. */
function deriveProblem(hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  if (!p.has('problem') && catalogue.datasets.includes(cfg.dataset)) {
    cfg.problem = catalogue.classification.includes(cfg.dataset) ? 'classification' : 'regression';
  }
  if (!p.has('loss')) cfg.loss = cfg.problem === 'classification' ? 'cross_entropy' : 'mse';
}

async function main() {
  // A server that cannot be reached yet (starting, restarting) is retried with a visible message.
  let attempt = 0;
  while (!catalogue) {
    attempt++;
    try {
      const loaded = await api.catalogue();
      const schema = await api.schema();
      // The finest heatmap the server allows (100 × 100), as TF Playground draws it.
      DEFAULTS = { ...schema.playground, gridSize: loaded.limits.maxGrid };
      rememberConfig(DEFAULTS);
      for (const a of loaded.activations) {
        rememberSpec(a.spec, a.id, Object.fromEntries(a.parameters.map((p) => [p.key, p.defaultValue])));
      }
      catalogue = loaded;
    } catch (e) {
      showStatus(`Cannot reach the server (${e.message}); retrying in 5 s (attempt ${attempt})…`);
      await sleep(5000);
    }
  }
  if (attempt > 1) clearStatus();
  const restored = fromHash(location.hash);
  cfg = restored.config;
  ui = restored.ui;
  deriveProblem(location.hash);
  if (cfg.dataset === 'csv') {
    showError('The URL names an uploaded CSV, which is not kept in the URL: using circle instead. Upload the file again.');
    cfg.dataset = 'circle';
    cfg.problem = 'classification';
  }
  try {
    previews = await api.previews();
  } catch (e) {
    previews = null; // The thumbnails then show only their names.
  }
  paintLegend($('legendBar'));
  bindControls();
  bindLinkPointer();
  bindLecture();
  renderControls();
  runs.push(makeRun('A'));
  try {
    await startRun(runs[0]);
  } catch (e) {
    showError(`${e.message} — falling back to the defaults.`);
    cfg = structuredClone(DEFAULTS);
    try {
      await startRun(runs[0]);
    } catch (e2) {
      showError(e2.message);
      return;
    }
  }
  writeHash();
  renderControls();
  refreshExplorerDefault();
  renderExplorerControls();
  scheduleExplorer();
  if (ui.compare) {
    ui.compare = false;
    await setCompare(true);
  }
  renderLecture();
  document.body.dataset.ready = 'true';
  if (ui.tour) startTour(ui.tour);
}

main();
