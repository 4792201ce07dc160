// Photographs the screens of a running StationNet for the README: node scripts/screenshots.mjs BASE OUTDIR ADMIN_PASSWORD [zh|en]
import { chromium } from 'playwright-core';

const [base = 'http://127.0.0.1:5099', out = 'docs/screenshots', password = '', lang = 'zh'] = process.argv.slice(2);
const launched = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
// In English, every page starts with the device's language choice set to English (as its button leaves it).
const browser = {
  newContext: async (options) => {
    const context = await launched.newContext(options);
    if (lang === 'en') await context.addInitScript(() => localStorage.setItem('stationnet.lang', 'en'));
    return context;
  },
  close: () => launched.close(),
};

// The front door as a visitor first sees it, signed out.
const visitor = await browser.newContext({ viewport: { width: 1366, height: 768 } });
const door = await visitor.newPage();
await door.goto(`${base}/`);
await door.waitForSelector('#sign-in-link');
await door.waitForTimeout(500);
await door.screenshot({ path: `${out}/home.png` });
await visitor.close();

// Sign in as the administrator in a page, then use its session for the admin API.
const adminContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
const adminPage = await adminContext.newPage();
await adminPage.goto(`${base}/admin`);
await adminPage.fill('#username', 'admin');
await adminPage.fill('#password', password);
await adminPage.click('#sign-in');
await adminPage.waitForSelector('#network option[value="sample"]', { state: 'attached' });
await adminPage.waitForTimeout(1000);
await adminPage.selectOption('#network', 'sample');
await adminPage.waitForSelector('tr[data-station]');
const call = (method, path, body) => adminPage.evaluate(async ({ method, path, body }) => {
  const xsrf = (await (await fetch('/api/auth/antiforgery')).json()).token;
  const res = await fetch(path, { method, headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': xsrf }, body: body ? JSON.stringify(body) : undefined });
  return res.json();
}, { method, path, body });
const link = await call('POST', '/api/admin/networks/sample/screen-links', { name: 'README screenshots' });
const pairing = await call('POST', '/api/admin/stations/sample-02/pairing-codes');
await adminPage.click('tr[data-station="sample-03"] button[data-action="pairing-code"]');
await adminPage.waitForSelector('tr[data-station="sample-03"] .pairing img');
await adminPage.screenshot({ path: `${out}/admin.png` });

const wallPath = new URL(link.url).pathname + new URL(link.url).search + (lang === 'en' ? '&lang=en' : '');
const provinceLink = await call('POST', '/api/admin/networks/sample-province/screen-links', { name: 'README screenshots' });
const provincePath = new URL(provinceLink.url).pathname + new URL(provinceLink.url).search + (lang === 'en' ? '&lang=en' : '');
const shots = [
  ['wall-province.png', provincePath, 1920, 1080, '[data-total]'],
  ['wall.png', wallPath, 1920, 1080, '[data-station-total]'],
  ['wall-4k.png', wallPath, 3840, 2160, '[data-station-total]'],
  ['manage.png', '/manage', 1366, 768, 'tr[data-station]'],
  ['home-signed-in.png', '/', 1366, 768, '[data-network]', true],
];
for (const [name, path, width, height, ready, fullPage = false] of shots) {
  const page = await adminContext.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(base + path);
  await page.waitForSelector(ready);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${out}/${name}`, fullPage });
  await page.close();
}

// A tablet pairs with the code, as an attendant would.
for (const [name, width, height] of [['tablet.png', 1280, 800], ['tablet-phone.png', 390, 844]]) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  if (name === 'tablet.png') {
    await page.goto(`${base}/station/sample-02?pair=${pairing.code}`);
    await page.screenshot({ path: `${out}/pairing.png` });
    await page.click('#pair-submit');
    await page.waitForSelector('[data-count]');
    const token = await page.evaluate(() => localStorage.getItem('stationnet.tablet.sample-02'));
    globalThis.tabletToken = token;
  } else {
    await context.addInitScript((t) => localStorage.setItem('stationnet.tablet.sample-02', t), globalThis.tabletToken);
    await page.goto(`${base}/station/sample-02`);
  }
  await page.waitForSelector('[data-count]');
  // The attendant opens the station (开站) first, as at the start of a shift.
  if (await page.getAttribute('#opening', 'data-open') === 'false') {
    await page.click('#opening');
    await page.waitForSelector('#opening[data-open="true"]');
  }
  // A few taps, so the picture shows what the attendant sees after one: the confirmation and the latest taps.
  for (const service of name === 'tablet.png' ? ['visit', 'water', 'meal', 'visit'] : ['water']) {
    await page.click(`button[data-service="${service}"]`);
    // A station not opened yet asks, at the first tap, to open it: the attendant says yes.
    const ask = page.locator('#ask-open-yes');
    await ask.waitFor({ state: 'visible', timeout: 1000 }).then(() => ask.click(), () => undefined);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${out}/${name}` });
  // The network drops: two more taps wait on the device, and the status says so.
  await context.setOffline(true);
  for (const service of ['visit', 'water']) await page.click(`button[data-service="${service}"]`);
  await page.waitForSelector('#sync[data-state="offline"][data-waiting="2"]');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${out}/${name.replace('.png', '-offline.png')}` });
  await context.close();
}
await browser.close();
