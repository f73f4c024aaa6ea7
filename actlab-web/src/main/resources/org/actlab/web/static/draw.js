// Canvas drawing: heatmaps, data points, thumbnails and small charts. Nothing here computes the network.

import { num } from './api.js';

const ORANGE = [245, 147, 34];
const GREY = [232, 234, 235];
const BLUE = [8, 119, 189];
export const LAYER_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** The Playground's diverging colour for t in [-1, 1]: orange, grey, blue. NaN is magenta, never grey. */
export function colour(t) {
  if (Number.isNaN(t)) return [255, 0, 255];
  t = Math.max(-1, Math.min(1, t));
  const [from, to, s] = t < 0 ? [GREY, ORANGE, -t] : [GREY, BLUE, t];
  return [0, 1, 2].map((i) => Math.round(from[i] + (to[i] - from[i]) * s));
}

// 256 precomputed colours over [-1, 1]: a 100 × 100 heatmap repaints without allocating per cell.
const LUT = new Uint8ClampedArray(256 * 3);
for (let k = 0; k < 256; k++) {
  const c = colour(-1 + (2 * k) / 255);
  LUT.set(c, 3 * k);
}
const offscreen = new Map();

// The update's thumbnails are bytes (see docs/PLAYGROUND.md, "The update document"): k <= 254 stands for
// t = k / 127 - 1 on the colour scale, 255 for NaN. Their colours, once.
const BYTE_LUT = new Uint8ClampedArray(256 * 3);
for (let k = 0; k < 256; k++) BYTE_LUT.set(k === 255 ? [255, 0, 255] : colour(k / 127 - 1), 3 * k);

/** The thumbnails' bytes, decoded once per update: {size, units (per layer), offsets, bytes}. */
export function decodeThumbs(thumbs) {
  if (!thumbs) return null;
  if (thumbs.decoded) return thumbs.decoded;
  const text = atob(thumbs.values);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  const cells = thumbs.size * thumbs.size;
  const offsets = [];
  let at = 0;
  for (const n of thumbs.units) {
    offsets.push(at);
    at += n * cells;
  }
  thumbs.decoded = { size: thumbs.size, units: thumbs.units, offsets, bytes };
  return thumbs.decoded;
}

/** One unit's thumbnail as values on the colour scale (NaN for NaN), for the heatmap's preview of a hovered unit. */
export function thumbValues(decoded, layer, unit) {
  const cells = decoded.size * decoded.size;
  const start = decoded.offsets[layer] + unit * cells;
  const out = new Float32Array(cells);
  for (let i = 0; i < cells; i++) {
    const k = decoded.bytes[start + i];
    out[i] = k === 255 ? NaN : k / 127 - 1;
  }
  return out;
}

let atlas = null;

/**
 * Paints every unit's thumbnail: one putImageData of an atlas (a row per layer), then one scaled copy per unit into
 * its column's canvas. One canvas per column keeps the compositor's work per frame to a texture per column instead of
 * one per unit (129 with 8 x 16 units), each only as large as its column. columns[layer] is the canvas of a layer's
 * units; tiles[layer][unit] = {x, y, size, grey, discretize}: where in that canvas, in CSS pixels, and whether to wash
 * the tile out (a dead unit) or snap it to the two end colours (discretized output).
 */
