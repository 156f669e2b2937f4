// Flame graph (root at the bottom) and icicle (root at the top) on a canvas: click to zoom, search highlights.
// A deep stack opens with the root and the first application frame in view: the chain of library frames every
// sample shares (Thread.run down to the framework's dispatcher) is drawn as one "[N frames hidden]" band until
// clicked, and the view scrolls to the root.
import { el, tooltip } from './dom.js';
import { packageGroup } from './model.js';

const ROW = 18;
const FONT = '11px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
const MIN_WIDTH = 0.35; // narrower frames (and so their callees) are not drawn
const MIN_TRUNK = 4;    // a shared chain of library frames shorter than this is drawn frame by frame
const BAND = -2;        // hit-test id of the band standing for the hidden chain

export class FlameView {
  /** mode: 'flame' or 'icicle'; onDrawn(count) after each drawing. */
  constructor(model, mode, onDrawn) {
    this.model = model;
    this.mode = mode;
    this.onDrawn = onDrawn;
    this.focus = 0;
    this.matches = null;
    this.canvas = el('canvas', { class: 'flame-canvas', dataset: { drawnFrames: '0', focus: '0' } });
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', mode === 'flame' ? 'flame graph' : 'icicle graph');
    this.search = el('input', { type: 'search', class: 'flame-search', placeholder: 'Search frames', 'aria-label': 'search frames',
      on: { input: () => this.setSearch(this.search.value) } });
    this.matchInfo = el('span', { class: 'muted match-info' });
    this.reset = el('button', { type: 'button', class: 'flame-reset', on: { click: () => this.zoom(0) } }, 'Reset zoom');
    this.element = el('div', { class: 'flame' },
      el('div', { class: 'toolbar' }, this.reset, this.search, this.matchInfo),
      el('div', { class: 'flame-scroll' }, this.canvas));
    this.trunk = trunkOf(model);
    this.collapsed = this.trunk.end > 0;
    this.firstApp = model.firstAppNode();
    this.scrolled = false;
    this.rects = { x: new Float32Array(1024), y: new Float32Array(1024), w: new Float32Array(1024), node: new Int32Array(1024), n: 0 };
    this.canvas.addEventListener('mousemove', (e) => this.hover(e));
    this.canvas.addEventListener('mouseleave', () => tooltip.hide());
    this.canvas.addEventListener('click', (e) => {
      const node = this.hit(e);
      if (node === BAND) { this.collapsed = false; this.draw(); } else if (node >= 0) this.zoom(node);
    });
    this.resizeObserver = new ResizeObserver(() => {
      if (this.element.isConnected && this.element.clientWidth !== this.lastWidth) this.draw();
    });
    this.resizeObserver.observe(this.element);
  }

  zoom(node) {
    this.focus = node;
    this.canvas.dataset.focus = String(node);
    this.draw();
  }

  setSearch(text) {
    this.matches = this.model.matchFrames(text);
    this.draw();
  }

