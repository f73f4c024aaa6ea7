// The playground page: settings, the URL hash, sessions on the server, and drawing what they report.
// All training runs on the server; this file never evaluates the network.
import { api, num, ApiError } from './api.js';
import { paintGrid, paintPoints, paintAxes, lineChart, histogramOverSlope, explorerPlot, LAYER_COLOURS } from './draw.js';

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

const $ = (id) => document.getElementById(id);
let catalogue = null;
let cfg = null;
let ui = { showTest: false, discretize: false, compare: false, compareField: 'activation', compareValue: 'relu' };
let csvText = null;
let playing = false;
const runs = [];
let hovered = null;

// ---------- the URL hash ----------

function toHash() {
  const p = new URLSearchParams();
  p.set('dataset', cfg.dataset);
  p.set('problem', cfg.problem);
  p.set('samples', cfg.samples);
  p.set('noise', cfg.noise);
  p.set('train', cfg.trainPercent);
  p.set('batch', cfg.batchSize);
  p.set('features', cfg.features.join(','));
  p.set('layers', cfg.layers.map((l) => `${l.units}:${l.activation}`).join('|'));
  p.set('loss', cfg.loss);
  p.set('lr', cfg.learningRate);
  p.set('opt', cfg.optimizer);
  p.set('reg', cfg.regularization);
  p.set('regRate', cfg.regularizationRate);
  p.set('winit', cfg.weightInit);
  p.set('binit', cfg.biasInit);
  p.set('seed', cfg.seed);
  p.set('grid', cfg.gridSize);
  p.set('showTest', ui.showTest ? 1 : 0);
  p.set('discretize', ui.discretize ? 1 : 0);
  if (ui.compare) {
    p.set('compare', ui.compareField);
    p.set('compareValue', ui.compareValue);
  }
  return p.toString();
}

function fromHash(hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const c = structuredClone(DEFAULTS);
  const number = (key, field) => { if (p.has(key) && p.get(key) !== '' && !Number.isNaN(Number(p.get(key)))) c[field] = Number(p.get(key)); };
  const text = (key, field) => { if (p.has(key) && p.get(key) !== '') c[field] = p.get(key); };
  text('dataset', 'dataset');
  text('problem', 'problem');
  number('samples', 'samples');
  number('noise', 'noise');
  number('train', 'trainPercent');
  number('batch', 'batchSize');
  if (p.has('features')) c.features = p.get('features').split(',').filter((f) => f);
  if (p.has('layers')) {
    const value = p.get('layers');
    c.layers = value === '' ? [] : value.split('|').map((entry) => {
      const at = entry.indexOf(':');
      return { units: Number(entry.slice(0, at)), activation: entry.slice(at + 1) };
    });
  }
  text('loss', 'loss');
  number('lr', 'learningRate');
  text('opt', 'optimizer');
  text('reg', 'regularization');
  number('regRate', 'regularizationRate');
  text('winit', 'weightInit');
  text('binit', 'biasInit');
  number('seed', 'seed');
  number('grid', 'gridSize');
  const u = { ...ui, showTest: p.get('showTest') === '1', discretize: p.get('discretize') === '1', compare: p.has('compare') };
  if (u.compare) {
    u.compareField = p.get('compare');
    u.compareValue = p.get('compareValue') || '';
  }
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
    lossCurve: name === 'A' ? $('lossCurve') : $('lossCurveB'),
    lossTrain: name === 'A' ? $('lossTrain') : $('lossTrainB'),
    lossTest: name === 'A' ? $('lossTest') : $('lossTestB') };
}

async function startRun(run) {
  const state = await api.create(configFor(run));
  run.id = state.session;
  applyState(run, state);
  connect(run);
  if (run.name === 'A') setExportLinks(run.id);
}

function connect(run) {
  if (run.events) run.events.close();
  const events = api.events(run.id);
  run.events = events;
  events.addEventListener('state', (e) => applyState(run, JSON.parse(e.data)));
  events.addEventListener('update', (e) => applyUpdate(run, JSON.parse(e.data)));
  events.addEventListener('failure', (e) => showError(JSON.parse(e.data).error));
  events.onerror = () => {
    // A closed stream (the session expired or the server restarted) is rebuilt from scratch.
    if (events.readyState === EventSource.CLOSED && run.events === events) {
      run.events = null;
      recover(run);
    }
  };
}

