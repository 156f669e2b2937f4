// One request (#/profile/{id}) or one endpoint (#/endpoint/{key}): flame graph, icicle, sunburst, call tree,
// hot lines, functions, details.
import { el, clear } from './dom.js';
import { getJson, profileUrl, fleetProfileUrl, endpointUrl, downloadUrl, speedscopeUrl, FORMATS } from './api.js';
import { ProfileModel } from './model.js';
import { FlameView } from './flame.js';
import { SunburstView } from './sunburst.js';
import { CallTreeView } from './calltree.js';
import { HotLinesView } from './hotlines.js';
import { FunctionTableView } from './functions.js';
import { ms, ns, time, count } from './format.js';

const TABS = [['flame', 'Flame graph'], ['icicle', 'Icicle'], ['sunburst', 'Sunburst'], ['tree', 'Call tree'],
  ['lines', 'Hot lines'], ['functions', 'Functions'], ['details', 'Details']];
let lastTab = 'flame';

export class ProfilePage {
  constructor(target) {
    this.target = target;
    this.element = el('section', { class: 'profile-page', dataset: { state: 'loading' } }, el('p', { class: 'muted' }, 'Loading profile…'));
  }

  async start() {
    const t = this.target;
    let json, endpoint;
    try {
      if (t.kind === 'profile') json = await getJson(profileUrl(t.id));
      else if (t.kind === 'fleet') json = await getJson(fleetProfileUrl(t.id));
      else { const data = await getJson(endpointUrl(t.key)); json = data.profile; endpoint = data.endpoint; }
    } catch (e) {
      if (this.disposed) return;
      clear(this.element).append(el('p', { class: 'error' }, e.message), el('a', { href: this.backHref() }, 'Back to the requests'));
      this.element.dataset.state = 'error';
      return;
    }
    if (this.disposed) return;
    performance.mark('hotline:profile-loaded');
    this.model = new ProfileModel(json);
    this.endpoint = endpoint;
    this.render();
  }

  dispose() { this.disposed = true; }

  backHref() { return this.target.kind === 'fleet' ? '#/fleet' : this.endpoint ? '#/endpoints' : '#/'; }

