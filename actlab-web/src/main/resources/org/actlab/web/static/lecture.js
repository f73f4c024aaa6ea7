// The Lecture panel: one guided tour per claim of the lecture. A tour sets up the page (its settings are
// an ordinary URL hash, so a teacher can share it), says what to watch, highlights the diagnostic panel that
// shows it, and checks while training whether the phenomenon appears. Each tour links to the section of the
// lab report (report/report.html, written by `./actlab report`) that measures the same claim.

const fmt = (v, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : '–');
const percent = (v) => (Number.isFinite(v) ? `${Math.round(100 * v)}%` : '–');
const hiddenLayers = (update) => (update.health ? update.health.layers.slice(0, -1) : []);
const lastPoint = (history) => (history.length ? history[history.length - 1] : null);

/** Dead hidden units of the latest update, as the diagram marks them (flag 2). */
function deadUnits(update) {
  let dead = 0;
  let total = 0;
  update.layers.slice(0, -1).forEach((layer) => {
    total += layer.units;
    dead += layer.flags.filter((f) => f === 2).length;
  });
  return { dead, total };
}

/** log10 of ‖dL/dW‖ of the first layer over that of the output layer, at the latest epoch. */
function gradientDecades(history) {
  const p = lastPoint(history);
  if (!p || !p.gradientNorms || p.gradientNorms.length < 2) return NaN;
  const first = Number(p.gradientNorms[0]);
  const last = Number(p.gradientNorms[p.gradientNorms.length - 1]);
  return first > 0 && last > 0 ? Math.log10(first / last) : NaN;
}

/**
 * Nanoseconds per evaluation of the logistic function and of ReLU over the same n inputs: one loop each
 * (a shared loop calling either through a function would measure the call), alternated over five rounds,
 * best round kept; the results are summed and returned so that nothing is optimised away.
 */
function timeLogisticAndRelu(n) {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = Math.sin(i) * 8;
  let logistic = Infinity;
  let relu = Infinity;
  let sink = 0;
  for (let round = 0; round < 5; round++) {
    let t0 = performance.now();
    for (let i = 0; i < n; i++) sink += 1 / (1 + Math.exp(-xs[i]));
    logistic = Math.min(logistic, performance.now() - t0);
    t0 = performance.now();
    for (let i = 0; i < n; i++) sink += xs[i] > 0 ? xs[i] : 0;
    relu = Math.min(relu, performance.now() - t0);
  }
  return { logistic: (logistic * 1e6) / n, relu: (relu * 1e6) / n, sink };
}

/**
 * Each tour: id (the report's section id), title, hash (the settings), text (what to watch), panel (the
 * diagnostic panel to highlight), by (the epoch by which the phenomenon should have shown), and check, which
 * gets {update, history, b: {update, history} | null, epoch} and returns {seen, message} or null (nothing yet).
 */
