// #/fleet/compare: one endpoint in two periods (before and after a deploy) or two versions, line by line, as
// `hotline diff` shows it: the largest change of the time per request first, new and vanished lines marked.
import { el, clear } from './dom.js';
import { getJson } from './api.js';
import { FleetBar, fleetState, fleetCompare, periodParams, select, isoOf, localOf, facets, fleetTop } from './fleet.js';
import { ms, count } from './format.js';

const HOUR = 3600e3;

function signedMs(v) {
  if (v === 0) return '±0 ms';
  return (v > 0 ? '+' : '−') + ms(Math.abs(v));
}

function ratio(r, change) {
  if (change === 'new') return 'new';
  if (change === 'vanished') return 'gone';
  if (r === null || r === undefined) return '–';
  return r >= 100 ? r.toFixed(0) + '×' : r.toFixed(2) + '×';
}

function pct(v) {
  return v === null || v === undefined ? '–' : (v >= 10 ? v.toFixed(0) : v.toFixed(1)) + ' %';
}

export class CompareView {
  constructor() {
    const c = fleetCompare;
    if (!c.aFrom) this.preset(HOUR);
    this.bar = new FleetBar('compare', ['service', 'period'], () => { this.renderForm(); this.loadEndpoints(); });
    this.endpointSelect = el('select', { name: 'endpoint', 'aria-label': 'endpoint', on: { change: (e) => { c.endpoint = e.target.value; } } });
    this.form = el('div', { class: 'compare-form' });
    this.result = el('div', { class: 'compare-result' });
    this.error = el('p', { class: 'error', hidden: true });
    this.element = el('section', { class: 'compare-view', dataset: { state: 'idle' } },
      fleetTop(this.bar), this.bar.element, this.form, this.error, this.result);
  }

  async start() {
    await this.bar.start();
    this.facets = await facets();
    this.renderForm();
    await this.loadEndpoints();
    if (fleetCompare.endpoint) this.run();
  }

  dispose() { this.seq = -1; }

  /** A is the period before B; B ends now and lasts `span`. */
  preset(span) {
    const now = Date.now();
    Object.assign(fleetCompare, { aFrom: localOf(new Date(now - 2 * span)), aTo: localOf(new Date(now - span)),
      bFrom: localOf(new Date(now - span)), bTo: '' });
  }

  async loadEndpoints() {
    const c = fleetCompare, s = fleetState;
    let items = [];
    try {
      items = (await getJson('api/fleet/endpoints', { service: s.service, ...periodParams(s) })).items || [];
    } catch (e) {
      this.showError(e.message);
    }
    const options = items.map((it) => [it.key, `${it.method} ${it.route} (${count(it.requests)})`]);
    // The endpoint asked for stays, even when the period shows no figures for it.
    if (c.endpoint && !items.some((it) => it.key === c.endpoint)) options.unshift([c.endpoint, this.labelOf(c.endpoint)]);
    if (!options.length) options.push(['', 'No endpoints in this period: widen it']);
    clear(this.endpointSelect).append(...options.map(([v, t]) => el('option', { value: v }, t)));
    if (c.endpoint) this.endpointSelect.value = c.endpoint;
    else c.endpoint = this.endpointSelect.value;
  }

  /** METHOD route of a plain key (base64url), for an endpoint not in the list. */
  labelOf(key) {
    try {
      return new TextDecoder().decode(Uint8Array.from(atob(key.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0)));
    } catch (e) {
      return key;
    }
  }

  renderForm() {
    const c = fleetCompare, f = this.facets || {};
    const versions = [...new Set((f.instances || []).filter((i) => !fleetState.service || i.service === fleetState.service)
      .map((i) => i.version).filter((v) => v))];
    if (!c.aVersion && versions.length > 1) { c.aVersion = versions[1]; c.bVersion = versions[0]; }
    const mode = (value, label) => {
      const input = el('input', { type: 'radio', name: 'mode', value, on: { change: () => { c.mode = value; this.renderForm(); } } });
      input.checked = c.mode === value;
      return el('label', null, input, ' ', label);
    };
    const when = (k, label) => el('input', { type: 'datetime-local', name: k, value: c[k], 'aria-label': label,
      on: { change: (e) => { c[k] = e.target.value; } } });
    const presetButton = (label, span) => el('button', { type: 'button', class: 'preset', on: { click: () => { this.preset(span); this.renderForm(); this.run(); } } }, label);
    const sides = c.mode === 'periods'
      ? [el('div', { class: 'side' }, el('span', { class: 'side-name' }, 'A'), when('aFrom', 'A from'), '–', when('aTo', 'A to')),
        el('div', { class: 'side' }, el('span', { class: 'side-name' }, 'B'), when('bFrom', 'B from'), '–', when('bTo', 'B to'),
          el('span', { class: 'muted' }, '(empty: now)')),
        el('div', { class: 'side' }, presetButton('Hour before vs last hour', HOUR), presetButton('Day before vs last 24 h', 24 * HOUR))]
      : [el('div', { class: 'side' }, el('span', { class: 'side-name' }, 'A'),
        select('aVersion', 'version A', versions.map((v) => [v, v]), c.aVersion, (v) => { c.aVersion = v; }),
        el('span', { class: 'side-name' }, 'B'),
        select('bVersion', 'version B', versions.map((v) => [v, v]), c.bVersion, (v) => { c.bVersion = v; }),
        el('span', { class: 'muted' }, 'each version\'s newest kept requests')) ];
    const all = el('input', { type: 'checkbox', name: 'all', on: { change: (e) => { c.all = e.target.checked; } } });
    all.checked = c.all;
    clear(this.form).append(
      el('div', { class: 'side' }, el('label', null, 'Endpoint ', this.endpointSelect), mode('periods', 'two periods'), mode('versions', 'two versions')),
      ...sides,
      el('div', { class: 'side' }, el('label', null, all, ' library code too'),
        el('button', { type: 'button', class: 'run primary', on: { click: () => this.run() } }, 'Compare')));
  }

