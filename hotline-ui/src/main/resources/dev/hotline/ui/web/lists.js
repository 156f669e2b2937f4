// The request list (all of it, or the requests of one trace) and the endpoint list: server-side sorting, filters,
// paging, refresh.
import { el, clear, sortHeader } from './dom.js';
import { getJson } from './api.js';
import { ms, time, count } from './format.js';

const AUTO_REFRESH_MS = 5000;

// Kept across navigation, so going back to the list finds it as it was left.
const requestState = { sort: 'start', order: 'desc', offset: 0, limit: 50, path: '', status: '', minMs: '', auto: false };
const endpointState = { sort: 'count', order: 'desc', offset: 0, limit: 50 };

export class PagedList {
  constructor(state, title) {
    this.state = state;
    this.head = el('thead');
    this.body = el('tbody');
    this.status = el('span', { class: 'muted list-status', role: 'status' });
    this.error = el('p', { class: 'error', hidden: true });
    this.prev = el('button', { type: 'button', class: 'prev', on: { click: () => this.page(-1) } }, '‹ Newer');
    this.next = el('button', { type: 'button', class: 'next', on: { click: () => this.page(1) } }, 'Older ›');
    this.refreshButton = el('button', { type: 'button', class: 'refresh', on: { click: () => this.load() } }, 'Refresh');
    this.table = el('table', { class: 'grid list' }, this.head, this.body);
    this.filters = el('div', { class: 'filters' });
    this.element = el('section', { class: 'list-view' },
      el('div', { class: 'list-top' }, el('h1', null, title), this.filters, this.refreshButton),
      this.error, this.table, el('div', { class: 'pager' }, this.prev, this.status, this.next));
  }

  start() { this.renderHead(); this.load(); }

  page(dir) {
    this.state.offset = Math.max(0, this.state.offset + dir * this.state.limit);
    this.load();
  }

  sortBy(key) {
    if (this.state.sort === key) this.state.order = this.state.order === 'asc' ? 'desc' : 'asc';
    else { this.state.sort = key; this.state.order = key === 'path' || key === 'route' || key === 'method' ? 'asc' : 'desc'; }
    this.state.offset = 0;
    this.renderHead();
    this.load();
  }

  async load() {
    const seq = (this.seq = (this.seq || 0) + 1);
    this.element.classList.add('loading');
    try {
      const data = await getJson(this.url, this.params());
      if (seq !== this.seq) return;
      this.error.hidden = true;
      this.renderRows(data.items || []);
      const from = data.total === 0 ? 0 : data.offset + 1;
      const to = data.offset + (data.items || []).length;
      // A fleet's total is counted up to a cap: "of 10,000+".
      this.status.textContent = `${from}–${to} of ${count(data.total)}${data.totalCapped ? '+' : ''}`;
      this.element.dataset.total = String(data.total);
      this.prev.disabled = data.offset <= 0;
      this.next.disabled = data.totalCapped ? (data.items || []).length < data.limit : to >= data.total;
      this.loaded(data);
    } catch (e) {
      if (seq !== this.seq) return;
      this.error.textContent = e.message;
      this.error.hidden = false;
    } finally {
      if (seq === this.seq) { this.element.classList.remove('loading'); this.element.dataset.loaded = String(seq); }
    }
  }

  /** After each answer is shown. */
  loaded() {}

  dispose() { clearInterval(this.timer); this.seq = -1; }
}

export class RequestListView extends PagedList {
  /** trace: only the requests of that trace (#/trace/{id}), a fixed filter; one request alone opens at once. */
  constructor(trace) {
    super(trace ? { ...requestState, offset: 0, path: '', status: '', minMs: '', auto: false } : requestState, trace ? 'Requests of a trace' : 'Requests');
    this.url = 'api/profiles';
    this.trace = trace || '';
    if (trace) {
      this.element.dataset.trace = trace;
      this.filters.append(el('span', { class: 'trace-filter' }, 'Trace ', el('code', null, trace), ' ', el('a', { href: '#/' }, 'All requests')));
      return;
    }
    const s = this.state;
    let debounce;
    const changed = () => { s.offset = 0; clearTimeout(debounce); debounce = setTimeout(() => this.load(), 200); };
    const path = el('input', { type: 'search', name: 'path', placeholder: 'Path contains', value: s.path, 'aria-label': 'path contains',
      on: { input: (e) => { s.path = e.target.value; changed(); } } });
    const status = el('select', { name: 'status', 'aria-label': 'status', on: { change: (e) => { s.status = e.target.value; changed(); } } },
      [['', 'Any status'], ['2xx', '2xx'], ['3xx', '3xx'], ['4xx', '4xx'], ['5xx', '5xx']].map(([v, t]) => el('option', { value: v }, t)));
    status.value = s.status;
    const minMs = el('input', { type: 'number', name: 'minMs', min: '0', step: '1', placeholder: 'Min ms', value: s.minMs, 'aria-label': 'minimum duration in ms',
      on: { input: (e) => { s.minMs = e.target.value; changed(); } } });
    const auto = el('input', { type: 'checkbox', name: 'auto', on: { change: (e) => { s.auto = e.target.checked; this.schedule(); } } });
    auto.checked = s.auto;
    this.filters.append(path, status, minMs, el('label', { class: 'auto' }, auto, ' Auto-refresh'));
    this.schedule();
  }

