// The browser walk of issue #6, run by ConsoleBrowserIT inside the booted distribution:
//   node walk.mjs <baseUrl> <screenshotDir> [extensionId]
// A resident reports from /r/{code} on a phone, the operator accepts and dispatches it in /console/, the grid worker
// starts and resolves it with a photo, the operator verifies it, the resident rates it on /r/track/{code}. Screenshots
// of every step go to screenshotDir; the last line is a summary the IT checks.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [base, shots, extensionId] = process.argv.slice(2);
const TIMEOUT = 30000; // a busy 2-core CI machine
const GRID1 = '370399101201001'; // gridworker1's grid
const PASSWORD = 'onegrid-demo';
const XSS = '<script>alert(1)</script>';
const DESCRIPTION = `${XSS} 门口井盖破损，夜里有人差点掉进去`;
const PHONE = '13800000066';
mkdirSync(shots, { recursive: true });

// A real 1x1 PNG, written as a file so that the pages' file inputs take it like a photo from the phone.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005'
  + '0001ff89993d1d0000000049454e44ae426082', 'hex');
const photo = join(shots, 'photo.png');
writeFileSync(photo, PNG);

let step = 0;
const dialogs = [];
async function shot(page, name) {
  step += 1;
  await page.screenshot({ path: join(shots, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  console.log(`step ${step}: ${name}`);
}

function fail(message) {
  throw new Error(message);
}

/** Sums the bytes the network delivered for a page (CDP encodedDataLength: compressed body plus headers). */
async function weigh(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const meter = { bytes: 0, requests: 0, urls: [] };
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', e => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', e => {
    meter.bytes += e.encodedDataLength;
    meter.requests += 1;
    meter.urls.push(`${urls.get(e.requestId)} ${e.encodedDataLength}`);
  });
  return meter;
}

async function apiJson(path, token, options = {}) {
  const response = await fetch(`${base}/api/v1${path}`, {
    ...options, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(options.headers || {}) } });
  if (!response.ok) fail(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function watch(page) {
  page.on('dialog', async d => { dialogs.push(d.message()); await d.dismiss(); });
  page.on('pageerror', e => console.log(`page error: ${e.message}`));
  page.setDefaultTimeout(TIMEOUT);
}

async function signIn(page, username) {
  await page.goto(`${base}/console/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#who').waitFor();
}

async function command(page, name, fill = async () => {}) {
  await page.locator(`#actions button[data-command="${name}"]`).click();
  const form = page.locator(`form.command[data-command="${name}"]`);
  await form.waitFor();
  await fill(form);
  await form.locator('#command-submit').click();
  await page.locator('#command-status.ok').waitFor();
}

async function expectState(page, state) {
  await page.locator(`#order-state[data-state="${state}"]`).waitFor();
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  // A house of gridworker1's grid, as an administrator finds it in the registry.
  const admin = (await apiJson('/auth/login', null, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }) })).token;
  const house = (await apiJson(`/houses?region=${GRID1}&size=1`, admin)).items[0];
  if (!house) fail(`no house in grid ${GRID1}`);

  // 1. The resident scans the doorplate with a phone.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const resident = await phone.newPage();
  await watch(resident);
  const residentMeter = await weigh(phone, resident);
  await resident.goto(`${base}/r/${house.code}`, { waitUntil: 'networkidle' });
  await resident.locator('form select#category option[value]:not([value=""])').first().waitFor({ state: 'attached' });
  await shot(resident, 'resident-doorplate');
  const residentBytes = residentMeter.bytes;
  const residentRequests = residentMeter.requests;
  const category = await resident.locator('#category option[value]:not([value=""])').first().getAttribute('value');
  await resident.selectOption('#category', category);
  await resident.fill('#description', DESCRIPTION);
  await resident.setInputFiles('#photos', photo);
  await resident.fill('#name', '居民甲');
  await resident.fill('#phone', PHONE);
  await shot(resident, 'resident-report-filled');
  await resident.getByRole('button', { name: '提交' }).click();
  await resident.locator('#receipt').waitFor();
  await shot(resident, 'resident-receipt');
  const receiptText = await resident.locator('#receipt').innerText();
  const number = (receiptText.match(/WO-[0-9-]+/) || [])[0] || fail(`no order number on the receipt: ${receiptText}`);
  const tracking = await resident.locator('#tracking-code').count() ? (await resident.locator('#tracking-code').innerText()).trim() : null;
  if (await resident.locator('#receipt .error').count()) fail(`photo upload failed: ${receiptText}`);
  console.log(`resident reported ${number}, tracking code ${tracking ?? '(none: the server sends no trackingCode)'}`);

  // 2. The operator of the town: sign-in page weight, dashboard, inbox, detail, accept and dispatch.
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const operator = await desk.newPage();
  await watch(operator);
  const consoleMeter = await weigh(desk, operator);
  await operator.goto(`${base}/console/`, { waitUntil: 'networkidle' });
  await operator.getByLabel('用户名').waitFor();
  const consoleBytes = consoleMeter.bytes;
  const consoleRequests = consoleMeter.requests;
  await shot(operator, 'console-sign-in');
  await signIn(operator, 'operator1');
  await operator.locator(`table.orders tr[data-number="${number}"]`).waitFor();
  await operator.locator('svg.map path.grid').first().waitFor();
  await shot(operator, 'operator-dashboard');
  if (extensionId) { // a plugin's page, in the menu while its service is registered
    await operator.locator(`nav#menu a[data-extension="${extensionId}"]`).click();
    await operator.locator('#it-plugin-content').waitFor();
    await shot(operator, 'operator-plugin-page');
  }
  await operator.goto(`${base}/console/#/inbox?q=${number}`);
  const row = operator.locator(`table.orders tr[data-number="${number}"]`);
  await row.waitFor();
  await shot(operator, 'operator-inbox');
  await row.getByRole('link', { name: number }).click();
  await operator.locator('#order-description').waitFor();
  const shown = await operator.locator('#order-description').textContent();
  if (shown !== DESCRIPTION) fail(`the description is not shown as text: ${JSON.stringify(shown)}`);
  if (!(await operator.getByText(XSS, { exact: false }).first().isVisible())) fail('the literal <script> text is not visible');
  if (await operator.locator('#order-description script').count()) fail('the description became markup');
  await expectState(operator, 'SUBMITTED');
  await shot(operator, 'operator-order-submitted');
  await command(operator, 'accept');
  await expectState(operator, 'ACCEPTED');
  await command(operator, 'dispatch');
  await expectState(operator, 'DISPATCHED');
  const orderUrl = operator.url();
  await shot(operator, 'operator-dispatched');

  // 3. The grid worker starts and resolves it with a photo.
  const field = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const worker = await field.newPage();
  await watch(worker);
  await signIn(worker, 'gridworker1');
  await worker.goto(orderUrl);
  await expectState(worker, 'DISPATCHED');
  await shot(worker, 'gridworker-order');
  await command(worker, 'start');
  await expectState(worker, 'IN_PROGRESS');
  await command(worker, 'resolve', async form => {
    await form.locator('textarea[name="comment"]').fill('已联系养护单位更换井盖，现场已恢复。');
    await form.locator('#command-photo').setInputFiles(photo);
  });
  await expectState(worker, 'RESOLVED');
  await worker.locator('#trail li .trail-attachments').first().waitFor();
  await worker.locator('#attachments img').first().waitFor();
  await shot(worker, 'gridworker-resolved-with-photo');

  // 4. The operator's revisit: only a verified order can be rated.
  await operator.goto(orderUrl);
  await operator.reload();
  await expectState(operator, 'RESOLVED');
  await command(operator, 'verify', async form => form.locator('textarea[name="comment"]').fill('电话回访，居民确认已修复。'));
  await expectState(operator, 'VERIFIED');
  await shot(operator, 'operator-verified');

  // 5. The resident follows the tracking link and rates the result.
  if (!tracking) fail('the receipt shows no tracking code');
  let rated = 'no';
  {
    await resident.goto(`${base}/r/track/${encodeURIComponent(tracking)}`, { waitUntil: 'networkidle' });
    await resident.locator('#state').waitFor();
    if ((await resident.locator('.desc').first().textContent()) !== DESCRIPTION) fail('the tracking page does not show the description as text');
    await shot(resident, 'resident-tracking');
    await resident.locator('#rate input[name="rating"][value="5"]').check();
    await resident.fill('#comment', '处理及时，谢谢！');
    await resident.getByRole('button', { name: '提交评价' }).click();
    await resident.locator('#rating').waitFor();
    const stars = (await resident.locator('#rating').innerText()).trim();
    if (stars !== '★★★★★') fail(`rating shows ${stars}`);
    await shot(resident, 'resident-rated');
    rated = '5';
  }

  if (dialogs.length) fail(`dialogs fired: ${dialogs.join(' | ')}`);
  console.log(`console first load (sign-in page): ${consoleBytes} bytes in ${consoleRequests} requests`);
  consoleMeter.urls.slice(0, consoleRequests).forEach(u => console.log(`  ${u}`));
  console.log(`resident page (/r/{code} with its API calls): ${residentBytes} bytes in ${residentRequests} requests`);
  residentMeter.urls.slice(0, residentRequests).forEach(u => console.log(`  ${u}`));
  if (residentBytes >= 150 * 1024) fail(`the resident page weighs ${residentBytes} bytes, over 150 KB`);
  console.log(`BROWSER-WALK OK order=${number} tracking=${tracking ?? 'none'} rated=${rated} dialogs=0 screenshots=${step}`
    + ` consoleBytes=${consoleBytes} residentBytes=${residentBytes}`);
} catch (e) {
  console.log(`BROWSER-WALK FAILED ${e.stack || e}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
