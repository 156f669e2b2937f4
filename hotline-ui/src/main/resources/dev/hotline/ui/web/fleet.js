// The fleet store's views: #/fleet (requests of every instance), #/fleet/endpoints, #/fleet/compare.
import { el, clear, sortHeader } from './dom.js';
import { getJson } from './api.js';
import { PagedList } from './lists.js';
import { ms, time, count } from './format.js';

export const PERIODS = [['15m', 'Last 15 min'], ['1h', 'Last hour'], ['6h', 'Last 6 hours'], ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'], ['', 'Any time'], ['custom', 'Custom…']];

// Kept across navigation and shared by the three views.
export const fleetState = {
  service: '', instance: '', version: '', period: '1h', from: '', to: '',
  route: '', method: '', status: '', path: '', minMs: '', trace: '',
  sort: 'start', order: 'desc', offset: 0, limit: 50,
};
/** What the list showed of a profile (service, instance, version), for its page's summary. */
export const fleetMeta = new Map();

let facetsPromise = null;
/** api/fleet, asked once per page load. */
export function facets() {
  if (!facetsPromise) facetsPromise = getJson('api/fleet').catch((e) => ({ on: false, error: e.message }));
  return facetsPromise;
}

/** The period's bounds as the API takes them: a duration ago, or ISO instants from the custom inputs. */
export function periodParams(s = fleetState) {
  if (s.period === 'custom') return { from: isoOf(s.from), to: isoOf(s.to) };
  return { from: s.period, to: '' };
}

/** A datetime-local value (local time) as an ISO instant. */
export function isoOf(local) {
  if (!local) return '';
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** A Date as a datetime-local value, to the minute. */
export function localOf(date) {
  const pad = (x) => String(x).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A select of options [value, label]; onChange gets the new value. */
export function select(name, label, options, value, onChange) {
  const s = el('select', { name, 'aria-label': label, on: { change: (e) => onChange(e.target.value) } },
    options.map(([v, t]) => el('option', { value: v }, t)));
  s.value = value;
  if (s.value !== value) s.value = options.length ? options[0][0] : '';
  return s;
}

/**
 * What every fleet view starts with: the three views as tabs (`tabs`, beside the title), then a row of filters
 * (`element`): service, instance, version and period, as far as the view uses them (`use`), then the view's own
 * `extras`. onChange runs after one of the bar's filters changed.
 */
export class FleetBar {
  constructor(active, use, onChange, extras = []) {
    this.use = use;
    this.onChange = onChange;
    this.extras = extras;
    this.filters = el('div', { class: 'filters fleet-filters' });
    this.message = el('p', { class: 'error', hidden: true });
    const tab = (href, label, key) => el('a', { href, class: 'subtab' + (key === active ? ' active' : ''), dataset: { view: key } }, label);
    this.tabs = el('nav', { class: 'subtabs' }, tab('#/fleet', 'Requests', 'requests'), tab('#/fleet/endpoints', 'Endpoints', 'endpoints'),
      tab('#/fleet/compare', 'Compare', 'compare'));
    this.element = el('div', { class: 'fleet-bar' }, this.filters, this.message);
  }

  async start() {
    this.facets = await facets();
    if (this.facets.available === false || this.facets.error) {
      this.message.textContent = this.facets.error || 'the fleet store is not available';
      this.message.hidden = false;
    }
    this.render();
  }

  render() {
    const s = fleetState, f = this.facets || {}, instances = f.instances || [];
    const changed = (k) => (v) => {
      s[k] = v;
      if (k === 'service') { s.instance = ''; s.version = ''; }
      if (k === 'period' && v === 'custom' && !s.from) {
        s.from = localOf(new Date(Date.now() - 3600e3));
        s.to = localOf(new Date());
      }
      s.offset = 0;
      this.render();
      this.onChange();
    };
    const ofService = instances.filter((i) => !s.service || i.service === s.service);
    const parts = [];
    if (this.use.includes('service')) {
      parts.push(select('service', 'service', [['', 'All services'], ...(f.services || []).map((v) => [v, v])], s.service, changed('service')));
    }
    if (this.use.includes('instance')) {
      const names = [...new Set(ofService.map((i) => i.instance))].sort();
      parts.push(select('instance', 'instance', [['', 'All instances'], ...names.map((v) => [v, v])], s.instance, changed('instance')));
    }
    if (this.use.includes('version')) {
      const versions = [...new Set(ofService.map((i) => i.version).filter((v) => v))];
      parts.push(select('version', 'version', [['', 'All versions'], ...versions.map((v) => [v, v])], s.version, changed('version')));
    }
    if (this.use.includes('period')) {
      parts.push(select('period', 'period', PERIODS, s.period, changed('period')));
      if (s.period === 'custom') {
        const input = (k, label) => el('input', { type: 'datetime-local', name: k, value: s[k], 'aria-label': label,
          on: { change: (e) => { s[k] = e.target.value; s.offset = 0; this.onChange(); } } });
        parts.push(input('from', 'from'), el('span', { class: 'muted' }, 'to'), input('to', 'to'));
      }
    }
    clear(this.filters).append(...parts, ...this.extras);
  }
}

/** The title line of a fleet view: title, the views' tabs, then `more` (a refresh button). */
export function fleetTop(bar, ...more) {
  return el('div', { class: 'list-top' }, el('h1', null, 'Fleet'), bar.tabs, el('span', { class: 'spacer' }), ...more);
}

/** Requests kept by every instance, newest first, filtered on the server. */
export class FleetRequestsView extends PagedList {
  constructor() {
    super(fleetState, 'Fleet');
    this.url = 'api/fleet/profiles';
    const s = this.state;
    let debounce;
    const changed = () => { s.offset = 0; clearTimeout(debounce); debounce = setTimeout(() => this.load(), 250); };
    const text = (name, placeholder, label, cls) => el('input', { type: 'search', name, placeholder, value: s[name], 'aria-label': label,
      class: cls, on: { input: (e) => { s[name] = e.target.value.trim(); changed(); } } });
    const status = select('status', 'status', [['', 'Any status'], ['2xx', '2xx'], ['3xx', '3xx'], ['4xx', '4xx'], ['5xx', '5xx']],
      s.status, (v) => { s.status = v; changed(); });
    const minMs = el('input', { type: 'number', name: 'minMs', min: '0', step: '1', placeholder: 'Min ms', value: s.minMs,
      'aria-label': 'minimum duration in ms', on: { input: (e) => { s.minMs = e.target.value; changed(); } } });
    this.routeInput = text('route', 'Route (/orders/{id})', 'route, exactly', 'route-filter');
    this.bar = new FleetBar('requests', ['service', 'instance', 'version', 'period'], () => this.load(),
      [this.routeInput, status, text('path', 'Path contains', 'path contains'), minMs, text('trace', 'Trace id', 'trace id', 'trace-filter')]);
    // The list's own title line gives way to the fleet's.
    this.element.replaceChild(fleetTop(this.bar, this.refreshButton), this.element.firstChild);
    this.element.insertBefore(this.bar.element, this.element.children[1]);
  }

  async start() {
    this.renderHead();
    await this.bar.start();
    this.load();
  }

  params() {
    const s = this.state;
    return { service: s.service, instance: s.instance, version: s.version, ...periodParams(s), route: s.route, method: s.route ? s.method : '',
      status: s.status, path: s.path, minMs: s.minMs, trace: s.trace, sort: s.sort, order: s.order, offset: s.offset, limit: s.limit };
  }

  renderHead() {
    const s = this.state, f = (k) => this.sortBy(k);
    clear(this.head).append(el('tr', null,
      sortHeader('Time', 'start', s, f), sortHeader('Service', 'service', s, f), sortHeader('Instance', 'instance', s, f),
      el('th', null, 'Version'), el('th', null, 'Method'), sortHeader('Path', 'path', s, f), sortHeader('Status', 'status', s, f, true),
      sortHeader('Duration', 'duration', s, f, true), el('th', { class: 'num' }, 'Samples'), el('th', null, 'Route')));
  }

  renderRows(items) {
    const frag = document.createDocumentFragment();
    if (fleetMeta.size > 5000) fleetMeta.clear();
    for (const it of items) {
      const href = '#/fleet/profile/' + encodeURIComponent(it.id);
      fleetMeta.set(it.id, { service: it.service, instance: it.instance, version: it.version });
      const statusClass = it.status >= 500 ? 's5' : it.status >= 400 ? 's4' : 's2';
      const byRoute = () => {
        this.state.route = it.route;
        this.state.method = it.method;
        this.state.offset = 0;
        this.routeInput.value = it.route;
        this.load();
      };
      frag.append(el('tr', { dataset: { id: it.id, instance: it.instance } },
        el('td', { class: 'nowrap' }, el('a', { href }, time(it.start))),
        el('td', null, it.service), el('td', { class: 'instance' }, it.instance), el('td', null, it.version || '–'),
        el('td', null, it.method),
        el('td', { class: 'path' }, el('a', { href, class: 'path-link' }, it.path, it.query ? el('span', { class: 'muted' }, '?' + it.query) : null)),
        el('td', { class: 'num ' + statusClass }, String(it.status)),
        el('td', { class: 'num' }, ms(it.durationMs)),
        el('td', { class: 'num' }, count(it.samples)),
        el('td', { class: 'route' }, el('button', { type: 'button', class: 'linkish', title: 'only this route', on: { click: byRoute } }, it.route))));
    }
    if (!items.length) frag.append(el('tr', null, el('td', { colspan: '10', class: 'muted empty' }, 'No kept requests match in the fleet store.')));
    clear(this.body).append(frag);
  }
}

const ENDPOINT_SORTS = { requests: (e) => e.requests, failed: (e) => e.failed, mean: (e) => e.meanMs, p50: (e) => e.p50Ms,
  p95: (e) => e.p95Ms, p99: (e) => e.p99Ms, max: (e) => e.maxMs, instances: (e) => e.instances, route: (e) => e.route };
const endpointSort = { sort: 'requests', order: 'desc' };

/** Every endpoint over the period, added up across instances: from the per-minute figures, every sampled request. */
export class FleetEndpointsView {
  constructor() {
    this.bar = new FleetBar('endpoints', ['service', 'version', 'period'], () => this.load());
    this.head = el('thead');
    this.body = el('tbody');
    this.status = el('span', { class: 'muted list-status', role: 'status' });
    this.error = el('p', { class: 'error', hidden: true });
    this.element = el('section', { class: 'list-view fleet-endpoints' },
      fleetTop(this.bar, el('button', { type: 'button', class: 'refresh', on: { click: () => this.load() } }, 'Refresh')),
      this.bar.element,
      el('p', { class: 'muted' }, 'Every sampled request of every instance, kept or not, by route; percentiles from the instances\' histograms added up (within 9 %).'),
      this.error, el('table', { class: 'grid list' }, this.head, this.body), el('div', { class: 'pager' }, this.status));
  }

  async start() {
    this.renderHead();
    await this.bar.start();
    this.load();
  }

  dispose() { this.seq = -1; }

  async load() {
    const seq = (this.seq = (this.seq || 0) + 1), s = fleetState;
    this.element.classList.add('loading');
    try {
      const data = await getJson('api/fleet/endpoints', { service: s.service, version: s.version, ...periodParams(s) });
      if (seq !== this.seq) return;
      this.items = data.items || [];
      this.error.hidden = true;
      this.renderRows();
      this.status.textContent = `${count(this.items.length)} endpoints`;
    } catch (e) {
      if (seq !== this.seq) return;
      this.error.textContent = e.message;
      this.error.hidden = false;
    } finally {
      if (seq === this.seq) { this.element.classList.remove('loading'); this.element.dataset.loaded = String(seq); }
    }
  }

  sortBy(key) {
    if (endpointSort.sort === key) endpointSort.order = endpointSort.order === 'asc' ? 'desc' : 'asc';
    else { endpointSort.sort = key; endpointSort.order = key === 'route' ? 'asc' : 'desc'; }
    this.renderHead();
    this.renderRows();
  }

  renderHead() {
    const s = endpointSort, f = (k) => this.sortBy(k);
    clear(this.head).append(el('tr', null, el('th', null, 'Method'), sortHeader('Route', 'route', s, f),
      sortHeader('Requests', 'requests', s, f, true), sortHeader('Failed', 'failed', s, f, true), sortHeader('Mean', 'mean', s, f, true),
      sortHeader('p50', 'p50', s, f, true), sortHeader('p95', 'p95', s, f, true), sortHeader('p99', 'p99', s, f, true),
      sortHeader('Max', 'max', s, f, true), sortHeader('Instances', 'instances', s, f, true), el('th', null, '')));
  }

  renderRows() {
    const key = ENDPOINT_SORTS[endpointSort.sort], dir = endpointSort.order === 'asc' ? 1 : -1;
    const items = [...(this.items || [])].sort((a, b) => {
      const x = key(a), y = key(b);
      return (x < y ? -1 : x > y ? 1 : 0) * dir || a.route.localeCompare(b.route);
    });
    const frag = document.createDocumentFragment();
    for (const it of items) {
      const requests = () => {
        Object.assign(fleetState, { route: it.route, method: it.method, offset: 0 });
        window.location.hash = '#/fleet';
      };
      const compare = () => {
        fleetCompare.endpoint = it.key;
        window.location.hash = '#/fleet/compare';
      };
      frag.append(el('tr', { dataset: { key: it.key } }, el('td', null, it.method),
        el('td', { class: 'path' }, el('button', { type: 'button', class: 'linkish', title: 'its kept requests', on: { click: requests } }, it.route)),
        el('td', { class: 'num' }, count(it.requests)), el('td', { class: 'num' + (it.failed ? ' s5' : '') }, count(it.failed)),
        el('td', { class: 'num' }, ms(it.meanMs)), el('td', { class: 'num' }, ms(it.p50Ms)), el('td', { class: 'num' }, ms(it.p95Ms)),
        el('td', { class: 'num' }, ms(it.p99Ms)), el('td', { class: 'num' }, ms(it.maxMs)), el('td', { class: 'num' }, count(it.instances)),
        el('td', null, el('button', { type: 'button', class: 'compare-link', on: { click: compare } }, 'Compare…'))));
    }
    if (!items.length) frag.append(el('tr', null, el('td', { colspan: '11', class: 'muted empty' }, 'No requests in this period.')));
    clear(this.body).append(frag);
  }
}

/** What the compare view was last asked, kept across navigation. */
export const fleetCompare = { endpoint: '', mode: 'periods', aFrom: '', aTo: '', bFrom: '', bTo: '', aVersion: '', bVersion: '', all: false };
