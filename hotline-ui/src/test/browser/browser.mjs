// Shared set-up of the browser tests: Debian's Chromium, headless, a fresh profile directory, no network but the server.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

export async function openBrowser(baseUrl) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'hotline-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  const origin = new URL(baseUrl).origin;
  const problems = { foreignRequests: [], dialogs: [], pageErrors: [], consoleErrors: [] };
  const watch = (page) => {
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:') && u !== 'about:blank') problems.foreignRequests.push(u);
    });
    page.on('dialog', (d) => { problems.dialogs.push(d.type() + ': ' + d.message()); d.dismiss().catch(() => {}); });
    page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') problems.consoleErrors.push(m.text()); });
  };
  context.on('page', watch);
  for (const p of context.pages()) watch(p);
  const page = context.pages()[0] || await context.newPage();
  return {
    context, page, problems,
    async close() { await context.close(); rmSync(userDataDir, { recursive: true, force: true }); },
  };
}

let failures = 0;
let passes = 0;

export async function check(name, fn) {
  try {
    await fn();
    passes++;
    console.log('ok   ' + name);
  } catch (e) {
    failures++;
    console.log('FAIL ' + name + ': ' + (e && e.stack ? e.stack : e));
  }
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export function summary() {
  console.log(`${passes} passed, ${failures} failed`);
  return failures === 0;
}