export const TOURS = [
  {
    id: 'linear-collapse',
    title: 'Linear collapse',
    hash: 'dataset=circle&layers=8%3Aidentity|8%3Aidentity|8%3Aidentity&lr=0.03&seed=1',
    text: 'Three hidden layers of identity units compose to a single linear map, W₃W₂W₁x, so the network can only draw a straight boundary. Watch the output: however long it trains, the circle is never enclosed, and the accuracy stays near chance.',
    panel: 'panelHealth',
    by: 60,
    check({ update, epoch }) {
      if (epoch < 20) return null;
      const acc = Number(update.testAccuracy);
      return acc < 0.8
        ? { seen: true, message: `Seen: after ${epoch} epochs, three identity layers score ${percent(acc)} on the circle: one straight line cannot enclose it.` }
        : { seen: false, message: `Not seen: test accuracy ${percent(acc)} at epoch ${epoch} — a linear model should not get this far on a circle.` };
    },
  },
  {
    id: 'universal-approximation',
    title: 'Universal approximation',
    hash: 'dataset=circle&layers=8%3Atanh&lr=0.1&seed=1',
    text: 'One hidden layer of a few non-linear units can approximate any continuous boundary. Eight tanh units on the circle: watch each unit draw one soft line (hover them) and the output combine them into a closed curve.',
    panel: 'panelHealth',
    by: 200,
    check({ update, epoch }) {
      const acc = Number(update.testAccuracy);
      if (acc >= 0.95) return { seen: true, message: `Seen: one hidden layer of 8 tanh units reached ${percent(acc)} test accuracy at epoch ${epoch}.` };
      return epoch >= this.by ? { seen: false, message: `Not seen: ${percent(acc)} test accuracy after ${epoch} epochs (expected ≥ 95%).` } : null;
    },
  },
  {
    id: 'logistic-saturation',
    title: 'Logistic saturation',
    hash: 'dataset=circle&layers=8%3Asigmoid|8%3Asigmoid&winit=normal(0%2C4)&lr=0.03&seed=1',
    text: 'With large weights, the logistic function’s inputs z land far from 0, where its slope f′(z) is almost zero: the unit saturates and stops learning. Watch the histograms of z pile up where the orange f′ curve is flat, and the red rings on the units.',
    panel: 'panelHistograms',
    by: 5,
    check({ update, epoch }) {
      const layers = hiddenLayers(update);
      if (layers.length === 0) return null;
      const worst = layers.reduce((a, l) => (Number(l.saturatedFraction) > Number(a.saturatedFraction) ? l : a));
      const share = Number(worst.saturatedFraction);
      return share >= 0.3
        ? { seen: true, message: `Seen: at epoch ${epoch}, ${percent(share)} of layer ${worst.index}'s pre-activations sit where f′ is below 1% of its maximum.` }
        : (epoch >= this.by ? { seen: false, message: `Not seen: at most ${percent(share)} saturated at epoch ${epoch}.` } : null);
    },
  },
  {
    id: 'vanishing-gradients',
    title: 'Vanishing gradients',
    hash: 'dataset=circle&layers=8%3Asigmoid|8%3Asigmoid|8%3Asigmoid|8%3Asigmoid|8%3Asigmoid|8%3Asigmoid&lr=0.03&seed=1',
    text: 'Back-propagation multiplies by f′(z) ≤ ¼ once per logistic layer, so the gradient shrinks geometrically on its way back. Watch the gradient chart: the first layer’s line sits decades below the output’s, and the early layers barely move.',
    panel: 'panelGradients',
    by: 10,
    check({ history, epoch }) {
      const decades = gradientDecades(history);
      if (!Number.isFinite(decades)) return null;
      return decades <= -2
        ? { seen: true, message: `Seen: at epoch ${epoch}, ‖dL/dW‖ of layer 0 is 10^${fmt(decades, 1)} of the output layer's.` }
        : (epoch >= this.by ? { seen: false, message: `Not seen: layer 0's gradient is 10^${fmt(decades, 1)} of the output's at epoch ${epoch} (expected below 10^-2).` } : null);
    },
  },
  {
    id: 'not-zero-centred',
    title: 'Not zero-centred',
    hash: 'dataset=circle&layers=8%3Asigmoid|8%3Asigmoid&lr=0.03&batch=1&seed=1',
    text: 'The logistic function’s outputs are all positive, so every weight into the next layer gets a gradient of the same sign as that unit’s error: the weights can only all grow or all shrink together, and descent zig-zags. With a batch of one example, each unit’s weight-gradient row is its error times those positive outputs. Watch the health table: mean activation near 0.5 and a sign coherence of 100% in layer 1 (try tanh: it drops to about 0).',
    panel: 'panelHealth',
    by: 5,
    check({ update, epoch }) {
      const layers = hiddenLayers(update);
      if (layers.length < 2) return null;
      const mean = Number(layers[0].meanActivation);
      const coherence = Number(layers[1].signCoherence);
      return mean >= 0.2 && coherence >= 0.9
        ? { seen: true, message: `Seen: at epoch ${epoch}, layer 0's outputs average ${fmt(mean)} (all positive) and ${percent(coherence)} of layer 1's weight-gradient rows have a single sign.` }
        : (epoch >= this.by ? { seen: false, message: `Not seen: mean activation ${fmt(mean)}, sign coherence ${percent(coherence)} at epoch ${epoch}.` } : null);
    },
  },
  {
    id: 'cost',
    title: 'The cost of exp',
    hash: 'dataset=circle&layers=8%3Asigmoid|8%3Asigmoid&lr=0.03&seed=1',
    text: 'The logistic function needs an exponential; ReLU needs one comparison. The server shares its CPU between sessions, so this page does not time the network; instead it times both functions in your browser, on a million inputs each. The lab report has the careful JMH figures for the engine’s kernels.',
    panel: 'panelExplorer',
    by: 0,
    check() {
      if (this.measured) return this.measured;
      const t = timeLogisticAndRelu(1000000);
      const ratio = t.logistic / t.relu;
      this.measured = ratio >= 1.5
        ? { seen: true, message: `Seen: in this browser the logistic function took ${fmt(t.logistic)} ns an input and ReLU ${fmt(t.relu)} ns (${fmt(ratio, 1)}×).` }
        : { seen: false, message: `Not seen: logistic ${fmt(t.logistic)} ns, ReLU ${fmt(t.relu)} ns an input (${fmt(ratio, 1)}×); a busy machine or the JIT may have hidden the difference.` };
      return this.measured;
    },
  },
  {
    id: 'tanh-vs-logistic',
    title: 'tanh against logistic',
    hash: 'dataset=xor&layers=4%3Atanh|4%3Atanh&lr=0.1&seed=2&compare=activation&compareValue=sigmoid',
    text: 'tanh is a rescaled logistic, 2σ(2x) − 1, but it is zero-centred and its slope at 0 is 1 instead of ¼. Two runs side by side from the same data and seed: A with tanh, B with the logistic function. Watch the loss curves.',
    panel: 'panelGradients',
    by: 150,
    check({ update, b, epoch }) {
      if (!b || epoch < 20 || b.update.epoch < 20) return null;
      const a = Number(update.trainLoss);
      const l = Number(b.update.trainLoss);
      if (a < 0.8 * l) return { seen: true, message: `Seen: at epoch ${epoch}, tanh's training loss is ${fmt(a, 3)} against the logistic run's ${fmt(l, 3)}.` };
      return epoch >= this.by ? { seen: false, message: `Not seen: tanh ${fmt(a, 3)}, logistic ${fmt(l, 3)} at epoch ${epoch}.` } : null;
    },
  },
  {
    id: 'relu-properties',
    title: 'ReLU’s properties',
    hash: 'dataset=circle&layers=8%3Arelu|8%3Arelu|8%3Arelu|8%3Arelu|8%3Arelu|8%3Arelu&winit=he_uniform&lr=0.01&seed=1',
    text: 'ReLU does not saturate for z > 0 (its slope is exactly 1 there) and it is cheap. The same six-layer network as in the vanishing-gradient tour, with ReLU: watch the gradient chart, where the layers now stay close together, and the loss fall.',
    panel: 'panelGradients',
    by: 40,
    check({ history, epoch }) {
      if (history.length < 5) return null;
      const decades = gradientDecades(history);
      const first = Number(history[0].trainLoss);
      const now = Number(lastPoint(history).trainLoss);
      if (decades > -1.5 && now < 0.7 * first) {
        return { seen: true, message: `Seen: at epoch ${epoch}, layer 0's gradient is 10^${fmt(decades, 1)} of the output's (no vanishing) and the loss fell from ${fmt(first, 3)} to ${fmt(now, 3)}.` };
      }
      return epoch >= this.by ? { seen: false, message: `Not seen: gradient ratio 10^${fmt(decades, 1)}, loss ${fmt(first, 3)} → ${fmt(now, 3)} at epoch ${epoch}.` } : null;
    },
  },
  {
    id: 'dead-relu',
    title: 'Dead ReLU',
    hash: 'dataset=circle&layers=8%3Arelu|8%3Arelu&binit=constant(-1)&lr=1&seed=1',
    text: 'A ReLU unit whose z is negative on every input has slope 0 everywhere: it gets no gradient and never recovers. Biases of −1 and a learning rate of 1 push units there within a few steps, and the network stops learning. Watch for grey, dashed units with a "dead" badge, and the dead column of the health table.',
    panel: 'panelHealth',
    by: 40,
    check({ update, epoch }) {
      const { dead, total } = deadUnits(update);
      if (dead > 0) return { seen: true, message: `Seen: ${dead} of ${total} ReLU units are dead at epoch ${epoch} (f′ = 0 on every training point).` };
      return epoch >= this.by ? { seen: false, message: `Not seen: no dead unit by epoch ${epoch}.` } : null;
    },
  },
  {
    id: 'leaky-relu',
    title: 'Leaky ReLU',
    hash: 'dataset=circle&layers=8%3Aleaky_relu|8%3Aleaky_relu&binit=constant(-1)&lr=1&seed=1',
    text: 'Leaky ReLU keeps a small slope (0.01) for z < 0, so no unit is ever cut off from the gradient. The dead-ReLU set-up exactly, with leaky units: watch them stay alive and the network learn the circle.',
    panel: 'panelHealth',
    by: 40,
    check({ update, epoch }) {
      if (epoch < 20) return null;
      const { dead, total } = deadUnits(update);
      const acc = Number(update.testAccuracy);
      if (dead === 0 && acc >= 0.9) return { seen: true, message: `Seen: at epoch ${epoch}, none of ${total} leaky units is dead at a learning rate of 1, and test accuracy is ${percent(acc)}.` };
      return epoch >= this.by ? { seen: false, message: `Not seen: ${dead} of ${total} units dead, test accuracy ${percent(acc)} at epoch ${epoch}.` } : null;
    },
  },
];

export function tourById(id) {
  return TOURS.find((t) => t.id === id) || null;
}
