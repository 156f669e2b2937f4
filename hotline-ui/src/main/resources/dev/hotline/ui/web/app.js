// The results page: hash routes #/ (requests), #/endpoints, #/profile/{id}, #/endpoint/{key}.
import { el, clear } from './dom.js';
import { RequestListView, EndpointListView } from './lists.js';
import { ProfilePage } from './profile.js';

const main = document.getElementById('main');
let current = null;

function route() {
  if (current && current.dispose) current.dispose();
  performance.mark('hotline:navigate');
  const hash = window.location.hash || '#/';
  let m;
  clear(main);
  document.getElementById('nav-requests').classList.toggle('active', hash === '#/' || hash.startsWith('#/profile/'));
  document.getElementById('nav-endpoints').classList.toggle('active', hash.startsWith('#/endpoint'));
  if ((m = /^#\/profile\/([^/?#]+)$/.exec(hash))) current = new ProfilePage({ kind: 'profile', id: decodeURIComponent(m[1]) });
  else if ((m = /^#\/endpoint\/([^/?#]+)$/.exec(hash))) current = new ProfilePage({ kind: 'endpoint', key: decodeURIComponent(m[1]) });
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