  schedule() {
    clearInterval(this.timer);
    if (this.state.auto) this.timer = setInterval(() => { if (!document.hidden) this.load(); }, AUTO_REFRESH_MS);
  }

  params() {
    const s = this.state;
    return { sort: s.sort, order: s.order, offset: s.offset, limit: s.limit, path: s.path, status: s.status, minMs: s.minMs, trace: this.trace };
  }

  loaded(data) {
    // A trace with one profiled request: that request's profile, without a stop at a one-row list.
    if (this.trace && data.total === 1 && data.items.length === 1) {
      window.location.replace('#/profile/' + encodeURIComponent(data.items[0].id));
    }
  }

  renderHead() {
    const s = this.state, f = (k) => this.sortBy(k);
    clear(this.head).append(el('tr', null,
      sortHeader('Time', 'start', s, f), sortHeader('Method', 'method', s, f), sortHeader('Path', 'path', s, f),
      sortHeader('Status', 'status', s, f, true), sortHeader('Duration', 'duration', s, f, true),
      sortHeader('Samples', 'samples', s, f, true), sortHeader('Engine', 'engine', s, f), el('th', null, 'Endpoint')));
  }

  renderRows(items) {
    const frag = document.createDocumentFragment();
    for (const it of items) {
      const href = '#/profile/' + encodeURIComponent(it.id);
      const statusClass = it.status >= 500 ? 's5' : it.status >= 400 ? 's4' : 's2';
      frag.append(el('tr', { dataset: { id: it.id } },
        el('td', { class: 'nowrap' }, el('a', { href }, time(it.start))),
        el('td', null, it.method),
        el('td', { class: 'path' }, el('a', { href, class: 'path-link' }, it.path, it.query ? el('span', { class: 'muted' }, '?' + it.query) : null)),
        el('td', { class: 'num ' + statusClass }, String(it.status)),
        el('td', { class: 'num' }, ms(it.durationMs)),
        el('td', { class: 'num' }, count(it.samples)),
        el('td', null, it.engine, it.exact ? el('span', { class: 'badge' }, 'exact') : null),
        el('td', { class: 'route' }, it.endpoint ? el('a', { href: '#/endpoint/' + encodeURIComponent(it.endpoint) }, it.route || '') : (it.route || ''))));
    }
    if (!items.length) frag.append(el('tr', null, el('td', { colspan: '8', class: 'muted empty' },
      this.trace ? 'No profiled request of this trace is stored here.' : 'No profiled requests match.')));
    clear(this.body).append(frag);
  }
}

export class EndpointListView extends PagedList {
  constructor() {
    super(endpointState, 'Endpoints');
    this.url = 'api/endpoints';
    this.filters.append(el('span', { class: 'muted' }, 'Every sampled request, kept or not, grouped by route; percentiles over each route\'s latest 1,024 requests.'));
  }

  params() { const s = this.state; return { sort: s.sort, order: s.order, offset: s.offset, limit: s.limit }; }

  renderHead() {
    const s = this.state, f = (k) => this.sortBy(k);
    clear(this.head).append(el('tr', null, el('th', null, 'Method'), sortHeader('Route', 'route', s, f),
      sortHeader('Requests', 'count', s, f, true), sortHeader('Kept', 'kept', s, f, true), sortHeader('Failed', 'failed', s, f, true),
      sortHeader('p50', 'p50', s, f, true), sortHeader('p95', 'p95', s, f, true), sortHeader('p99', 'p99', s, f, true),
      sortHeader('Max', 'max', s, f, true), el('th', null, 'Last')));
  }

  renderRows(items) {
    const frag = document.createDocumentFragment();
    for (const it of items) {
      const href = '#/endpoint/' + encodeURIComponent(it.key);
      frag.append(el('tr', { dataset: { key: it.key } }, el('td', null, it.method),
        el('td', { class: 'path' }, el('a', { href }, it.route)), el('td', { class: 'num' }, count(it.count)),
        el('td', { class: 'num' }, count(it.kept)), el('td', { class: 'num' }, count(it.failed)),
        el('td', { class: 'num' }, ms(it.p50Ms)), el('td', { class: 'num' }, ms(it.p95Ms)), el('td', { class: 'num' }, ms(it.p99Ms)),
        el('td', { class: 'num' }, ms(it.maxMs)), el('td', { class: 'nowrap' }, time(it.lastStart))));
    }
    if (!items.length) frag.append(el('tr', null, el('td', { colspan: '10', class: 'muted empty' }, 'No endpoints yet.')));
    clear(this.body).append(frag);
  }
}