async function recover(run) {
  try {
    await startRun(run);
    if (playing) await api.play(run.id);
  } catch (e) {
    showError(`Lost the session and could not start a new one: ${e.message}`);
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
}

function setPlaying(value) {
  playing = value;
  $('play').classList.toggle('playing', value);
  $('play').innerHTML = value ? '&#x275A;&#x275A;' : '&#x25B6;';
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
  renderRun(run);
  if (run.name === 'A') updateNetwork();
  renderDiagnostics();
  showDivergence();
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
    $('epoch').textContent = String(u.epoch).padStart(6, '0').replace(/(\d{3})(\d{3})$/, '$1,$2');
    $('outputLabel').textContent = `accuracy train ${pct(u.trainAccuracy)} · test ${pct(u.testAccuracy)}`;
  }
  run.lossTrain.textContent = formatLoss(u.trainLoss);
  run.lossTest.textContent = formatLoss(u.testLoss);
  lineChart(run.lossCurve, [
    { values: run.history.map((p) => p.trainLoss), colour: '#999' },
    { values: run.history.map((p) => p.testLoss), colour: '#222' },
  ]);
  drawHeatmap(run);
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
  const clip = s.config.problem === 'classification' ? (y) => (y > 0.5 ? 1 : -1) : (y) => y;
  paintPoints(canvas, s.train, s.domain, clip, '#fff');
  if (ui.showTest) paintPoints(canvas, s.test, s.domain, clip, '#000');
  paintAxes(canvas, s.domain);
  canvas.dataset.epoch = u.epoch;
}

function clipUnit(v) {
  return Math.max(-1, Math.min(1, v));
}

// The diagram is rebuilt when the architecture changes and only recoloured on updates.
let diagram = null;

