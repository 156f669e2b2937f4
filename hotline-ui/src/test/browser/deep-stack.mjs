// A deep Spring/Hibernate/Tomcat stack (petclinic-deep.json, 90+ frames around a few application frames) on the
// results page, looked at as a person would: every view leads with the application's own code.
// Usage: node deep-stack.mjs BASE_URL PROFILE_ID SCREENSHOT_DIR
import { openBrowser, check, assert, summary } from './browser.mjs';

const [base, id, shots] = process.argv.slice(2);
if (!base || !id || !shots) { console.error('usage: node deep-stack.mjs BASE_URL PROFILE_ID SCREENSHOT_DIR'); process.exit(2); }
const APP = 'org.springframework.samples.petclinic.';

const b = await openBrowser(base);
const { page, problems } = b;
page.setDefaultTimeout(15000);
const asked = [];
page.on('request', (r) => asked.push(new URL(r.url()).pathname));

/** Where a frame drawn at canvas row y lies in the window, and whether a person sees it. */
async function visibleOnCanvas(panel, attr) {
  return page.$eval(`.panel[data-tab=${panel}] canvas`, (c, a) => {
    const y = Number(c.dataset[a]);
    const box = c.closest('.flame-scroll').getBoundingClientRect();
    const top = c.getBoundingClientRect().top + y;
    const seen = top >= Math.max(0, box.top) && top + 17 <= Math.min(window.innerHeight, box.bottom);
    return { y, top, seen, boxTop: box.top, boxBottom: box.bottom, height: c.height, collapsed: c.dataset.collapsed };
  }, attr);
}

