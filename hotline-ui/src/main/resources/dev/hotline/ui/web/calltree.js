// Call tree with library frames folded: a chain of library frames shows as one "[N library frames]" row.
import { el, clear } from './dom.js';
import { ms, pct } from './format.js';

const AUTO_OPEN_SHARE = 0.05; // the hot path opens by itself while it holds at least this share
const MAX_CHILDREN = 200;     // children listed per node before "N more"

export class CallTreeView {
  constructor(model) {
    this.model = model;
    this.list = el('div', { class: 'calltree', role: 'tree' });
    const expandAll = el('button', { type: 'button', on: { click: () => this.render(true) } }, 'Unfold library frames');
    const fold = el('button', { type: 'button', on: { click: () => this.render(false) } }, 'Fold library frames');
    this.element = el('div', { class: 'calltree-view' },
      el('div', { class: 'toolbar' }, fold, expandAll,
        el('span', { class: 'muted' }, 'Total, share of the request, self; click a row to open or close it.')),
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
    const root = this.row(0, 0, null);
    this.list.append(root);
    this.open(root, true);
  }

  /** One row for node; folded: the library nodes it stands for (first..last) when it is a fold. */
  row(node, level, folded) {
    const m = this.model;
    const leaf = m.childCountOf(folded ? folded[folded.length - 1] : node) === 0;
    const whole = m.rootTotal || 1;
    const label = folded
      ? el('span', { class: 'fold', title: 'click to show these frames' }, `[${folded.length} library frames] `,
        el('span', { class: 'muted' }, `${m.labelOf(folded[0])} … ${m.labelOf(folded[folded.length - 1])}`))
      : el('span', { class: m.isLibrary(node) ? 'frame lib' : 'frame app' }, m.labelOf(node),
        node > 0 ? el('span', { class: 'muted loc' }, '  ' + m.locationOf(node)) : null);
    const bar = el('span', { class: 'tree-bar' });
    bar.style.width = Math.max(1, Math.round((60 * m.total[node]) / whole)) + 'px';
    const r = el('div', {
      class: 'tree-row' + (leaf ? ' leaf' : ''), role: 'treeitem', 'aria-expanded': leaf ? null : 'false',
      dataset: { node: String(node), level: String(level) }, title: m.fullNameOf(node),
    },
    el('span', { class: 'num' }, ms(m.total[node] / 1e6)),
    el('span', { class: 'num' }, pct(m.total[node], whole), bar),
    el('span', { class: 'num' }, ms(m.self[node] / 1e6)),
    el('span', { class: 'tree-label' }, el('span', { class: 'indent' }), el('span', { class: 'toggle' }, leaf ? '·' : '▸'), label));
    r.querySelector('.indent').style.width = level * 14 + 'px';
    const wrapper = el('div', { class: 'tree-node' }, r);
    wrapper.hotline = { node, level, folded, open: false, children: null };
    r.addEventListener('click', (e) => {
      if (folded && e.target.closest('.fold')) { this.unfold(wrapper); return; }
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
    const parentNode = st.folded ? st.folded[st.folded.length - 1] : st.node;
    const kids = m.childrenOf(parentNode);
    const shown = Math.min(kids.length, MAX_CHILDREN);
    for (let i = 0; i < shown; i++) {
      const child = kids[i];
      const chain = this.unfoldAll ? null : this.libraryChain(child);
      const w = chain ? this.row(child, st.level + 1, chain) : this.row(child, st.level + 1, null);
      box.append(w);
      if (auto && i === 0 && m.total[child] >= AUTO_OPEN_SHARE * m.rootTotal && st.level < 200) {
        const last = chain ? chain[chain.length - 1] : child;
        if (m.childCountOf(last) > 0) this.open(w, true);
      }
    }
    if (kids.length > shown) box.append(el('div', { class: 'muted more' }, `${kids.length - shown} more callees, each under ${pct(m.total[kids[shown]], m.rootTotal)}`));
  }

  /** The chain of library nodes starting at node that has one callee each, when it is 2 frames or more. */
  libraryChain(node) {
    const m = this.model;
    if (!m.isLibrary(node)) return null;
    const chain = [node];
    let x = node;
    while (m.childCountOf(x) === 1) {
      const next = m.children[m.childStart[x]];
      if (!m.isLibrary(next)) break;
      chain.push(next);
      x = next;
    }
    return chain.length >= 2 ? chain : null;
  }

  /** Replaces a fold by its frames, one row each, keeping the rows below open as they were. */
  unfold(wrapper) {
    const st = wrapper.hotline;
    const chain = st.folded;
    const wasOpen = st.open;
    let top = null, parentBox = null, level = st.level;
    for (const node of chain) {
      const w = this.row(node, level++, null);
      if (!top) top = w; else { parentBox.append(w); }
      w.hotline.open = true;
      w.firstChild.setAttribute('aria-expanded', 'true');
      w.firstChild.querySelector('.toggle').textContent = '▾';
      const box = el('div', { class: 'tree-children', role: 'group' });
      w.hotline.children = box;
      w.append(box);
      parentBox = box;
    }
    // The last frame's callees: rebuilt at the new depth.
    const last = parentBox.parentNode;
    last.hotline.children = null;
    parentBox.remove();
    this.open(last, wasOpen);
    if (!wasOpen) this.close(last);
    wrapper.replaceWith(top);
  }
}
