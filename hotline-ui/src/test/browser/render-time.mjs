// Render time of a large profile: from the click in the request list to the drawn flame graph.
// Usage: node render-time.mjs BASE_URL PROFILE_ID [RUNS]
import { openBrowser, check, assert, summary } from './browser.mjs';

const [base, id, runsArg] = process.argv.slice(2);
if (!base || !id) { console.error('usage: node render-time.mjs BASE_URL PROFILE_ID [RUNS]'); process.exit(2); }
const runs = Number(runsArg || 3);
const b = await openBrowser(base);
const { page } = b;
page.setDefaultTimeout(30000);
const times = [];
try {
  await check(`a large profile renders, list to drawn flame graph (${runs} runs)`, async () => {
    for (let i = 0; i < runs; i++) {
      await page.goto(base + '#/');
      await page.waitForSelector(`tr[data-id="${id}"] a.path-link`);
      await page.click(`tr[data-id="${id}"] a.path-link`);
      await page.waitForSelector('.profile-page[data-state=drawn]');
      const info = await page.evaluate(() => {
        const m = performance.getEntriesByName('hotline:navigate-to-flame').pop();
        return { ms: m ? m.duration : -1, nodes: document.querySelector('.panel canvas').dataset.drawnFrames };
      });
      assert(info.ms > 0, 'no measurement');
      assert(Number(info.nodes) > 100, 'drew only ' + info.nodes + ' frames');
      times.push(info.ms);
      console.log(`run ${i + 1}: ${info.ms.toFixed(0)} ms, ${info.nodes} frames drawn`);
    }
    const sorted = [...times].sort((x, y) => x - y);
    console.log(`render time: median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`);
  });
} finally {
  await b.close();
}
process.exit(summary() ? 0 : 1);