export function paintThumbs(columns, decoded, tiles) {
  // No clearing: every tile is opaque and covers its square, and a new diagram makes new canvases.
  if (!decoded) return;
  const size = decoded.size;
  const cells = size * size;
  const width = Math.max(1, ...decoded.units) * size;
  const height = decoded.units.length * size;
  if (!atlas || atlas.width !== width || atlas.height !== height) {
    atlas = document.createElement('canvas');
    atlas.width = width;
    atlas.height = height;
  }
  const image = new ImageData(width, height);
  const data = image.data;
  decoded.units.forEach((n, layer) => {
    for (let unit = 0; unit < n; unit++) {
      const tile = tiles[layer] && tiles[layer][unit];
      if (!tile) continue;
      const start = decoded.offsets[layer] + unit * cells;
      for (let r = 0; r < size; r++) {
        let p = 4 * ((layer * size + r) * width + unit * size);
        for (let c = 0; c < size; c++, p += 4) {
          let k = decoded.bytes[start + r * size + c];
          if (tile.discretize && k !== 255) k = k >= 127 ? 254 : 0;
          let red = BYTE_LUT[3 * k];
          let green = BYTE_LUT[3 * k + 1];
          let blue = BYTE_LUT[3 * k + 2];
          if (tile.grey) {
            // A dead unit: grey and faded, as the node's own style marks it.
            const y = 0.3 * red + 0.59 * green + 0.11 * blue;
            red = green = blue = 255 - 0.35 * (255 - y);
          }
          data[p] = red;
          data[p + 1] = green;
          data[p + 2] = blue;
          data[p + 3] = 255;
        }
      }
    }
  });
  atlas.getContext('2d').putImageData(image, 0, 0);
  decoded.units.forEach((n, layer) => {
    const canvas = columns[layer];
    if (!canvas) return;
    const ctx = canvas.getContext('2d');
    const dpr = canvas.width / Math.max(1, parseFloat(canvas.style.width) || canvas.width);
    ctx.imageSmoothingEnabled = false;
    for (let unit = 0; unit < n; unit++) {
      const tile = tiles[layer] && tiles[layer][unit];
      if (!tile) continue;
      ctx.drawImage(atlas, unit * size, layer * size, size, size, Math.round(tile.x * dpr), Math.round(tile.y * dpr),
        Math.round(tile.size * dpr), Math.round(tile.size * dpr));
    }
  });
}

/**
 * Paints a size × size grid (row 0 at the top) into a canvas.
 * toUnit maps a value to [-1, 1]; discretize snaps it to ±1.
 */
export function paintGrid(canvas, values, size, toUnit, discretize) {
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(size, size);
  const data = image.data;
  for (let i = 0; i < size * size; i++) {
    let t = toUnit(num(values[i]));
    if (Number.isNaN(t)) {
      data[4 * i] = 255; data[4 * i + 1] = 0; data[4 * i + 2] = 255; data[4 * i + 3] = 255;
      continue;
    }
    if (discretize) t = t >= 0 ? 1 : -1;
    const k = 3 * Math.round((Math.max(-1, Math.min(1, t)) + 1) * 127.5);
    data[4 * i] = LUT[k];
    data[4 * i + 1] = LUT[k + 1];
    data[4 * i + 2] = LUT[k + 2];
    data[4 * i + 3] = 255;
  }
  if (canvas.width === size && canvas.height === size) {
    ctx.putImageData(image, 0, 0);
    return;
  }
  // Scaled through an offscreen canvas (one per size, reused) so that each cell stays a crisp block.
  let off = offscreen.get(size);
  if (!off) {
    off = document.createElement('canvas');
    off.width = size;
    off.height = size;
    offscreen.set(size, off);
  }
  off.getContext('2d').putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(off, 0, 0, canvas.width, canvas.height);
}

/** The colour scale from -1 (orange) through 0 (grey) to 1 (blue), as a bar. */
export function paintLegend(canvas) {
  const ctx = canvas.getContext('2d');
  for (let x = 0; x < canvas.width; x++) {
    const [r, g, b] = colour(-1 + (2 * x) / (canvas.width - 1));
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect(x, 0, 1, canvas.height);
  }
}

/** A data set's thumbnail: its points, coloured by label (classification) or by value scaled to the largest (regression). */
export function paintPreview(canvas, points, regression) {
  const ctx = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  ctx.fillStyle = '#f4f4f4';
  ctx.fillRect(0, 0, w, h);
  const xy = points.xy.map(Number);
  let max = 1e-9;
  for (let i = 0; i < points.n; i++) max = Math.max(max, Math.abs(xy[3 * i + 2]));
  for (let i = 0; i < points.n; i++) {
    const y = xy[3 * i + 2];
    const [r, g, b] = colour(regression ? y / max : (y > 0.5 ? 1 : -1));
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect(((xy[3 * i] + 6) / 12) * w - 1.5, (1 - (xy[3 * i + 1] + 6) / 12) * h - 1.5, 3, 3);
  }
}