  draw() {
    const m = this.model;
    const width = Math.max(200, this.element.clientWidth || 800);
    this.lastWidth = this.element.clientWidth;
    const hiddenRows = this.collapsed ? this.trunk.end - 1 : 0; // depths 1..end-1 share one band row
    const rows = m.maxDepth + 1 - (hiddenRows > 0 ? hiddenRows - 1 : 0);
    const rowOf = (d) => (hiddenRows <= 0 || d === 0 ? d : d < this.trunk.end ? 1 : d - hiddenRows + 1);
    const height = Math.max(ROW, rows * ROW);
    const dpr = window.devicePixelRatio || 1;
    const c = this.canvas;
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    c.style.width = width + 'px';
    c.style.height = height + 'px';
    const ctx = c.getContext('2d', { alpha: false });
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    const charWidth = ctx.measureText('m').width || 7;
    this.rects.n = 0;
    if (m.size === 0) { this.finish(0); return; }

    const yOf = this.mode === 'flame' ? (d) => height - (rowOf(d) + 1) * ROW : (d) => rowOf(d) * ROW;
    const inBand = (node) => hiddenRows > 0 && m.depth[node] >= 1 && m.depth[node] < this.trunk.end;
    const focus = this.focus;
    const scale = width / (m.total[focus] || 1);
    // Ancestors of the focus span the whole width.
    const path = m.pathTo(focus);
    for (let i = 0; i < path.length - 1; i++) if (!inBand(path[i])) this.rect(ctx, path[i], 0, width, yOf(m.depth[path[i]]), charWidth, true);
    if (hiddenRows > 0) this.band(ctx, width, yOf(1), charWidth);
    // The focus and its callees, depth first with an explicit stack.
    const stackNode = [focus];
    const stackX = [0];
    let matchedNs = 0;
    while (stackNode.length) {
      const node = stackNode.pop();
      const x = stackX.pop();
      const w = m.total[node] * scale;
      if (!inBand(node)) this.rect(ctx, node, x, w, yOf(m.depth[node]), charWidth, false);
      if (this.matches && this.isMatch(node) && !this.hasMatchingAncestorWithin(node, focus)) matchedNs += m.total[node];
      const a = m.childStart[node], b = m.childStart[node + 1];
      let cx = x;
      for (let i = a; i < b; i++) {
        const child = m.children[i];
        const cw = m.total[child] * scale;
        if (cw >= MIN_WIDTH) { stackNode.push(child); stackX.push(cx); }
        else break; // hottest first: the rest are narrower still
        cx += cw;
      }
    }
    if (this.matches) {
      this.matchInfo.textContent = `matches: ${((100 * matchedNs) / (m.total[focus] || 1)).toFixed(1)} % of the view`;
    } else {
      this.matchInfo.textContent = '';
    }
    this.canvas.dataset.collapsed = String(hiddenRows > 0);
    this.canvas.dataset.rootY = String(yOf(0));
    this.canvas.dataset.firstApp = String(this.firstApp);
    this.canvas.dataset.firstAppY = this.firstApp > 0 ? String(yOf(m.depth[this.firstApp])) : '';
    this.finish(this.rects.n);
    this.scrollToStart(height);
  }

  /** Once, on open: the root and the first application frame in view (flame: the bottom of the canvas). */
  scrollToStart(height) {
    if (this.scrolled || !this.element.isConnected) return;
    this.scrolled = true;
    const box = this.element.querySelector('.flame-scroll');
    if (this.mode !== 'flame' || !box) return;
    box.scrollTop = Math.max(0, height - box.clientHeight);
    const appY = Number(this.canvas.dataset.firstAppY);
    if (this.canvas.dataset.firstAppY && appY < box.scrollTop) box.scrollTop = Math.max(0, appY - ROW);
  }

  /** The band that stands for the hidden shared chain. */
  band(ctx, width, y, charWidth) {
    const t = this.trunk;
    // A search that matches a hidden frame shows on the band.
    const hit = this.matches && t.nodes.some((n) => this.isMatch(n));
    ctx.fillStyle = hit ? '#e040a0' : '#e4e4e8';
    ctx.fillRect(0, y, width - 0.5, ROW - 1);
    const label = `[${t.end - 1} frames hidden]  ${t.packages.join(', ')}  (click to show)`;
    const fit = Math.floor((width - 6) / charWidth);
    ctx.fillStyle = '#4b5563';
    ctx.fillText(label.length > fit ? label.slice(0, Math.max(1, fit - 1)) + '…' : label, 3, y + ROW / 2);
    this.push(BAND, 0, y, width);
  }

  finish(count) {
    this.canvas.dataset.drawnFrames = String(count);
    if (this.onDrawn) this.onDrawn(count);
  }

  isMatch(node) { return node > 0 && this.model.frame[node] >= 0 && this.matches[this.model.frame[node]] === 1; }

  hasMatchingAncestorWithin(node, top) {
    for (let x = this.model.parent[node]; x >= 0 && x !== this.model.parent[top]; x = this.model.parent[x]) if (this.isMatch(x)) return true;
    return false;
  }