  render() {
    const m = this.model, r = m.json.request || {};
    const views = {};
    const t = this.target;
    const loadSource = () => getJson(t.kind === 'profile' ? profileUrl(t.id, '/source')
      : t.kind === 'fleet' ? fleetProfileUrl(t.id, '/source') : endpointUrl(t.key, '/source'));
    const onFlameDrawn = () => {
      if (this.firstDrawn) return;
      this.firstDrawn = true;
      performance.mark('hotline:flame-drawn');
      try { performance.measure('hotline:navigate-to-flame', 'hotline:navigate', 'hotline:flame-drawn'); } catch (e) { /* no start mark */ }
      this.element.dataset.state = 'drawn';
    };
    const make = {
      flame: () => new FlameView(m, 'flame', onFlameDrawn),
      icicle: () => new FlameView(m, 'icicle', onFlameDrawn),
      sunburst: () => new SunburstView(m),
      tree: () => new CallTreeView(m),
      lines: () => new HotLinesView(m, loadSource),
      functions: () => new FunctionTableView(m),
      details: () => ({ element: this.details(), draw() {} }),
    };
    const panels = el('div', { class: 'panels' });
    const tabButtons = TABS.map(([key, label]) => el('button', { type: 'button', role: 'tab', class: 'tab', dataset: { tab: key },
      on: { click: () => show(key) } }, label));
    const show = (key) => {
      lastTab = key;
      for (const b of tabButtons) b.setAttribute('aria-selected', String(b.dataset.tab === key));
      for (const p of panels.children) p.hidden = p.dataset.tab !== key;
      if (!views[key]) {
        views[key] = make[key]();
        panels.append(el('div', { class: 'panel', role: 'tabpanel', dataset: { tab: key } }, views[key].element));
      }
      views[key].draw();
    };

    const title = this.endpoint
      ? [el('span', { class: 'method' }, this.endpoint.method), ' ', el('span', { class: 'path' }, this.endpoint.route)]
      : [el('span', { class: 'method' }, r.method), ' ', el('span', { class: 'path' }, r.path),
        r.query ? el('span', { class: 'muted' }, '?' + r.query) : null];
    const summary = this.endpoint
      ? [['requests', count(this.endpoint.count)], ['kept', count(this.endpoint.kept)], ['failed', count(this.endpoint.failed)],
        ['p50', ms(this.endpoint.p50Ms)], ['p95', ms(this.endpoint.p95Ms)], ['p99', ms(this.endpoint.p99Ms)],
        ['max', ms(this.endpoint.maxMs)], ['samples', count(m.json.sampleCount)], ['last', time(this.endpoint.lastStart)]]
      : [['status', String(r.status)], ['duration', ns(r.durationNs)], ['samples', count(m.json.sampleCount)],
        ['engine', m.json.engine], ['started', time(r.start)], ['kept because', m.json.keptBecause || '–']];
    if (!this.endpoint && r.traceId) summary.push(['trace', el('a', { class: 'trace-id', href: '#/trace/' + encodeURIComponent(r.traceId), title: 'Every profiled request of this trace' }, r.traceId)]);
    const meta = this.target.meta;
    if (meta) summary.unshift(['service', meta.service], ['instance', meta.instance], ['version', meta.version || '–']);
    const notes = (m.json.notes || []);
    clear(this.element).append(...[
      el('div', { class: 'crumbs' }, el('a', { href: this.backHref() }, this.endpoint ? '‹ Endpoints' : t.kind === 'fleet' ? '‹ Fleet' : '‹ Requests')),
      el('h1', { class: 'profile-title' }, title),
      el('dl', { class: 'summary' }, summary.map(([k, v]) => el('div', null, el('dt', null, k), el('dd', null, v)))),
      this.endpoint ? el('p', { class: 'muted' }, this.endpoint.sampled
        ? 'The views below add up every sampled request of this endpoint, kept or not.'
        : 'The views below show the merged profile of this endpoint\'s stored requests.') : null,
      notes.length ? el('ul', { class: 'notes' }, notes.map((n) => el('li', null, n))) : null,
      this.endpoint ? null : this.links(r),
      el('div', { class: 'tabs', role: 'tablist' }, tabButtons),
      panels].filter(Boolean));
    this.element.dataset.state = 'ready';
    show(make[lastTab] ? lastTab : 'flame');
  }

  links(r) {
    // The id the page was opened with: the one its API knows the profile by.
    const id = this.target.id || this.model.json.id, fleet = this.target.kind === 'fleet';
    return el('div', { class: 'links' },
      el('a', { class: 'button speedscope', href: speedscopeUrl(id, fleet), target: '_blank', rel: 'noopener noreferrer' }, 'Open in speedscope'),
      el('span', { class: 'muted' }, ' Download: '),
      FORMATS.map((f) => el('a', { class: 'download', href: downloadUrl(id, f, fleet), download: '', dataset: { format: f } }, f)));
  }

  details() {
    const j = this.model.json, r = j.request || {}, s = j.sampling || {};
    const rows = this.endpoint
      ? [['Endpoint', this.endpoint.method + ' ' + this.endpoint.route], ['Requests', count(this.endpoint.count)]]
      : [['Id', j.id], ['Method', r.method], ['Path', r.path], ['Query', r.query ?? '–'], ['Status', String(r.status)],
        ['Started', r.start], ['Duration', ns(r.durationNs)], ['Error', r.error ?? '–'],
        ['Trace id', r.traceId ?? '–'], ['Span id', r.spanId ?? '–']];
    rows.push(['Engine', j.engine], ['Interval', ns(j.intervalNs)], ['Samples', count(j.sampleCount)],
      ['Sampled time', ns(s.sampledNs ?? this.model.rootTotal)], ['Effective interval', ns(s.effectiveIntervalNs)],
      ['Budget limited', s.budgetLimited ? 'yes' : 'no'], ['Threads', (j.threads || []).join(', ') || '–'],
      ['Call tree nodes', count(this.model.size)], ['Frames', count(this.model.frameCount)]);
    const notes = j.notes || [];
    return el('div', { class: 'details' },
      el('table', { class: 'grid kv' }, el('tbody', null, rows.map(([k, v]) => el('tr', null, el('th', null, k), el('td', null, v))))),
      el('h3', null, 'Notes'),
      notes.length ? el('ul', { class: 'notes' }, notes.map((n) => el('li', null, n))) : el('p', { class: 'muted' }, 'None.'));
  }
}
