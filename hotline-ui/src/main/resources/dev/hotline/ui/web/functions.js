// Function table: self, total, samples (and calls for exact profiles); sortable, searchable.
import { el, clear, sortHeader } from './dom.js';
import { ns, pct, count } from './format.js';

const MAX_ROWS = 1000;

export class FunctionTableView {
  constructor(model) {
    this.model = model;
    this.state = { sort: 'self', order: 'desc', query: '' };
    const methods = model.json.methods || [];
    this.exact = methods.some((x) => typeof x.calls === 'number' && x.calls >= 0);
    this.search = el('input', { type: 'search', placeholder: 'Filter functions', 'aria-label': 'filter functions',
      on: { input: () => { this.state.query = this.search.value; this.renderBody(); } } });
    this.info = el('span', { class: 'muted' });
    this.head = el('thead');
    this.body = el('tbody');
    this.element = el('div', { class: 'functions' },
      el('div', { class: 'toolbar' }, this.search, this.info),
      el('table', { class: 'grid function-table' }, this.head, this.body));
  }

  draw() { if (!this.drawn) { this.drawn = true; this.renderHead(); this.renderBody(); } }

  sortBy(key) {
    if (this.state.sort === key) this.state.order = this.state.order === 'asc' ? 'desc' : 'asc';
    else { this.state.sort = key; this.state.order = key === 'name' || key === 'file' ? 'asc' : 'desc'; }
    this.renderHead();
    this.renderBody();
  }

  renderHead() {
    const s = this.state, f = (k) => this.sortBy(k);
    clear(this.head).append(el('tr', null,
      sortHeader('Function', 'name', s, f), sortHeader('File', 'file', s, f),
      sortHeader('Self', 'self', s, f, true), sortHeader('Self %', 'self', s, f, true),
      sortHeader('Total', 'total', s, f, true), sortHeader('Total %', 'total', s, f, true),
      sortHeader('Samples', 'samples', s, f, true), this.exact ? sortHeader('Calls', 'calls', s, f, true) : null));
  }

  renderBody() {
    const whole = this.model.sampledNs || 1;
    const q = this.state.query.trim().toLowerCase();
    let rows = (this.model.json.methods || []).map((x) => ({ ...x, name: x.class + '.' + x.method }));
    if (q) rows = rows.filter((x) => x.name.toLowerCase().includes(q) || String(x.file || '').toLowerCase().includes(q));
    const key = { name: 'name', file: 'file', self: 'selfNs', total: 'totalNs', samples: 'samples', calls: 'calls' }[this.state.sort];
    const dir = this.state.order === 'asc' ? 1 : -1;
    rows.sort((a, b) => {
      const x = a[key] ?? '', y = b[key] ?? '';
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir || a.name.localeCompare(b.name);
    });
    const shown = rows.slice(0, MAX_ROWS);
    const frag = document.createDocumentFragment();
    for (const x of shown) {
      frag.append(el('tr', null,
        el('td', { class: 'fn', title: x.name }, x.name), el('td', null, x.file || '–'),
        el('td', { class: 'num' }, ns(x.selfNs)), el('td', { class: 'num' }, pct(x.selfNs, whole)),
        el('td', { class: 'num' }, ns(x.totalNs)), el('td', { class: 'num' }, pct(x.totalNs, whole)),
        el('td', { class: 'num' }, count(x.samples)), this.exact ? el('td', { class: 'num' }, count(x.calls)) : null));
    }
    clear(this.body).append(frag);
    this.info.textContent = rows.length > MAX_ROWS ? `${MAX_ROWS} of ${rows.length} functions` : `${rows.length} functions`;
  }
}
