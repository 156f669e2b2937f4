// Call tree in pyinstrument's style: each run of library frames shows as one "[N frames hidden] packages" row,
// below which come the application frames it calls and the frames at the top of the stack where it ends.
// Application frames are never hidden, and folding is the same at every depth.
import { el, clear } from './dom.js';
import { ms, pct } from './format.js';
import { packageGroup } from './model.js';

const AUTO_OPEN_SHARE = 0.05; // the hot path opens by itself while it holds at least this share
const MAX_CHILDREN = 200;     // children listed per node before "N more"
const MAX_PACKAGES = 6;       // packages named on a fold row
const MAX_RUN = 100000;       // nodes walked per fold, so a huge profile cannot stall the page

export class CallTreeView {
  constructor(model) {
    this.model = model;
    this.list = el('div', { class: 'calltree', role: 'tree' });
    const expandAll = el('button', { type: 'button', on: { click: () => this.render(true) } }, 'Unfold library frames');
    const fold = el('button', { type: 'button', on: { click: () => this.render(false) } }, 'Fold library frames');
    this.element = el('div', { class: 'calltree-view' },
      el('div', { class: 'toolbar' }, fold, expandAll,
        el('span', { class: 'muted' }, 'Total, share of the request, self; click a row to open or close it, a hidden run to show its frames.')),
      el('div', { class: 'calltree-head' }, el('span', { class: 'num' }, 'Total'), el('span', { class: 'num' }, 'Share'),
        el('span', { class: 'num' }, 'Self'), el('span', null, 'Frame')),
      this.list);
  }

  draw() { if (!this.drawn) this.render(false); }

  render(unfoldAll) {
    this.unfoldAll = unfoldAll;
    this.drawn = true;
    clear(this.list);
    if (this.model.size === 0) { this.list.append(el('p', { class: 'muted' }, 'No samples.')); return; }
    const root = this.row(0, 0, null, false);
    this.list.append(root);
    this.open(root, true);
  }

  /** One row for node; run: the fold it stands for ({ hidden, exits, packages, self }); unfolded: a shown run. */
  row(node, level, run, unfolded) {
    const m = this.model;
    const leaf = run ? run.exits.length === 0 : m.childCountOf(node) === 0;
    const whole = m.rootTotal || 1;
    const self = run ? run.self : m.self[node];
    const label = run
      ? el('span', { class: 'fold', title: 'click to show these frames' },
        `[${run.hidden} frames hidden]  `,
        el('span', { class: 'fold-packages' }, run.packages.slice(0, MAX_PACKAGES).join(', ') + (run.packages.length > MAX_PACKAGES ? ', …' : '')))
      : el('span', { class: m.isLibrary(node) ? 'frame lib' : 'frame app' }, m.labelOf(node),
        node > 0 ? el('span', { class: 'muted loc' }, '  ' + m.locationOf(node)) : null);
    const bar = el('span', { class: 'tree-bar' });
    bar.style.width = Math.max(1, Math.round((60 * m.total[node]) / whole)) + 'px';
    const r = el('div', {
      class: 'tree-row' + (leaf ? ' leaf' : '') + (run ? ' folded' : ''), role: 'treeitem', 'aria-expanded': leaf ? null : 'false',
      dataset: { node: String(node), level: String(level), kind: run ? 'fold' : (m.isLibrary(node) ? 'lib' : (node > 0 ? 'app' : 'root')) },
      title: run ? run.packages.join(', ') : m.fullNameOf(node),
    },
    el('span', { class: 'num' }, ms(m.total[node] / 1e6)),
    el('span', { class: 'num' }, pct(m.total[node], whole), bar),
    el('span', { class: 'num' }, ms(self / 1e6)),
    el('span', { class: 'tree-label' }, el('span', { class: 'indent' }), el('span', { class: 'toggle' }, leaf ? '·' : '▸'), label));
    r.querySelector('.indent').style.width = level * 14 + 'px';
    const wrapper = el('div', { class: 'tree-node' }, r);
    wrapper.hotline = { node, level, run, unfolded, open: false, children: null };
    r.addEventListener('click', (e) => {
      if (run && e.target.closest('.fold')) { this.unfold(wrapper); return; }
      if (!leaf) this.toggle(wrapper);
    });
    return wrapper;
  }

  toggle(wrapper) { if (wrapper.hotline.open) this.close(wrapper); else this.open(wrapper, false); }

  close(wrapper) {
    wrapper.hotline.open = false;
    wrapper.hotline.children.hidden = true;
    wrapper.firstChild.setAttribute('aria-expanded', 'false');
    wrapper.firstChild.querySelector('.toggle').textContent = '▸';
  }

  open(wrapper, auto) {
    const m = this.model;
    const st = wrapper.hotline;
    st.open = true;
    wrapper.firstChild.setAttribute('aria-expanded', 'true');
    wrapper.firstChild.querySelector('.toggle').textContent = '▾';
    if (st.children) { st.children.hidden = false; return; }
    const box = el('div', { class: 'tree-children', role: 'group' });
    st.children = box;
    wrapper.append(box);
    const kids = st.run ? st.run.exits : Array.from(m.childrenOf(st.node));
    const shown = Math.min(kids.length, MAX_CHILDREN);
    for (let i = 0; i < shown; i++) {
      const child = kids[i];
      // A run the reader unfolded stays open down to the application frames it calls.
      const keepOpen = this.unfoldAll || (st.unfolded && m.isLibrary(child));
      const run = keepOpen ? null : this.libraryRun(child);
      const w = this.row(child, st.level + 1, run, keepOpen && !this.unfoldAll);
      box.append(w);
      const hasKids = run ? run.exits.length > 0 : m.childCountOf(child) > 0;
      if (auto && i === 0 && m.total[child] >= AUTO_OPEN_SHARE * m.rootTotal && st.level < 200 && hasKids) this.open(w, true);
    }
    if (kids.length > shown) box.append(el('div', { class: 'muted more' }, `${kids.length - shown} more callees, each under ${pct(m.total[kids[shown]], m.rootTotal)}`));
  }

  /**
   * The run of library frames starting at node: every library node reached from it through library nodes. Its exits
   * are the application frames it calls and its leaves (where the time went), hottest first. null when node is not
   * library code or the run hides a single frame (shown as itself).
   */
  libraryRun(node) {
    const m = this.model;
    if (!m.isLibrary(node)) return null;
    const exits = [];
    const packages = [];
    const seen = new Set();
    let hidden = 0, self = 0, walked = 0;
    const stack = [node];
    while (stack.length && walked++ < MAX_RUN) {
      const x = stack.pop();
      const a = m.childStart[x], b = m.childStart[x + 1];
      if (a === b && x !== node) { exits.push(x); continue; }
      hidden++;
      self += m.self[x];
      const p = packageGroup(m.classOf(x));
      if (!seen.has(p)) { seen.add(p); packages.push(p); }
      // Reversed, so the hottest child is walked first and its packages are named first.
      for (let i = b - 1; i >= a; i--) {
        const c = m.children[i];
        if (m.isLibrary(c)) stack.push(c); else exits.push(c);
      }
    }
    if (hidden <= 1) return null;
    exits.sort((x, y) => m.total[y] - m.total[x] || x - y);
    return { hidden, exits, packages, self };
  }

  /** Replaces a fold by its first frame, shown with the rest of the run open below it. */
  unfold(wrapper) {
    const st = wrapper.hotline;
    const w = this.row(st.node, st.level, null, true);
    wrapper.replaceWith(w);
    this.open(w, true);
  }
}
