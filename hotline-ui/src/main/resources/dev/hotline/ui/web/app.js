// The results page: hash routes #/ (requests), #/endpoints, #/profile/{id}, #/endpoint/{key}, #/trace/{traceId}
// (the profile of the request of that distributed trace, or the list of them); with a fleet store #/fleet,
// #/fleet/endpoints, #/fleet/compare, #/fleet/profile/{id}.
import { el, clear } from './dom.js';
import { RequestListView, EndpointListView } from './lists.js';
import { ProfilePage } from './profile.js';
import { FleetRequestsView, FleetEndpointsView, facets, fleetMeta, fleetState } from './fleet.js';
import { CompareView } from './compare.js';
import { getJson } from './api.js';
import { count } from './format.js';

const main = document.getElementById('main');
let current = null;

// Jaeger shows trace ids without their leading zeros (0af7…c as af7…c): pad them back to the 32 digits stored.
function traceId(text) {
  const t = text.trim().toLowerCase();
  return /^[0-9a-f]{1,31}$/.test(t) ? t.padStart(32, '0') : t;
}

/**
 * #/trace/{id}: with a fleet store, the fleet's requests of that trace (whichever instance served them, any time);
 * otherwise this JVM's.
 */
class TraceRoute {
  constructor(id) {
    this.id = id;
    this.element = el('div');
    this.inner = null;
  }

  async start() {
    const f = await facets();
    if (f.on) {
      Object.assign(fleetState, { trace: this.id, period: '', offset: 0, service: '', instance: '', version: '', route: '',
        method: '', path: '', status: '', minMs: '' });
      window.location.replace('#/fleet');
      return;
    }
    this.inner = new RequestListView(this.id);
    this.element.append(this.inner.element);
    this.inner.start();
  }

  dispose() {
    if (this.inner && this.inner.dispose) this.inner.dispose();
  }
}

function route() {
  if (current && current.dispose) current.dispose();
  performance.mark('hotline:navigate');
  const hash = window.location.hash || '#/';
  let m;
  clear(main);
  document.getElementById('nav-requests').classList.toggle('active', hash === '#/' || hash.startsWith('#/profile/') || hash.startsWith('#/trace/'));
  document.getElementById('nav-endpoints').classList.toggle('active', hash.startsWith('#/endpoint'));
  document.getElementById('nav-fleet').classList.toggle('active', hash.startsWith('#/fleet'));
  if ((m = /^#\/profile\/([^/?#]+)$/.exec(hash))) current = new ProfilePage({ kind: 'profile', id: decodeURIComponent(m[1]) });
  else if ((m = /^#\/fleet\/profile\/([^/?#]+)$/.exec(hash))) {
    const id = decodeURIComponent(m[1]);
    current = new ProfilePage({ kind: 'fleet', id, meta: fleetMeta.get(id) });
  } else if (hash === '#/fleet') current = new FleetRequestsView();
  else if (hash === '#/fleet/endpoints') current = new FleetEndpointsView();
  else if (hash === '#/fleet/compare') current = new CompareView();
  else if ((m = /^#\/endpoint\/([^/?#]+)$/.exec(hash))) current = new ProfilePage({ kind: 'endpoint', key: decodeURIComponent(m[1]) });
  else if ((m = /^#\/trace\/([^/?#]+)$/.exec(hash))) current = new TraceRoute(traceId(decodeURIComponent(m[1])));
  else if (hash === '#/endpoints') current = new EndpointListView();
  else if (hash === '#/' || hash === '#' || hash === '') current = new RequestListView();
  else {
    current = null;
    main.append(el('p', { class: 'error' }, 'Unknown page. '), el('a', { href: '#/' }, 'Back to the requests'));
    return;
  }
  main.append(current.element);
  current.start();
}

window.addEventListener('hashchange', route);
route();

// The Fleet link, when a fleet store is configured.
facets().then((f) => { document.getElementById('nav-fleet').hidden = !f.on; });

// The status line: the running profiler's engine, keep rate and counters (what was sampled, kept, not kept, dropped).
const statusLine = document.getElementById('status');
async function refreshStatus() {
  if (document.hidden) return;
  try {
    const s = await getJson('api/status');
    if (!s.live) { statusLine.textContent = (await facets()).on ? 'fleet store' : 'profile directory'; return; }
    const parts = [`${s.engine} every ${s.intervalMs} ms`, `keep ${s.keepRate === 'all' ? 'all' : s.keepRate + '/s'}`,
      `sampled ${count(s.sampled)}`, `kept ${count(s.kept)}`, `not kept ${count(s.notKept)}`, `dropped ${count(s.dropped)}`];
    if (s.pending) parts.push(`pending ${count(s.pending)}`);
    if (s.fileFailures) parts.push(`file failures ${count(s.fileFailures)}`);
    const f = s.fleet;
    if (f) {
      // The fleet store as this instance writes to it: unreachable and waiting, or how far behind.
      parts.push(f.reachable ? `store: ${count(f.profilesWritten)} written` + (f.backlog ? `, ${count(f.backlog)} waiting` : '')
        : `store unreachable: ${count(f.backlog)} waiting`);
      if (f.dropped) parts.push(`store dropped ${count(f.dropped)}`);
    }
    statusLine.textContent = parts.join(' · ');
    const titles = [];
    if (s.engineFallback) titles.push('engine: ' + s.engineFallback);
    if (f) titles.push(`fleet store: service ${f.service}, instance ${f.instance}` + (f.version ? `, version ${f.version}` : '')
      + `; outages ${f.outages}, recoveries ${f.recoveries}, rejected ${f.rejected}`);
    statusLine.title = titles.join('\n');
    statusLine.classList.toggle('warn', s.dropped > 0 || s.fileFailures > 0 || !!s.engineFallback || (f && (!f.reachable || f.dropped > 0)));
    for (const [k, v] of Object.entries(s)) if (typeof v === 'number') statusLine.dataset[k] = String(v);
  } catch (e) {
    statusLine.textContent = '';
  }
}
refreshStatus();
setInterval(refreshStatus, 5000);
