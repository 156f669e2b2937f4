// The fleet views in real headless Chromium, over a fleet store holding FleetFixture's rows (written 30 minutes ago).
// Usage: node fleet.mjs BASE_URL [SCREENSHOT_DIR]
//   BASE_URL: the page, e.g. http://127.0.0.1:8080/_hotline/
//   SCREENSHOT_DIR: where to save a picture of each view, for a person to look at.
import { openBrowser, check, assert, summary } from './browser.mjs';

const base = process.argv[2];
const shots = process.argv[3];
if (!base) { console.error('usage: node fleet.mjs BASE_URL [SCREENSHOT_DIR]'); process.exit(2); }

const b = await openBrowser(base);
const { page, problems } = b;
page.setDefaultTimeout(15000);
const shot = async (name) => { if (shots) await page.screenshot({ path: `${shots}/fleet-${name}.png`, fullPage: true }); };
const listLoaded = () => page.waitForFunction(() => {
  const v = document.querySelector('.list-view');
  return v && v.dataset.loaded && !v.classList.contains('loading');
});

try {
  await check('the Fleet link appears and its list shows both instances', async () => {
    await page.goto(base);
    await page.waitForSelector('#nav-fleet:not([hidden])');
    await page.click('#nav-fleet');
    await page.waitForSelector('.list-view[data-loaded] tbody tr[data-id]');
    const headers = await page.$$eval('thead th', (ths) => ths.map((t) => t.textContent.replace(/[▲▼]/g, '').trim()));
    for (const h of ['Time', 'Service', 'Instance', 'Version', 'Path', 'Status', 'Duration']) assert(headers.includes(h), 'missing column ' + h + ' in ' + headers);
    const instances = await page.$$eval('tbody tr[data-id]', (rows) => [...new Set(rows.map((r) => r.dataset.instance))].sort());
    assert(JSON.stringify(instances) === '["shop-1","shop-2"]', 'instances: ' + instances);
    assert(Number(await page.getAttribute('.list-view', 'data-total')) === 45, 'total: ' + await page.getAttribute('.list-view', 'data-total'));
    await shot('requests');
  });

  await check('filtering by instance asks the server and shows only its requests', async () => {
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('api/fleet/profiles?') && r.url().includes('instance=shop-2')),
      page.selectOption('select[name=instance]', 'shop-2'),
    ]);
    await listLoaded();
    const instances = await page.$$eval('tbody tr[data-id]', (rows) => rows.map((r) => r.dataset.instance));
    assert(instances.length === 22 && instances.every((i) => i === 'shop-2'), 'rows: ' + instances);
    assert((await page.textContent('.list-status')).includes('of 22'), 'status: ' + await page.textContent('.list-status'));
  });

  await check('a path holding markup is shown as text', async () => {
    const cell = await page.textContent('tr[data-id="d-1"] td.path');
    assert(cell.includes('<b>x</b>'), 'path: ' + cell);
    assert(await page.$$eval('td.path b', (bs) => bs.length) === 0, 'markup was rendered');
  });

  await check('opening a fleet request draws its flame graph, with its instance and fleet downloads', async () => {
    await page.click('tr[data-id="b-03"] a.path-link');
    await page.waitForSelector('.profile-page[data-state=drawn]');
    const drawn = Number(await page.getAttribute('.panel[data-tab=flame] canvas', 'data-drawn-frames'));
    assert(drawn >= 3, 'drawn frames: ' + drawn);
    const summaryText = await page.textContent('.summary');
    assert(summaryText.includes('shop-2') && summaryText.includes('1.1'), 'summary: ' + summaryText);
    const href = await page.getAttribute('a.download[data-format=collapsed]', 'href');
    assert(href.includes('api/fleet/profiles/b-03/download'), 'download: ' + href);
    const download = await page.request.get(href);
    assert(download.ok() && (await download.text()).includes('PriceService.price'), 'download failed: ' + download.status());
    await page.click('button[data-tab=lines]');
    await page.waitForSelector('.hot-method', { state: 'attached' });
    await shot('profile');
    await page.click('.crumbs a');
    await page.waitForSelector('.list-view[data-loaded] tbody tr[data-id]');
  });

  await check('endpoints add both instances up', async () => {
    await page.selectOption('select[name=instance]', '');
    await page.click('a.subtab[data-view=endpoints]');
    await page.waitForSelector('.fleet-endpoints[data-loaded] tbody tr[data-key]');
    const row = await page.$$eval('tbody tr[data-key]', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
    const orders = row.find((r) => r[1] === '/orders/{id}');
    assert(orders && orders[2] === '100' && orders[9] === '2', 'orders row: ' + JSON.stringify(orders));
    await shot('endpoints');
  });

  await check('compare of two versions puts the slower line first', async () => {
    await page.click('tr[data-key] button.compare-link');
    await page.waitForSelector('.compare-view select[name=endpoint] option', { state: 'attached' });
    const label = await page.$eval('select[name=endpoint]', (s) => s.selectedOptions[0].textContent);
    assert(label.includes('/orders/{id}'), 'endpoint: ' + label);
    await page.check('input[name=mode][value=versions]');
    await page.selectOption('select[name=aVersion]', '1.0');
    await page.selectOption('select[name=bVersion]', '1.1');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('api/fleet/compare?') && r.url().includes('aVersion=1.0')),
      page.click('button.run'),
    ]);
    await page.waitForSelector('.compare-view[data-state=done]');
    const first = await page.$eval('.compare-table[data-kind=lines] tbody tr', (r) => ({ change: r.dataset.change, cells: [...r.cells].map((c) => c.textContent) }));
    assert(first.change === 'slower', 'first row: ' + JSON.stringify(first));
    assert(first.cells[0] === '+10.0 ms' && first.cells[1] === '6.00×', 'first row: ' + JSON.stringify(first));
    assert(first.cells[6].includes('com.acme.shop.PriceService.price') && first.cells[6].includes('PriceService.java:18'), 'first row: ' + JSON.stringify(first));
    const marked = await page.$$eval('.compare-table[data-kind=lines] tbody tr', (rows) => rows.map((r) => r.dataset.change + ' ' + r.cells[6].textContent));
    assert(marked.some((m) => m.startsWith('new') && m.includes('AuditLog')), 'no new AuditLog: ' + marked);
    assert(marked.some((m) => m.startsWith('vanished') && m.includes('OrderCache')), 'no vanished OrderCache: ' + marked);
    const sides = await page.textContent('.compare-sides');
    assert(sides.includes('version 1.0') && sides.includes('20 kept requests'), 'sides: ' + sides);
    await shot('compare');
  });

  await check('compare of two periods with nothing before says which side is empty', async () => {
    await page.check('input[name=mode][value=periods]');
    await page.click('button.preset >> nth=0');
    await page.waitForSelector('.compare-view[data-state=done]');
    // A, the hour before the last, holds none of the requests written 30 minutes ago.
    await page.waitForSelector('.empty-side');
    const text = await page.textContent('.empty-side');
    assert(text.startsWith('A has no kept requests'), 'empty side: ' + text);
  });

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