  rect(ctx, node, x, w, y, charWidth, ancestor) {
    const m = this.model;
    let color;
    if (node === 0) color = '#d7d7d7';
    else if (this.matches) color = this.isMatch(node) ? '#e040a0' : (m.isLibrary(node) ? '#e4e4e8' : '#eedcc8');
    else color = frameColor(m, node);
    ctx.fillStyle = ancestor ? shade(color) : color;
    ctx.fillRect(x, y, Math.max(w - 0.5, 0.5), ROW - 1);
    if (w > charWidth * 3 + 6) {
      const label = m.labelOf(node);
      const fit = Math.floor((w - 6) / charWidth);
      ctx.fillStyle = '#1b1b1b';
      ctx.fillText(label.length > fit ? label.slice(0, Math.max(1, fit - 1)) + '…' : label, x + 3, y + ROW / 2);
    }
    this.push(node, x, y, w);
  }

  push(node, x, y, w) {
    const r = this.rects;
    if (r.n === r.x.length) {
      const grow = (a, T) => { const b = new T(a.length * 2); b.set(a); return b; };
      r.x = grow(r.x, Float32Array); r.y = grow(r.y, Float32Array); r.w = grow(r.w, Float32Array); r.node = grow(r.node, Int32Array);
    }
    r.x[r.n] = x; r.y[r.n] = y; r.w[r.n] = w; r.node[r.n] = node; r.n++;
  }

  hit(e) {
    const b = this.canvas.getBoundingClientRect();
    const px = e.clientX - b.left, py = e.clientY - b.top;
    const r = this.rects;
    for (let i = 0; i < r.n; i++) {
      if (py >= r.y[i] && py < r.y[i] + ROW && px >= r.x[i] && px < r.x[i] + Math.max(r.w[i], 1)) return r.node[i];
    }
    return -1;
  }

  hover(e) {
    const node = this.hit(e);
    if (node === BAND) {
      this.canvas.style.cursor = 'pointer';
      tooltip.show(e.clientX, e.clientY, [`${this.trunk.end - 1} library frames every sample shares`, this.trunk.packages.join(', '), 'click to show them']);
      return;
    }
    if (node < 0) { tooltip.hide(); this.canvas.style.cursor = ''; return; }
    this.canvas.style.cursor = 'pointer';
    tooltip.show(e.clientX, e.clientY, this.model.describe(node));
  }
}

/**
 * The chain of library frames below every sample: from the root's only child down while each node has one child.
 * end: the depth of the first node after the chain (0 when it is too short to hide); packages: the chain's packages.
 */
function trunkOf(m) {
  let x = 0, depth = 0;
  const packages = [], nodes = [];
  while (m.childCountOf(x) === 1) {
    const next = m.children[m.childStart[x]];
    if (!m.isLibrary(next) || m.childCountOf(next) === 0) break;
    x = next;
    depth++;
    nodes.push(x);
    const p = packageGroup(m.classOf(x));
    if (!packages.includes(p)) packages.push(p);
  }
  return depth >= MIN_TRUNK ? { end: depth + 1, packages, nodes } : { end: 0, packages: [], nodes: [] };
}

/** Warm colours for application frames, cool greys for library frames; stable per method name. */
export function frameColor(m, node) {
  const f = m.frame[node];
  const name = m.fullName[f];
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  const v = (h >>> 0) % 1000 / 1000;
  if (m.library[f]) return `hsl(${210 + Math.round(v * 30)}, 18%, ${74 + Math.round(v * 10)}%)`;
  return `hsl(${Math.round(v * 45)}, ${70 + Math.round(v * 20)}%, ${58 + Math.round(v * 12)}%)`;
}

function shade(color) {
  return color.startsWith('hsl') ? color.replace(/(\d+)%\)$/, (all, l) => Math.max(0, Number(l) - 12) + '%)') : '#c4c4c4';
}
