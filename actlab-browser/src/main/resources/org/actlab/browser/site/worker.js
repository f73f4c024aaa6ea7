// The playground's engine in a Web Worker: actlab's TrainingSession compiled to WebAssembly (TeaVM, Wasm GC).
// The page (backend-wasm.js) sends {seq, method, args}; the worker answers {seq, result} with the same JSON text
// the server would send, and posts {event, session, data} for a playing session, as the server's event stream.
import { load } from './wasm/actlab.wasm-runtime.js';

/** Between two chunks of a playing session the worker reads its messages: a pause is never queued behind training. */
const CHUNK_MILLIS = 45;

const queue = [];
let api = null;
const playing = new Set();
/**
 * Sessions whose last update the page has not drawn yet (it answers {ack: session} on its next animation
 * frame). Their chunks train without building an update, so a page that draws slower than the worker
 * trains gets one update per frame it draws, not a backlog; the next update carries the history since.
 */
const undrawn = new Set();
let loopScheduled = false;

self.onmessage = (e) => {
  if (e.data.ack !== undefined) {
    undrawn.delete(e.data.ack);
    return;
  }
  queue.push(e.data);
  if (api) drain();
};

load(new URL('./wasm/actlab.wasm', import.meta.url).href).then((teavm) => {
  api = teavm.exports;
  drain();
}, (e) => {
  self.postMessage({ fatal: `cannot start the WebAssembly engine: ${e && e.message ? e.message : e}` });
});

function drain() {
  while (queue.length) {
    const { seq, method, args } = queue.shift();
    let result;
    try {
      result = handle(method, args);
    } catch (e) {
      result = JSON.stringify({ error: `${method} failed: ${e && e.message ? e.message : e}`, status: 500 });
    }
    self.postMessage({ seq, result });
  }
}

function handle(method, args) {
  switch (method) {
    case 'play': {
      const result = api.setPlaying(args[0], true);
      if (!result.startsWith('{"error"')) playing.add(args[0]);
      scheduleLoop();
      return result;
    }
    case 'pause':
      playing.delete(args[0]);
      return api.setPlaying(args[0], false);
    case 'remove':
    case 'reset':
    case 'step':
      playing.delete(args[0]); // as on the server, a step, reset or removal pauses the session
      undrawn.delete(args[0]);
      return api[method](...args);
    default:
      return api[method](...args);
  }
}

function scheduleLoop() {
  if (loopScheduled || playing.size === 0) return;
  loopScheduled = true;
  setTimeout(loop, 0);
}

/** One chunk per playing session, then back to the message queue. */
function loop() {
  loopScheduled = false;
  for (const id of [...playing]) {
    if (queue.length) break;
    const text = api.play(id, CHUNK_MILLIS / playing.size, !undrawn.has(id));
    if (text === '') {
      playing.delete(id);
      continue;
    }
    if (text.startsWith('{"error"')) {
      playing.delete(id);
      self.postMessage({ event: 'failure', session: id, data: text });
      continue;
    }
    if (text.startsWith('{')) {
      undrawn.add(id);
      self.postMessage({ event: 'update', session: id, data: text });
    }
  }
  drain();
  scheduleLoop();
}
