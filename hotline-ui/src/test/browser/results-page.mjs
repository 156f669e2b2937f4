// The results page in real headless Chromium.
// Usage: node results-page.mjs BASE_URL [HOSTILE_PROFILE_ID]
//   BASE_URL: the page, e.g. http://127.0.0.1:8080/_hotline/
//   HOSTILE_PROFILE_ID: a stored profile whose path, query and frames carry HTML/script payloads.
import { openBrowser, check, assert, summary } from './browser.mjs';

const base = process.argv[2];
const hostileId = process.argv[3];
if (!base) { console.error('usage: node results-page.mjs BASE_URL [HOSTILE_PROFILE_ID]'); process.exit(2); }

const b = await openBrowser(base);
const { page, problems } = b;
page.setDefaultTimeout(15000);
let firstId;

try {
  await check('request list shows the stored requests', async () => {
    await page.goto(base);
    await page.waitForSelector('.list-view[data-loaded] tbody tr[data-id]');
    const total = Number(await page.getAttribute('.list-view', 'data-total'));
    assert(total >= 2, 'expected at least 2 requests, got ' + total);
    const headers = await page.$$eval('thead th', (ths) => ths.map((t) => t.textContent.replace(/[▲▼]/g, '').trim()));
    for (const h of ['Time', 'Method', 'Path', 'Status', 'Duration', 'Samples', 'Engine']) assert(headers.includes(h), 'missing column ' + h + ' in ' + headers);
  });

  await check('list sorts by duration on the server', async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('api/profiles?') && r.url().includes('sort=duration')),
      page.click('th[data-sort=duration]'),
    ]);
    const body = await response.json();
    await page.waitForFunction((n) => document.querySelectorAll('tbody tr[data-id]').length === n, body.items.length);
    const ids = await page.$$eval('tbody tr[data-id]', (rows) => rows.map((r) => r.dataset.id));
    assert(JSON.stringify(ids) === JSON.stringify(body.items.map((i) => i.id)), 'rows not in the order of the answer');
    const durations = body.items.map((i) => i.durationMs);
    assert(durations.every((d, i) => i === 0 || durations[i - 1] >= d), 'not sorted by duration descending: ' + durations);
    // A request of the app itself (its source is at hand), preferring /cpu.
    const own = body.items.filter((i) => i.id !== hostileId && i.samples >= 3 && i.samples < 5000);
    firstId = (own.find((i) => i.path === '/cpu') || own[0] || body.items[0]).id;
  });

  await check('filter by path text asks the server and shows only matching rows', async () => {
    const item = (await (await page.request.get(new URL('api/profiles?limit=1&sort=duration&order=desc', base).href)).json()).items[0];
    const fragment = item.path.slice(0, Math.min(item.path.length, 5));
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('api/profiles?') && r.url().includes('path=' + encodeURIComponent(fragment))),
      page.fill('input[name=path]', fragment),
    ]);
    await page.waitForFunction(() => !document.querySelector('.list-view').classList.contains('loading'));
    const paths = await page.$$eval('tbody tr[data-id] td.path a', (as) => as.map((a) => a.firstChild.textContent));
    assert(paths.length > 0 && paths.every((p) => p.includes(fragment)), 'unexpected rows for ' + fragment + ': ' + paths);
    await page.fill('input[name=path]', '');
    await page.waitForFunction(() => !document.querySelector('.list-view').classList.contains('loading'));
  });

  await check('opening a request draws its flame graph', async () => {
    await page.click(`tr[data-id="${firstId}"] a.path-link`);
    await page.waitForSelector('.profile-page[data-state=drawn]');
    const drawn = Number(await page.getAttribute('.panel[data-tab=flame] canvas', 'data-drawn-frames'));
    assert(drawn >= 3, 'drawn frames: ' + drawn);
    const colored = await page.$eval('.panel[data-tab=flame] canvas', (c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (!(d[i] > 250 && d[i + 1] > 250 && d[i + 2] > 250)) n++;
      return n;
    });
    assert(colored > 1000, 'canvas nearly blank: ' + colored + ' coloured pixels');
  });

  await check('clicking a frame zooms, reset zooms out', async () => {
    const canvas = await page.$('.panel[data-tab=flame] canvas');
    const box = await canvas.boundingBox();
    const before = Number(await canvas.getAttribute('data-drawn-frames'));
    // The first frame above the root, left edge: above the band of shared library frames when there is one.
    const band = (await canvas.getAttribute('data-collapsed')) === 'true' ? 1 : 0;
    await canvas.hover({ position: { x: 5, y: box.height - (1 + band) * 18 - 9 } });
    await page.waitForSelector('#tooltip:not([hidden])');
    const tip = await page.textContent('#tooltip');
    assert(/total .* ms/.test(tip) && /self /.test(tip) && /%/.test(tip), 'tooltip: ' + tip);
    // Zoom on a frame some levels up.
    // Where a frame stands depends on the profile's stacks: try a few places until one holds a frame.
    const rows = Math.floor(box.height / 18);
    let focus = '0';
    for (const up of [6, 5, 4, 3, 2]) {
      for (const x of [3, Math.floor(box.width / 4), Math.floor(box.width / 2)]) {
        if (focus !== '0') break;
        await canvas.click({ position: { x, y: box.height - Math.min(rows - 1, up + band) * 18 - 9 } });
        focus = await canvas.getAttribute('data-focus');
      }
    }
    assert(focus !== '0', 'focus still at the root');
    const after = Number(await canvas.getAttribute('data-drawn-frames'));
    assert(after <= before, `zoomed view draws ${after}, before ${before}`);
    await page.click('.panel[data-tab=flame] .flame-reset');
    assert((await canvas.getAttribute('data-focus')) === '0', 'reset did not go back to the root');
  });

  await check('search highlights matching frames', async () => {
    await page.fill('.panel[data-tab=flame] .flame-search', 'run');
    const info = await page.textContent('.panel[data-tab=flame] .match-info');
    assert(/matches: [1-9]/.test(info), 'match info: ' + info);
    const pink = await page.$eval('.panel[data-tab=flame] canvas', (c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] === 0xe0 && d[i + 1] === 0x40 && d[i + 2] === 0xa0) n++;
      return n;
    });
    assert(pink > 100, 'no highlighted pixels: ' + pink);
    await page.fill('.panel[data-tab=flame] .flame-search', '');
  });

  await check('icicle and sunburst draw', async () => {
    await page.click('button[data-tab=icicle]');
    const icicle = Number(await page.getAttribute('.panel[data-tab=icicle] canvas', 'data-drawn-frames'));
    assert(icicle >= 3, 'icicle frames ' + icicle);
    await page.click('button[data-tab=sunburst]');
    const arcs = Number(await page.getAttribute('.panel[data-tab=sunburst] canvas', 'data-drawn-arcs'));
    assert(arcs >= 3, 'sunburst arcs ' + arcs);
  });

  await check('call tree expands on click, library frames folded', async () => {
    await page.click('button[data-tab=tree]');
    await page.waitForSelector('.calltree .tree-row');
    // Closed rows keep their callees in the page, hidden: count what is shown.
    const visibleRows = () => page.$$eval('.calltree .tree-row', (r) => r.filter((x) => x.offsetParent !== null).length);
    let closed = await page.$('.calltree .tree-row[aria-expanded=false]');
    if (!closed) {
      // Every path of a small profile may start open: close the deepest open row first, then open it again.
      const open = await page.$$('.calltree .tree-row[aria-expanded=true]');
      assert(open.length > 0, 'no row to open or close');
      closed = open[open.length - 1];
      const rowsOpen = await visibleRows();
      await closed.click();
      const rowsClosed = await visibleRows();
      assert(rowsClosed < rowsOpen, `closing a row hid nothing: ${rowsOpen} rows, then ${rowsClosed}`);
      assert((await closed.getAttribute('aria-expanded')) === 'false', 'row not marked closed');
    }
    const node = await closed.getAttribute('data-node');
    const before = await visibleRows();
    await closed.click();
    const after = await visibleRows();
    assert(after > before, `rows before ${before}, after ${after}`);
    assert((await page.getAttribute(`.calltree .tree-row[data-node="${node}"]`, 'aria-expanded')) === 'true', 'row not marked open');
    const folds = await page.$$('.calltree .fold');
    assert(folds.length > 0, 'no folded library frames');
    const rowsBefore = await visibleRows();
    await folds[0].click();
    const rowsAfter = await visibleRows();
    assert(rowsAfter > rowsBefore, 'unfolding showed no frames');
  });

  await check('hot lines show the source with a bar per line', async () => {
    await page.click('button[data-tab=lines]');
    await page.waitForSelector('.hot-method');
    const found = await page.$$('.hot-method[data-found=true]');
    assert(found.length > 0, 'no method with source');
    const code = await page.$$eval('.hot-method[data-found=true] tr.hot td.code', (tds) => tds.map((t) => t.textContent));
    assert(code.length > 0 && code.some((c) => c.trim().length > 0), 'no hot source line: ' + code.slice(0, 3));
    const bars = await page.$$eval('.hot-method tr.hot .line-bar:not(.self)', (bs) => bs.filter((b) => b.offsetWidth > 0).length);
    assert(bars > 0, 'no line bars');
  });

  await check('function table sorts and filters', async () => {
    await page.click('button[data-tab=functions]');
    await page.waitForSelector('.function-table tbody tr');
    const totals = async () => page.$$eval('.function-table tbody tr', (rows) => rows.map((r) => r.children[0].textContent));
    await page.click('.function-table th[data-sort=name]');
    const names = await totals();
    const sorted = [...names].sort((a, c) => a.localeCompare(c));
    assert(JSON.stringify(names) === JSON.stringify(sorted), 'not sorted by name');
    await page.click('.function-table th[data-sort=name]');
    const desc = await totals();
    assert(JSON.stringify(desc) === JSON.stringify([...sorted].reverse()), 'not sorted by name descending');
    await page.fill('.functions input[type=search]', 'run');
    const filtered = await totals();
    assert(filtered.length > 0 && filtered.every((n) => n.toLowerCase().includes('run')), 'filter: ' + filtered);
  });

  await check('downloads and speedscope links point at the server', async () => {
    const formats = await page.$$eval('.links a.download', (as) => as.map((a) => a.dataset.format));
    for (const f of ['hotline', 'speedscope', 'collapsed', 'pprof', 'html']) assert(formats.includes(f), 'no download ' + f);
    const href = await page.getAttribute('.links a.download[data-format=hotline]', 'href');
    const r = await page.request.get(new URL(href, page.url()).href);
    assert(r.status() === 200, 'download answered ' + r.status());
  });

  await check('speedscope opens with the profile', async () => {
    const [popup] = await Promise.all([b.context.waitForEvent('page'), page.click('.links a.speedscope')]);
    await popup.waitForLoadState();
    // speedscope shows the profile's name in its toolbar once it has loaded it.
    await popup.waitForFunction(() => document.body.innerText.includes('/'), null, { timeout: 15000 });
    const text = await popup.evaluate(() => document.body.innerText);
    assert(!/error|could not|failed/i.test(text.slice(0, 400)), 'speedscope says: ' + text.slice(0, 400));
    const canvases = await popup.$$eval('canvas', (cs) => cs.length);
    assert(canvases > 0, 'speedscope drew nothing');
    await popup.close();
  });

  await check('endpoints tab lists routes and opens the merged profile', async () => {
    await page.click('#nav-endpoints');
    await page.waitForSelector('.list-view[data-loaded] tbody tr[data-key]');
    await page.click('tbody tr[data-key] td.path a');
    await page.waitForSelector('.profile-page[data-state=ready], .profile-page[data-state=drawn]');
    const summaryText = await page.textContent('.summary');
    assert(/requests/.test(summaryText) && /p50/.test(summaryText) && /p95/.test(summaryText) && /max/.test(summaryText), 'summary: ' + summaryText);
  });

  // Traces the stored requests belong to: one with a single request, one with several, when the server has them.
  const listed = (await (await page.request.get(new URL('api/profiles?limit=500', base).href)).json()).items;
  const byTrace = new Map();
  for (const it of listed) if (it.traceId) byTrace.set(it.traceId, [...(byTrace.get(it.traceId) || []), it.id]);
  const single = [...byTrace].find(([, ids]) => ids.length === 1);
  const several = [...byTrace].find(([, ids]) => ids.length > 1);
  if (single && several) {
    await check('a trace opens its profile, or the list of its requests', async () => {
      await page.goto(base + '#/trace/' + single[0]);
      await page.waitForFunction((id) => window.location.hash === '#/profile/' + encodeURIComponent(id), single[1][0]);
      await page.waitForSelector('.profile-page[data-state=ready], .profile-page[data-state=drawn]');
      const summaryText = await page.textContent('.summary');
      assert(summaryText.includes(single[0]), 'trace id not in the summary: ' + summaryText);
      await page.click('button[data-tab=details]');
      const details = await page.textContent('.details');
      assert(details.includes('Trace id') && details.includes(single[0]) && details.includes('Span id'), 'details: ' + details);
      // As Jaeger writes it, without leading zeros.
      await page.goto(base + '#/trace/' + several[0].replace(/^0+/, ''));
      await page.waitForSelector(`.list-view[data-trace="${several[0]}"][data-loaded] tbody tr[data-id]`);
      const ids = await page.$$eval('tbody tr[data-id]', (rows) => rows.map((r) => r.dataset.id));
      assert(ids.length === several[1].length && several[1].every((id) => ids.includes(id)), 'rows: ' + ids);
      await page.goto(base + '#/trace/not-a-trace');
      await page.waitForSelector('.list-view p.error:not([hidden])');
      const error = await page.textContent('.list-view p.error');
      assert(error.includes('trace id'), 'error: ' + error);
    });
  }

  if (hostileId) {
    await check('payloads in a request are shown as text and run nothing', async () => {
      await page.goto(base + '#/');
      await page.waitForSelector(`tr[data-id="${hostileId}"]`);
      const cell = await page.textContent(`tr[data-id="${hostileId}"] td.path`);
      assert(cell.includes('<script>') && cell.includes('"><img src=x onerror='), 'path not shown literally: ' + cell);
      await page.click(`tr[data-id="${hostileId}"] a.path-link`);
      await page.waitForSelector('.profile-page[data-state=ready], .profile-page[data-state=drawn]');
      const title = await page.textContent('.profile-title');
      assert(title.includes('<script>'), 'title: ' + title);
      for (const tab of ['tree', 'lines', 'functions', 'details']) await page.click(`button[data-tab=${tab}]`);
      await page.waitForSelector('.hot-method', { state: 'attached' });
      const injected = await page.evaluate(() => ({
        scripts: [...document.scripts].map((s) => s.src).filter((s) => !s.endsWith('/assets/app.js')),
        imgs: document.querySelectorAll('img').length,
        flag: window.__hotlinePwned === true,
      }));
      assert(injected.scripts.length === 0 && injected.imgs === 0 && !injected.flag, 'injected: ' + JSON.stringify(injected));
      const fnText = await page.textContent('.function-table');
      assert(fnText.includes('<img'), 'hostile method name not shown as text');
      assert(problems.dialogs.length === 0, 'dialogs: ' + problems.dialogs);
    });
  }

  await check('no request to any other host, no script errors', async () => {
    assert(problems.foreignRequests.length === 0, 'foreign requests: ' + problems.foreignRequests.join(', '));
    assert(problems.pageErrors.length === 0, 'page errors: ' + problems.pageErrors.join(' | '));
    assert(problems.dialogs.length === 0, 'dialogs: ' + problems.dialogs);
  });
} finally {
  if (problems.consoleErrors.length) console.log('console errors (for information): ' + problems.consoleErrors.join(' | '));
  await b.close();
}
process.exit(summary() ? 0 : 1);
