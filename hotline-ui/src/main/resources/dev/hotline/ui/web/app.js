// The results page: hash routes #/ (requests), #/endpoints, #/profile/{id}, #/endpoint/{key}, and #/trace/{traceId}
// (the profile of the request of that distributed trace, or the list of them when there are several).
import { el, clear } from './dom.js';
import { RequestListView, EndpointListView } from './lists.js';
import { ProfilePage } from './profile.js';
import { getJson } from './api.js';
import { count } from './format.js';

const main = document.getElementById('main');
let current = null;

// Jaeger shows trace ids without their leading zeros (0af7…c as af7…c): pad them back to the 32 digits stored.
function traceId(text) {
  const t = text.trim().toLowerCase();
  return /^[0-9a-f]{1,31}$/.test(t) ? t.padStart(32, '0') : t;
}

function route() {
  if (current && current.dispose) current.dispose();
  performance.mark('hotline:navigate');
  const hash = window.location.hash || '#/';
  let m;
  clear(main);
  document.getElementById('nav-requests').classList.toggle('active', hash === '#/' || hash.startsWith('#/profile/') || hash.startsWith('#/trace/'));
  document.getElementById('nav-endpoints').classList.toggle('active', hash.startsWith('#/endpoint'));
  if ((m = /^#\/profile\/([^/?#]+)$/.exec(hash))) current = new ProfilePage({ kind: 'profile', id: decodeURIComponent(m[1]) });
  else if ((m = /^#\/endpoint\/([^/?#]+)$/.exec(hash))) current = new ProfilePage({ kind: 'endpoint', key: decodeURIComponent(m[1]) });
  else if ((m = /^#\/trace\/([^/?#]+)$/.exec(hash))) current = new RequestListView(traceId(decodeURIComponent(m[1])));
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

// The status line: the running profiler's engine, keep rate and counters (what was sampled, kept, not kept, dropped).
const statusLine = document.getElementById('status');
async function refreshStatus() {
  if (document.hidden) return;
  try {
    const s = await getJson('api/status');
    if (!s.live) { statusLine.textContent = 'profile directory'; return; }
    const parts = [`${s.engine} every ${s.intervalMs} ms`, `keep ${s.keepRate === 'all' ? 'all' : s.keepRate + '/s'}`,
      `sampled ${count(s.sampled)}`, `kept ${count(s.kept)}`, `not kept ${count(s.notKept)}`, `dropped ${count(s.dropped)}`];
    if (s.pending) parts.push(`pending ${count(s.pending)}`);
    if (s.fileFailures) parts.push(`file failures ${count(s.fileFailures)}`);
    statusLine.textContent = parts.join(' · ');
    statusLine.title = s.engineFallback ? 'engine: ' + s.engineFallback : '';
    statusLine.classList.toggle('warn', s.dropped > 0 || s.fileFailures > 0 || !!s.engineFallback);
    for (const [k, v] of Object.entries(s)) if (typeof v === 'number') statusLine.dataset[k] = String(v);
  } catch (e) {
    statusLine.textContent = '';
  }
}
refreshStatus();
setInterval(refreshStatus, 5000);
