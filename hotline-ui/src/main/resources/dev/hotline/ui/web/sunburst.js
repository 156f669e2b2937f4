// Sunburst on a canvas: the root in the centre, callees in rings outwards; click to zoom.
import { el, tooltip } from './dom.js';
import { frameColor } from './flame.js';

const RINGS = 14;        // rings drawn around the focus
const MIN_ANGLE = 0.004; // radians; narrower arcs (and their callees) are not drawn

export class SunburstView {
  constructor(model) {
    this.model = model;
    this.focus = 0;
    this.canvas = el('canvas', { class: 'sunburst-canvas', dataset: { drawnArcs: '0' } });
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'sunburst');
    const reset = el('button', { type: 'button', on: { click: () => this.zoom(0) } }, 'Reset zoom');
    this.element = el('div', { class: 'sunburst' }, el('div', { class: 'toolbar' }, reset,
      el('span', { class: 'muted' }, 'Centre: the zoomed frame; click an arc to zoom, the centre to go up.')), this.canvas);
    this.arcs = [];
    this.canvas.addEventListener('mousemove', (e) => {
      const node = this.hit(e);
      if (node < 0) tooltip.hide(); else tooltip.show(e.clientX, e.clientY, this.model.describe(node));
    });
    this.canvas.addEventListener('mouseleave', () => tooltip.hide());
    this.canvas.addEventListener('click', (e) => {
      const node = this.hit(e);
      if (node === this.focus && node > 0) this.zoom(this.model.parent[node]);
      else if (node >= 0) this.zoom(node);
    });
  }

  zoom(node) { this.focus = node; this.draw(); }

  draw() {
    const m = this.model;
    const size = Math.max(300, Math.min(this.element.clientWidth || 700, 760));
    const dpr = window.devicePixelRatio || 1;
    const c = this.canvas;
    c.width = size * dpr; c.height = size * dpr;
    c.style.width = size + 'px'; c.style.height = size + 'px';
    const ctx = c.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size, size);
    this.arcs = [];
    if (m.size === 0) return;
    const cx = size / 2, cy = size / 2;
    const ring = (size / 2 - 4) / (RINGS + 1);
    this.geometry = { cx, cy, ring };
    const base = m.depth[this.focus];
    const scale = (2 * Math.PI) / (m.total[this.focus] || 1);
    const stack = [[this.focus, 0]];
    while (stack.length) {
      const [node, a0] = stack.pop();
      const span = m.total[node] * scale;
      const d = m.depth[node] - base;
      ctx.beginPath();
      if (d === 0) {
        ctx.arc(cx, cy, ring, 0, 2 * Math.PI);
      } else {
        ctx.arc(cx, cy, ring * (d + 1), a0, a0 + span);
        ctx.arc(cx, cy, ring * d, a0 + span, a0, true);
        ctx.closePath();
      }
      ctx.fillStyle = node === 0 ? '#d7d7d7' : frameColor(m, node);
      ctx.fill();
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 0.6;
      ctx.stroke();
      this.arcs.push([node, d, a0, span]);
      if (d >= RINGS) continue;
      let a = a0;
      for (const child of m.childrenOf(node)) {
        const s = m.total[child] * scale;
        if (s < MIN_ANGLE) break;
        stack.push([child, a]);
        a += s;
      }
    }
    ctx.fillStyle = '#1b1b1b';
    ctx.font = '12px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const label = m.labelOf(this.focus);
    ctx.fillText(label.length > 18 ? label.slice(0, 17) + '…' : label, cx, cy);
    c.dataset.drawnArcs = String(this.arcs.length);
  }

  hit(e) {
    if (!this.geometry) return -1;
    const b = this.canvas.getBoundingClientRect();
    const x = e.clientX - b.left - this.geometry.cx, y = e.clientY - b.top - this.geometry.cy;
    const r = Math.hypot(x, y) / this.geometry.ring;
    let angle = Math.atan2(y, x);
    if (angle < 0) angle += 2 * Math.PI;
    const d = r < 1 ? 0 : Math.floor(r);
    for (const [node, depth, a0, span] of this.arcs) {
      if (depth !== d) continue;
      if (d === 0) return node;
      let rel = angle - a0;
      if (rel < 0) rel += 2 * Math.PI;
      if (rel <= span) return node;
    }
    return -1;
  }
}