/** Draws points {xy: [x1, x2, y, ...]} over a domain [x1min, x1max, x2min, x2max]. */
export function paintPoints(canvas, points, domain, toUnit, stroke) {
  const ctx = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  const xy = points.xy;
  for (let i = 0; i < points.n; i++) {
    const px = ((xy[3 * i] - domain[0]) / (domain[1] - domain[0])) * w;
    const py = (1 - (xy[3 * i + 1] - domain[2]) / (domain[3] - domain[2])) * h;
    const [r, g, b] = colour(toUnit(Number(xy[3 * i + 2])));
    ctx.beginPath();
    ctx.arc(px, py, 3.2, 0, 2 * Math.PI);
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = stroke;
    ctx.stroke();
  }
}

export function paintAxes(canvas, domain) {
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'rgba(0,0,0,0.55)';
  ctx.font = '10px sans-serif';
  const w = canvas.width;
  const h = canvas.height;
  for (let k = 0; k <= 4; k++) {
    const x1 = domain[0] + ((domain[1] - domain[0]) * k) / 4;
    const x2 = domain[2] + ((domain[3] - domain[2]) * k) / 4;
    // Math.round(-0.2) is -0, which toFixed prints as "-0".
    const label = (v) => String(Math.round(v) || 0);
    ctx.fillText(label(x1), Math.min(w - 14, (k / 4) * w + 2), h - 3);
    if (k > 0) ctx.fillText(label(x2), 2, (1 - k / 4) * h + 10);
  }
}

/**
 * A small line chart; series = [{values, colour}], optional log scale. Long series are decimated to about
 * one point per pixel column (each bucket keeps its extremes), so drawing costs the same after ten minutes
 * of training as after ten seconds. On a log scale, values of exactly 0 (dead units: no gradient at all)
 * are drawn on a "0" line under the lowest decade instead of vanishing.
 */
export function lineChart(canvas, series, { log = false, xMax = null } = {}) {
  const ctx = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  ctx.clearRect(0, 0, w, h);
  const tx = (v) => (log ? (v > 0 ? Math.log10(v) : NaN) : v);
  let lo = Infinity;
  let hi = -Infinity;
  let n = 0;
  let zeros = false;
  for (const s of series) {
    n = Math.max(n, s.values.length);
    for (const v of s.values) {
      const x = num(v);
      if (log && x === 0) zeros = true;
      const t = tx(x);
      if (Number.isFinite(t)) {
        lo = Math.min(lo, t);
        hi = Math.max(hi, t);
      }
    }
  }
  if (!Number.isFinite(lo)) {
    if (!zeros) return;
    lo = -1;
    hi = 0;
  }
  if (!log) lo = Math.min(lo, 0);
  const floor = log && zeros ? Math.floor(lo) - 1 : null;
  if (floor !== null) lo = floor;
  if (hi - lo < 1e-9) hi = lo + 1;
  const count = Math.max(2, xMax || n);
  const pad = log ? 34 : 2;
  ctx.strokeStyle = '#eee';
  ctx.fillStyle = '#888';
  ctx.font = '10px sans-serif';
  const Y = (t) => h - 4 - ((t - lo) / (hi - lo)) * (h - 12);
  if (log) {
    const step = Math.max(1, Math.ceil((Math.floor(hi) - Math.ceil(lo)) / 6));
    for (let d = Math.ceil(lo); d <= Math.floor(hi); d += step) {
      if (d === floor) continue;
      ctx.beginPath();
      ctx.moveTo(pad, Y(d));
      ctx.lineTo(w, Y(d));
      ctx.stroke();
      ctx.fillText(`1e${d}`, 2, Y(d) + 3);
    }
    if (floor !== null) ctx.fillText('0', 2, Y(floor) + 3);
  }
  const columns = Math.max(1, w - pad - 2);
  for (const s of series) {
    ctx.beginPath();
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = s.width || 1.5;
    let pen = false;
    const length = s.values.length;
    const per = Math.max(1, Math.ceil(length / columns));
    for (let start = 0; start < length; start += per) {
      // One bucket: its lowest and highest values, in the order they occur.
      let first = null;
      let second = null;
      let broken = false;
      for (let i = start; i < Math.min(length, start + per); i++) {
        const x = num(s.values[i]);
        const t = floor !== null && x === 0 ? floor : tx(x);
        if (!Number.isFinite(t)) {
          broken = true;
          continue;
        }
        if (first === null) first = { i, t };
        else if (second === null) second = { i, t };
        else if (Math.abs(t - first.t) > Math.abs(second.t - first.t)) second = { i, t };
      }
      if (broken && first === null) {
        pen = false;
        continue;
      }
      for (const p of [first, second]) {
        if (!p) continue;
        const x = pad + (p.i / (count - 1)) * (w - pad - 2);
        if (pen) ctx.lineTo(x, Y(p.t));
        else ctx.moveTo(x, Y(p.t));
        pen = true;
      }
    }
    ctx.stroke();
  }
}

