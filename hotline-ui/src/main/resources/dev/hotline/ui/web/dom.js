// DOM helpers. Every value from a request or a profile goes in as text, never as HTML.

/**
 * Creates an element. attrs: class, id, title, href, type... set with setAttribute (on: event handlers,
 * dataset: data-* values); children: nodes or strings (strings become text nodes).
 */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'on') for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else if (k === 'value') e.value = v;
      else e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(e, children);
  return e;
}

function append(parent, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** The shared tooltip: lines of text next to the pointer. */
export const tooltip = {
  show(x, y, lines) {
    const t = document.getElementById('tooltip');
    clear(t);
    lines.forEach((l, i) => t.append(el('div', { class: i === 0 ? 'tt-title' : 'tt-line' }, l)));
    t.hidden = false;
    const w = t.offsetWidth, h = t.offsetHeight;
    const left = Math.min(x + 14, window.innerWidth - w - 8);
    const top = y + 16 + h > window.innerHeight ? y - h - 10 : y + 16;
    t.style.left = Math.max(4, left) + 'px';
    t.style.top = Math.max(4, top) + 'px';
  },
  hide() { document.getElementById('tooltip').hidden = true; },
};

/** A sortable table header cell. */
export function sortHeader(label, key, state, onSort, numeric) {
  const active = state.sort === key;
  const arrow = active ? (state.order === 'asc' ? ' ▲' : ' ▼') : '';
  return el('th', { class: (numeric ? 'num ' : '') + 'sortable' + (active ? ' sorted' : ''), dataset: { sort: key },
    'aria-sort': active ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none',
    on: { click: () => onSort(key) } }, label + arrow);
}