function renderNetwork() {
  const run = runs[0];
  if (!run || !run.state || !catalogue) return;
  const container = $('network');
  const svg = $('links');
  container.querySelectorAll('.node, .col-head').forEach((n) => n.remove());
  const width = container.clientWidth || 600;
  const columns = cfg.layers.length + 2;
  const colX = (c) => 50 + (c * (width - 110)) / (columns - 1);
  const top = 96;
  const gap = 52;
  diagram = { features: [], layers: [] };
  let maxRows = catalogue.features.length;

  // Input features: every feature is shown; the selected ones feed the network.
  const head = document.createElement('div');
  head.className = 'col-head';
  head.style.left = `${colX(0) - 35}px`;
  head.style.top = '40px';
  head.textContent = 'Features';
  container.appendChild(head);
  catalogue.features.forEach((f, k) => {
    const node = makeNode(colX(0), top + k * gap, `feature-${k}`);
    node.classList.add('feature');
    node.classList.toggle('off', !cfg.features.includes(f));
    node.title = `${FEATURE_LABELS[f] || f}: click to ${cfg.features.includes(f) ? 'remove' : 'add'}`;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = FEATURE_LABELS[f] || f;
    node.appendChild(name);
    paintFeature(node.querySelector('canvas'), f, run.state.domain);
    node.addEventListener('click', () => {
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

  const layerCount = cfg.layers.length + 1;
  for (let i = 0; i < layerCount; i++) {
    const hidden = i < cfg.layers.length;
    const units = hidden ? cfg.layers[i].units : 1;
    maxRows = Math.max(maxRows, units);
    const x = colX(i + 1);
    const h = document.createElement('div');
    h.className = 'col-head';
    h.style.left = `${x - 35}px`;
    h.style.top = '0px';
    if (hidden) {
      const title = document.createElement('div');
      title.innerHTML = `<b>${units}</b> neuron${units === 1 ? '' : 's'} `;
      const buttons = document.createElement('span');
      buttons.className = 'units';
      const plus = document.createElement('button');
      plus.textContent = '+';
      plus.id = `layer-${i}-plus`;
      plus.addEventListener('click', () => { if (cfg.layers[i].units < catalogue.limits.maxUnits) { cfg.layers[i].units++; applyConfig(); } });
      const minus = document.createElement('button');
      minus.textContent = '−';
      minus.id = `layer-${i}-minus`;
      minus.addEventListener('click', () => { if (cfg.layers[i].units > 1) { cfg.layers[i].units--; applyConfig(); } });
      buttons.append(plus, minus);
      title.appendChild(buttons);
      h.appendChild(title);
      const control = activationControl(cfg.layers[i].activation, (spec) => { cfg.layers[i].activation = spec; applyConfig(); }, true);
      control.select.id = `layer-${i}-activation`;
      h.appendChild(control.element);
    } else {
      h.innerHTML = '<b>Output</b>';
    }
    container.appendChild(h);
    const nodes = [];
    for (let j = 0; j < units; j++) {
      const y = top + j * gap;
      const node = makeNode(x, y, hidden ? `unit-${i}-${j}` : 'unit-output');
      node.dataset.layer = i;
      node.dataset.unit = j;
      node.addEventListener('mouseenter', () => hoverUnit(i, j));
      node.addEventListener('mouseleave', () => hoverOff());
      container.appendChild(node);
      nodes.push({ node, x, y });
    }
    diagram.layers.push(nodes);
  }
  container.style.height = `${top + maxRows * gap + 10}px`;
  svg.setAttribute('width', width);
  svg.setAttribute('height', top + maxRows * gap + 10);
  $('layerCount').textContent = `${cfg.layers.length} hidden layer${cfg.layers.length === 1 ? '' : 's'}`;
  updateNetwork();
}

function makeNode(x, y, id) {
  const node = document.createElement('div');
  node.className = 'node';
  node.id = id;
  node.style.left = `${x - 20}px`;
  node.style.top = `${y}px`;
  const canvas = document.createElement('canvas');
  canvas.width = 20;
  canvas.height = 20;
  node.appendChild(canvas);
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
  const g = featureGrid(f, run.state.domain, 40);
  hovered = { values: g.values, size: 40, toUnit: (v) => v / g.max };
  drawHeatmap(run);
}

function hoverUnit(i, j) {
  const run = runs[0];
  const u = run.update;
  if (!u || !u.neurons || !u.neurons[i]) return;
  const isOutput = i === cfg.layers.length;
  hovered = { layer: i, unit: j, values: u.neurons[i][j], size: u.thumbSize, toUnit: isOutput ? outputToUnit(run) : clipUnit };
  drawHeatmap(run);
}

function hoverOff() {
  hovered = null;
  if (runs[0]) drawHeatmap(runs[0]);
}

/** Recolours thumbnails, marks dead and saturated units, and redraws the links from the weights. */
function updateNetwork() {
  const run = runs[0];
  if (!diagram || !run || !run.update) return;
  const u = run.update;
  const svg = $('links');
  const parts = [];
  if (u.layers.length !== diagram.layers.length) return;
  const selected = diagram.features.filter((f) => cfg.features.includes(f.feature));
  u.layers.forEach((layer, i) => {
    const sources = i === 0 ? selected : diagram.layers[i - 1];
    const targets = diagram.layers[i];
    const isOutput = i === u.layers.length - 1;
    targets.forEach((target, j) => {
      const values = u.neurons[i] && u.neurons[i][j];
      if (values) paintGrid(target.node.querySelector('canvas'), values, u.thumbSize, isOutput ? outputToUnit(run) : clipUnit, ui.discretize && isOutput);
      const flag = layer.flags[j];
      target.node.classList.toggle('dead', flag === 2);
      target.node.classList.toggle('saturated', flag === 1);
      let badge = target.node.querySelector('.badge');
      if (flag && !badge) {
        badge = document.createElement('span');
        badge.className = 'badge';
        target.node.appendChild(badge);
      }
      if (badge) {
        if (flag) badge.textContent = flag === 2 ? 'dead' : 'sat';
        else badge.remove();
      }
      target.node.title = `layer ${i} unit ${j}: bias ${num(layer.bias[j]).toFixed(3)}${flag === 2 ? ' · dead (f′ = 0 on every training point)' : flag === 1 ? ' · saturated (|f′| < 1% of its max on 99% of points)' : ''}`;
      sources.forEach((source, k) => {
        const w = num(layer.weights[j * layer.inputs + k]);
        if (!Number.isFinite(w)) return;
        const width = Math.min(8, 0.4 + Math.abs(w) * 2);
        const colourName = w >= 0 ? '#0877bd' : '#f59322';
        const x1 = source.x + 20;
        const y1 = source.y + 20;
        const x2 = target.x - 20;
        const y2 = target.y + 20;
        const mx = (x1 + x2) / 2;
        parts.push(`<path d="M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}" stroke="${colourName}" stroke-width="${width.toFixed(2)}" stroke-opacity="0.65" fill="none"><title>w = ${w.toFixed(4)}</title></path>`);
      });
    });
  });
  svg.innerHTML = parts.join('');
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
  $('gradientLegend').innerHTML = legend.join('');

  const health = u.health;
  const histograms = $('histograms');
  const tbody = $('healthTable').querySelector('tbody');
  if (!health) {
    histograms.innerHTML = '<span class="muted">No report yet.</span>';
    tbody.innerHTML = '';
    $('advice').innerHTML = '<li class="muted">No report yet: train an epoch.</li>';
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
  tbody.innerHTML = health.layers.map((l, i) => `<tr><td>${i === health.layers.length - 1 ? 'out' : l.index}</td><td>${escapeHtml(l.activation)}</td><td>${fixed(l.meanActivation, 3)}</td><td>${share(l.signCoherence)}</td><td>${share(l.saturatedFraction)}</td><td>${share(l.deadFraction)}</td><td>${Number.isFinite(num(l.gradientNorm)) ? num(l.gradientNorm).toExponential(2) : '–'}</td></tr>`).join('');
  $('advice').innerHTML = health.advice.length === 0
    ? `<li class="muted">Epoch ${health.epoch}: no rule fired.</li>`
    : health.advice.map((a) => `<li><span class="rule">${escapeHtml(a.rule)}</span>: ${escapeHtml(a.recommendation)}<span class="evidence">${escapeHtml(a.evidence)}</span></li>`).join('');
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
      + ' <span style="color:#0877bd">f</span>, <span style="color:#f59322">f′</span>; shaded: |f′| below 1% of its maximum (saturated).';
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
    b.textContent = name.replace('_', ' ');
    b.id = `dataset-${name}`;
    b.className = name === cfg.dataset ? 'selected' : '';
    b.style.fontWeight = name === cfg.dataset ? '700' : '400';
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
  on('learningRate', 'change', (e) => { cfg.learningRate = Number(e.target.value); applyConfig(); });
  on('regularization', 'change', (e) => { cfg.regularization = e.target.value; applyConfig(); });
  on('regularizationRate', 'change', (e) => { cfg.regularizationRate = Number(e.target.value); applyConfig(); });
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
    on(id, 'change', (e) => { cfg[id] = Number(e.target.value); applyConfig(); });
  }
  on('regenerate', 'click', () => { cfg.seed = (cfg.seed + 1) % 1000000; applyConfig(); });
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
    ui = { ...restored.ui, compare: ui.compare };
    applyConfig().then(() => { if (compare !== ui.compare) setCompare(compare); });
  });
  window.addEventListener('resize', () => renderNetwork());
  // Browsers allow six HTTP/1.1 connections per host and each stream holds one: a page that is left (or kept
  // in the back/forward cache) must give its streams back, and takes them again if it is shown again.
  window.addEventListener('pagehide', () => runs.forEach((run) => {
    if (run.events) run.events.close();
    run.events = null;
  }));
  window.addEventListener('pageshow', (e) => { if (e.persisted) runs.forEach((run) => run.id && connect(run)); });
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
  try {
    catalogue = await api.catalogue();
    const schema = await api.schema();
    DEFAULTS = schema.playground;
    rememberConfig(DEFAULTS);
    for (const a of catalogue.activations) {
      rememberSpec(a.spec, a.id, Object.fromEntries(a.parameters.map((p) => [p.key, p.defaultValue])));
    }
  } catch (e) {
    showError(`Cannot reach the server: ${e.message}`);
    return;
  }
  const restored = fromHash(location.hash);
  cfg = restored.config;
  ui = restored.ui;
  deriveProblem(location.hash);
  if (cfg.dataset === 'csv') {
    showError('The URL names an uploaded CSV, which is not kept in the URL: using circle instead. Upload the file again.');
    cfg.dataset = 'circle';
    cfg.problem = 'classification';
  }
  bindControls();
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
  document.body.dataset.ready = 'true';
}

main();