/** A histogram of z (bars) under the curve of f′ at the bin centres, both scaled to the canvas. */
export function histogramOverSlope(canvas, counts, slope) {
  const ctx = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  ctx.clearRect(0, 0, w, h);
  const c = counts.map(Number);
  const maxCount = Math.max(1, ...c);
  const bw = w / c.length;
  ctx.fillStyle = '#9ecae1';
  c.forEach((v, i) => {
    const bh = (v / maxCount) * (h - 4);
    ctx.fillRect(i * bw, h - bh, Math.max(1, bw - 1), bh);
  });
  const s = slope.map(Number);
  const maxSlope = Math.max(1e-12, ...s.filter(Number.isFinite).map(Math.abs));
  ctx.beginPath();
  ctx.strokeStyle = '#f59322';
  ctx.lineWidth = 2;
  s.forEach((v, i) => {
    const x = (i + 0.5) * bw;
    const y = h - 2 - (Math.abs(v) / maxSlope) * (h - 6);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.stroke();
}

/** f (blue) and f′ (orange) over x, with the saturated stretches shaded. */
export function explorerPlot(canvas, data) {
  const ctx = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  ctx.clearRect(0, 0, w, h);
  const xs = data.x.map(Number);
  const fs = data.f.map(Number);
  const ds = data.df.map(Number);
  const finite = [...fs, ...ds].filter(Number.isFinite);
  let lo = Math.min(-1, ...finite);
  let hi = Math.max(1, ...finite);
  const span = hi - lo;
  lo -= span * 0.05;
  hi += span * 0.05;
  const X = (x) => ((x - xs[0]) / (xs[xs.length - 1] - xs[0])) * w;
  const Y = (y) => h - ((y - lo) / (hi - lo)) * h;
  // Exactly zero slope (ReLU's negative half) is a dead stretch, not a saturated one: grey, not red.
  for (let i = 0; i < xs.length; i++) {
    if (data.saturated[i]) {
      ctx.fillStyle = ds[i] === 0 ? 'rgba(90,90,90,0.16)' : 'rgba(214,39,40,0.12)';
      const x0 = i === 0 ? 0 : (X(xs[i - 1]) + X(xs[i])) / 2;
      const x1 = i === xs.length - 1 ? w : (X(xs[i]) + X(xs[i + 1])) / 2;
      ctx.fillRect(x0, 0, x1 - x0 + 0.5, h);
    }
  }
  ctx.strokeStyle = '#ccc';
  ctx.beginPath();
  ctx.moveTo(0, Y(0));
  ctx.lineTo(w, Y(0));
  if (xs[0] < 0 && xs[xs.length - 1] > 0) {
    ctx.moveTo(X(0), 0);
    ctx.lineTo(X(0), h);
  }
  ctx.stroke();
  const curve = (ys, colourName) => {
    ctx.beginPath();
    ctx.strokeStyle = colourName;
    ctx.lineWidth = 2;
    let pen = false;
    ys.forEach((y, i) => {
      if (!Number.isFinite(y)) {
        pen = false;
        return;
      }
      if (pen) ctx.lineTo(X(xs[i]), Y(y));
      else ctx.moveTo(X(xs[i]), Y(y));
      pen = true;
    });
    ctx.stroke();
  };
  curve(fs, '#0877bd');
  curve(ds, '#f59322');
  ctx.fillStyle = '#333';
  ctx.font = '11px sans-serif';
  ctx.fillText(`y ∈ [${lo.toFixed(2)}, ${hi.toFixed(2)}]`, 4, 12);
}
