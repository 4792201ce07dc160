// Photographs the three screens of a running StationNet for the README: node scripts/screenshots.mjs BASE OUTDIR
import { chromium } from 'playwright-core';

const [base = 'http://127.0.0.1:5099', out = 'docs/screenshots'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const shots = [
  ['wall.png', '/wall/sample', 1920, 1080, '[data-station-total]'],
  ['wall-4k.png', '/wall/sample', 3840, 2160, '[data-station-total]'],
  ['tablet.png', '/station/sample-01', 1280, 800, '[data-count]'],
  ['tablet-phone.png', '/station/sample-01', 390, 844, '[data-count]'],
  ['manage.png', '/manage', 1366, 900, 'tr[data-station]'],
];
for (const [name, path, width, height, ready] of shots) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(base + path);
  await page.waitForSelector(ready);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${out}/${name}` });
  await page.close();
}
await browser.close();
