// Hot lines with their source code: per method, one row per source line, a bar per line. The application's
// methods come first and alone; a switch shows library code too.
import { el, clear } from './dom.js';
import { ns, pct, count } from './format.js';

export class HotLinesView {
  /** loadSource: () => Promise of the API's {methods:[...]} */
  constructor(model, loadSource) {
    this.model = model;
    this.loadSource = loadSource;
    this.element = el('div', { class: 'hotlines' }, el('p', { class: 'muted' }, 'Loading source…'));
  }

  async draw() {
    if (this.started) return;
    this.started = true;
    let source;
    try {
      source = await this.loadSource();
    } catch (e) {
      source = { methods: [], error: e.message };
    }
    this.source = source;
    this.render(source);
  }

  render(source) {
    if (this.showAll === undefined) this.showAll = false;
    const m = this.model;
    const lines = m.json.lines || [];
    const sampled = m.sampledNs || 1;
    const exact = lines.some((l) => typeof l.hits === 'number' && l.hits >= 0);
    const hasMax = lines.some((l) => typeof l.maxNs === 'number' && l.maxNs >= 0);
    const byMethod = new Map();
    for (const l of lines) {
      const key = l.class + '\u0000' + l.method;
      if (!byMethod.has(key)) byMethod.set(key, new Map());
      byMethod.get(key).set(l.line, l);
    }
    clear(this.element);
    this.element.dataset.exact = String(exact);
    if (source.error) this.element.append(el('p', { class: 'error' }, 'Source not available: ' + source.error));
    const all = source.methods && source.methods.length ? source.methods
      : topMethods(lines).map(([cls, method]) => ({ class: cls, method, found: false, lines: [] }));
    for (const sm of all) if (typeof sm.app !== 'boolean') sm.app = !m.isLibraryClass(sm.class);
    // The application's methods first, in the API's order (hottest first) within each group.
    const ordered = all.filter((x) => x.app).concat(all.filter((x) => !x.app));
    const appCount = ordered.filter((x) => x.app).length;
    const methods = this.showAll || appCount === 0 ? ordered : ordered.filter((x) => x.app);
    const toggle = el('input', { type: 'checkbox', class: 'show-all', on: { change: () => { this.showAll = toggle.checked; this.render(this.source); } } });
    toggle.checked = !!this.showAll;
    this.element.append(el('div', { class: 'toolbar' },
      el('label', null, toggle, ' Show library code too'),
      el('span', { class: 'muted' }, appCount === 0
        ? 'No application code in this profile: every method is shown.'
        : `${appCount} application method${appCount === 1 ? '' : 's'}` + (this.showAll ? `, then ${ordered.length - appCount} more` : '')
          + (m.appPackages ? ' (' + m.appPackages.join(', ') + ')' : ''))));
    if (!methods.length) { this.element.append(el('p', { class: 'muted' }, 'No lines in this profile.')); return; }
    for (const sm of methods) {
      const profileLines = byMethod.get(sm.class + '\u0000' + sm.method) || new Map();
      let methodTotal = 0;
      for (const l of profileLines.values()) methodTotal = Math.max(methodTotal, l.totalNs);
      const head = ['Line'];
      if (exact) head.push('Hits');
      head.push('Time', 'Self');
      if (exact) head.push('Per hit');
      if (hasMax) head.push('Max');
      head.push('% Time', '', 'Code');
      const tbody = el('tbody');
      const rows = [];
      if (sm.found && Array.isArray(sm.lines)) {
        sm.lines.forEach((text, i) => rows.push([sm.firstLine + i, text]));
        // Lines of the profile outside the source excerpt still show, without code.
        for (const n of profileLines.keys()) if (n < sm.firstLine || n >= sm.firstLine + sm.lines.length) rows.push([n, null]);
        rows.sort((a, b) => a[0] - b[0]);
      } else {
        for (const n of [...profileLines.keys()].sort((a, b) => a - b)) rows.push([n, null]);
      }
      for (const [n, text] of rows) {
        const l = profileLines.get(n);
        const cells = [el('td', { class: 'num lineno' }, n >= 0 ? String(n) : '?')];
        if (exact) cells.push(el('td', { class: 'num' }, l && l.hits >= 0 ? count(l.hits) : ''));
        cells.push(el('td', { class: 'num' }, l ? ns(l.totalNs) : ''));
        cells.push(el('td', { class: 'num' }, l ? ns(l.selfNs) : ''));
        if (exact) cells.push(el('td', { class: 'num' }, l && l.hits > 0 ? ns(Math.round(l.totalNs / l.hits)) : ''));
        if (hasMax) cells.push(el('td', { class: 'num' }, l && l.maxNs >= 0 ? ns(l.maxNs) : ''));
        cells.push(el('td', { class: 'num' }, l ? pct(l.totalNs, sampled) : ''));
        const bar = el('span', { class: 'line-bar' });
        if (l) bar.style.width = Math.max(1, Math.round((120 * l.totalNs) / sampled)) + 'px';
        const selfBar = el('span', { class: 'line-bar self' });
        if (l) selfBar.style.width = Math.round((120 * l.selfNs) / sampled) + 'px';
        cells.push(el('td', { class: 'bar-cell' }, bar, selfBar));
        cells.push(el('td', { class: 'code' }, text === null ? el('span', { class: 'muted' }, '(no source)') : text));
        tbody.append(el('tr', { class: l ? 'hot' : '' }, cells));
      }
      const title = el('h3', null, sm.class + '.' + sm.method,
        el('span', { class: 'muted' }, '  ' + (sm.file || '') + (methodTotal ? '  ·  ' + pct(methodTotal, sampled) + ' of the request' : '')));
      this.element.append(el('section', { class: 'hot-method' + (sm.app ? ' app' : ' lib'), dataset: { found: String(!!sm.found), app: String(!!sm.app) } },
        title,
        sm.found ? null : el('p', { class: 'muted' }, 'Source not found: lines from the profile only.'),
        el('table', { class: 'lines' }, el('thead', null, el('tr', null, head.map((h) => el('th', { class: h === 'Code' || h === '' ? '' : 'num' }, h)))), tbody)));
    }
  }
}

function topMethods(lines) {
  const seen = new Map();
  for (const l of lines) {
    const k = l.class + '\u0000' + l.method;
    if (!seen.has(k)) seen.set(k, [l.class, l.method]);
    if (seen.size >= 200) break;
  }
  return [...seen.values()];
}
