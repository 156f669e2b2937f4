// The JSON API under the page's base path (relative URLs: the page lives at <base>/).

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export async function getJson(path, params) {
  const url = new URL(path, document.baseURI);
  if (params) for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined) url.searchParams.set(k, v);
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    window.location.assign(new URL('login', document.baseURI).href);
    throw new ApiError(401, 'login required');
  }
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try { const body = await response.json(); if (body && body.error) message = body.error; } catch (e) { /* not JSON */ }
    throw new ApiError(response.status, message);
  }
  return response.json();
}

export const FORMATS = ['hotline', 'speedscope', 'collapsed', 'collapsed-lines', 'pprof', 'callgrind', 'html', 'pstats'];

export function profileUrl(id, suffix = '') {
  return new URL('api/profiles/' + encodeURIComponent(id) + suffix, document.baseURI).href;
}

export function endpointUrl(key, suffix = '') {
  return new URL('api/endpoints/' + encodeURIComponent(key) + suffix, document.baseURI).href;
}

/** A profile of the fleet store (api/fleet/profiles/{id}). */
export function fleetProfileUrl(id, suffix = '') {
  return new URL('api/fleet/profiles/' + encodeURIComponent(id) + suffix, document.baseURI).href;
}

export function downloadUrl(id, format, fleet = false) {
  return (fleet ? fleetProfileUrl : profileUrl)(id, '/download?format=' + encodeURIComponent(format));
}

/** speedscope loads a profile from #profileURL=<url>: the speedscope export of the same server. */
export function speedscopeUrl(id, fleet = false) {
  return new URL('speedscope/index.html', document.baseURI).href + '#profileURL=' + encodeURIComponent(downloadUrl(id, 'speedscope', fleet));
}