try {
  await check('the flame graph opens with the root and the first application frame in view', async () => {
    await page.goto(base + '#/profile/' + id);
    await page.waitForSelector('.profile-page[data-state=drawn]');
    await page.waitForTimeout(200);
    const firstApp = Number(await page.getAttribute('.panel[data-tab=flame] canvas', 'data-first-app'));
    assert(firstApp > 0, 'no application frame found in the profile');
    const root = await visibleOnCanvas('flame', 'rootY');
    const app = await visibleOnCanvas('flame', 'firstAppY');
    await page.screenshot({ path: shots + '/deep-flame.png' });
    assert(root.collapsed === 'true', 'the shared chain of library frames is not folded into a band');
    assert(root.seen, 'the root is not in view: ' + JSON.stringify(root));
    assert(app.seen, 'the first application frame is not in view: ' + JSON.stringify(app));
    // The frame there is the application's: its tooltip names it.
    const where = await page.$eval('.panel[data-tab=flame] canvas', (c) => {
      const r = c.getBoundingClientRect();
      return { x: r.left + 40, y: r.top + Number(c.dataset.firstAppY) + 8 };
    });
    await page.mouse.move(where.x, where.y);
    const tip = await page.textContent('.tooltip');
    assert(tip.includes(APP + 'owner.OwnerController.processFindForm'), 'tooltip at the first app frame: ' + tip);
    await page.mouse.move(0, 0);
  });

  await check('clicking the band shows every frame', async () => {
    const band = await page.$eval('.panel[data-tab=flame] canvas', (c) => {
      const r = c.getBoundingClientRect();
      const rootY = Number(c.dataset.rootY);
      return { x: r.left + 100, y: r.top + rootY - 18 + 8, before: c.height };
    });
    await page.mouse.click(band.x, band.y);
    const after = await page.$eval('.panel[data-tab=flame] canvas', (c) => ({ collapsed: c.dataset.collapsed, height: c.height }));
    assert(after.collapsed === 'false' && after.height > band.before, 'band did not open: ' + JSON.stringify(after));
  });

  await check('the icicle opens with the root and the first application frame in view', async () => {
    await page.click('button[data-tab=icicle]');
    await page.waitForSelector('.panel[data-tab=icicle] canvas[data-drawn-frames]');
    const root = await visibleOnCanvas('icicle', 'rootY');
    const app = await visibleOnCanvas('icicle', 'firstAppY');
    await page.screenshot({ path: shots + '/deep-icicle.png' });
    assert(root.seen && app.seen, 'root ' + JSON.stringify(root) + ', app ' + JSON.stringify(app));
  });

  await check('the call tree shows [N frames hidden] runs between the application frames', async () => {
    await page.click('button[data-tab=tree]');
    await page.waitForSelector('.panel[data-tab=tree] .tree-row[data-kind=app]');
    const rows = await page.$$eval('.panel[data-tab=tree] .tree-row', (rs) => rs.filter((r) => r.offsetParent !== null)
      .map((r) => ({ kind: r.dataset.kind, level: Number(r.dataset.level), text: r.querySelector('.tree-label').textContent.trim().replace(/^[▸▾·]/, '') })));
    await page.screenshot({ path: shots + '/deep-calltree.png' });
    const text = rows.map((r) => r.level + ' ' + r.kind + ' ' + r.text).join('\n');
    assert(rows.length <= 12, 'the open tree is not short:\n' + text);
    assert(rows[1].kind === 'fold' && /^\[\d+ frames hidden\]\s+java\.lang, org\.apache\.tomcat/.test(rows[1].text), 'second row:\n' + text);
    assert(rows[2].kind === 'app' && rows[2].text.startsWith('OwnerController.processFindForm'), 'third row:\n' + text);
    const below = rows[3];
    assert(below.kind === 'fold' && below.level === rows[2].level + 1 && /frames hidden\].*org\.springframework\.data.*org\.hibernate/.test(below.text),
      'below the controller:\n' + text);
    assert(rows.some((r) => r.kind === 'app' && r.text.startsWith('Owner.getPets')), 'Owner.getPets not shown:\n' + text);
    assert(!rows.some((r) => r.kind === 'lib' && /Valve|FilterChain|DispatcherServlet|Thread\.run/.test(r.text)), 'container frames shown one by one:\n' + text);
  });

  await check('a hidden run opens on click', async () => {
    const before = await page.$$eval('.panel[data-tab=tree] .tree-row', (rs) => rs.filter((r) => r.offsetParent !== null).length);
    await page.click('.panel[data-tab=tree] .tree-row[data-kind=fold] .fold');
    const after = await page.$$eval('.panel[data-tab=tree] .tree-row', (rs) => rs.filter((r) => r.offsetParent !== null).length);
    assert(after > before, `rows ${before} -> ${after}`);
    const first = await page.textContent('.panel[data-tab=tree] .tree-row[data-kind=lib] .tree-label');
    assert(first.includes('Thread.run'), 'first unfolded frame: ' + first);
  });

  await check('hot lines start with the application\'s lines, a switch shows everything', async () => {
    await page.click('button[data-tab=lines]');
    await page.waitForSelector('.panel[data-tab=lines] .hot-method');
    const titles = await page.$$eval('.panel[data-tab=lines] .hot-method', (s) => s.map((x) => ({ app: x.dataset.app, title: x.querySelector('h3').textContent })));
    await page.screenshot({ path: shots + '/deep-hotlines.png' });
    assert(titles[0].title.startsWith(APP + 'owner.OwnerController.processFindForm'), 'first: ' + titles[0].title);
    assert(titles.every((t) => t.app === 'true'), 'library methods shown before the switch: ' + JSON.stringify(titles));
    const firstLine = await page.textContent('.panel[data-tab=lines] .hot-method tr.hot td.lineno');
    assert(firstLine === '91', 'first hot line: ' + firstLine);
    await page.check('.panel[data-tab=lines] input.show-all');
    const all = await page.$$eval('.panel[data-tab=lines] .hot-method', (s) => s.map((x) => ({ app: x.dataset.app, title: x.querySelector('h3').textContent })));
    assert(all.length > titles.length && all.some((t) => t.title.startsWith('java.lang.Thread.run')), 'switch did not show everything');
    assert(all.slice(0, titles.length).every((t) => t.app === 'true'), 'the application\'s methods are not first');
  });

  await check('the page asks only for its own files (no /favicon.ico of the application), and none is profiled', async () => {
    const outside = asked.filter((p) => !p.startsWith(new URL(base).pathname));
    assert(outside.length === 0, 'requests outside the page: ' + outside);
    const list = await (await page.request.get(new URL('api/profiles', base).href)).json();
    assert(list.total === 1, 'profiles after browsing the page: ' + JSON.stringify(list.items.map((i) => i.path)));
  });

  await check('no page errors, no foreign requests', async () => {
    assert(problems.pageErrors.length === 0, 'page errors: ' + problems.pageErrors);
    assert(problems.foreignRequests.length === 0, 'foreign requests: ' + problems.foreignRequests);
  });
} finally {
  await b.close();
}
process.exit(summary() ? 0 : 1);