  showError(message) {
    this.error.textContent = message;
    this.error.hidden = !message;
  }

  async run() {
    const c = fleetCompare, seq = (this.seq = (this.seq || 0) + 1);
    const params = { service: fleetState.service, endpoint: c.endpoint, all: c.all ? 'true' : '' };
    if (c.mode === 'periods') Object.assign(params, { aFrom: isoOf(c.aFrom), aTo: isoOf(c.aTo), bFrom: isoOf(c.bFrom), bTo: isoOf(c.bTo) });
    else Object.assign(params, { aVersion: c.aVersion, bVersion: c.bVersion });
    this.element.dataset.state = 'loading';
    try {
      const data = await getJson('api/fleet/compare', params);
      if (seq !== this.seq) return;
      this.showError('');
      this.render(data);
      this.element.dataset.state = 'done';
    } catch (e) {
      if (seq !== this.seq) return;
      this.showError(e.message);
      clear(this.result);
      this.element.dataset.state = 'error';
    }
  }

  render(d) {
    const sideText = (name, s) => {
      const what = s.version ? 'version ' + s.version : 'period';
      return `${name} (${what}): ${count(s.profiles)} kept request${s.profiles === 1 ? '' : 's'}` + (s.profiles ? `, ${ms(s.meanSampledMs)} sampled each` : '');
    };
    const a = d.a, b = d.b, parts = [];
    parts.push(el('h2', { class: 'compare-title' }, el('span', { class: 'method' }, d.endpoint.method), ' ', el('span', { class: 'path' }, d.endpoint.route)));
    const delta = b.meanSampledMs - a.meanSampledMs;
    parts.push(el('p', { class: 'compare-sides' }, sideText('A', a), el('br'), sideText('B', b),
      a.profiles && b.profiles ? el('span', { class: delta > 0 ? 'up' : delta < 0 ? 'down' : '' }, `  (${signedMs(delta)} per request)`) : null));
    if (!a.profiles || !b.profiles) {
      parts.push(el('p', { class: 'muted empty-side' }, `${!a.profiles ? 'A' : 'B'} has no kept requests of this endpoint: widen its period or pick another version.`));
    } else {
      parts.push(el('p', { class: 'muted' }, `Each side merges its newest kept requests (at most ${count(d.maxMerged)}); times are per request, `
        + 'with the line on the stack (callees included).' + (d.all ? '' : ' Application code only.')));
      parts.push(this.table('Lines', d.lines, d.linesTotal, true), this.table('Methods', d.methods, d.methodsTotal, false));
    }
    clear(this.result).append(...parts);
  }

  table(title, entries, total, lines) {
    const rows = entries.map((e) => {
      const where = lines ? `${e.file || '?'}:${e.line > 0 ? e.line : '?'}` : (e.file || '?');
      const cls = 'change-' + e.change + (e.app ? ' app' : '');
      return el('tr', { class: cls, dataset: { change: e.change } },
        el('td', { class: 'num delta ' + (e.deltaMs > 0 ? 'up' : e.deltaMs < 0 ? 'down' : '') }, signedMs(e.deltaMs)),
        el('td', { class: 'num' }, ratio(e.ratio, e.change)),
        el('td', { class: 'num' }, e.inA ? ms(e.meanMsA) : '–'), el('td', { class: 'num' }, e.inB ? ms(e.meanMsB) : '–'),
        el('td', { class: 'num' }, e.inA ? pct(e.pctA) : '–'), el('td', { class: 'num' }, e.inB ? pct(e.pctB) : '–'),
        el('td', { class: 'fn' }, `${e.class}.${e.method}`, el('span', { class: 'muted' }, '  ' + where),
          e.change === 'new' || e.change === 'vanished' ? el('span', { class: 'badge ' + e.change }, e.change) : null));
    });
    if (!rows.length) rows.push(el('tr', null, el('td', { colspan: '7', class: 'muted empty' }, 'Nothing to compare.')));
    return el('div', { class: 'compare-table', dataset: { kind: lines ? 'lines' : 'methods' } },
      el('h3', null, `${title}, largest change per request first (${count(entries.length)} of ${count(total)})`),
      el('table', { class: 'grid diff' },
        el('thead', null, el('tr', null, el('th', { class: 'num' }, 'Change'), el('th', { class: 'num' }, 'Ratio'),
          el('th', { class: 'num' }, 'A / request'), el('th', { class: 'num' }, 'B / request'), el('th', { class: 'num' }, '% of A'),
          el('th', { class: 'num' }, '% of B'), el('th', null, lines ? 'Line' : 'Method'))),
        el('tbody', null, rows)));
  }
}
