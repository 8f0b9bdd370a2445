// The flood console walk of issue #7, run by FloodConsoleBrowserIT inside the booted distribution once an alarm for
// the station is active:
//   node flood-walk.mjs <baseUrl> <screenshotDir> <stationCode> <workOrderNumber>
// operator1 sees the alarm on the dashboard's water-level panel and opens the station page (SVG chart with the level
// line and the threshold lines); a town leader sees that page without an acknowledge button, another grid's worker
// sees neither the alarm nor the station; operator1 acknowledges and the dashboard open in another tab shows it
// within one refresh; then the same in English. Screenshots of every step go to screenshotDir; the last line is a
// summary the IT checks.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, shots, station, orderNumber] = process.argv.slice(2);
const TIMEOUT = 30000; // a busy 2-core CI machine
const PASSWORD = 'onegrid-demo';
mkdirSync(shots, { recursive: true });

let step = 0;
let pagesShown = 0;
const problems = [];
async function shot(page, name) {
  step += 1;
  await page.screenshot({ path: join(shots, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  console.log(`step ${step}: ${name}`);
}

function fail(message) {
  throw new Error(message);
}

function watch(page) {
  page.setDefaultTimeout(TIMEOUT);
  page.on('dialog', async d => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on('pageerror', e => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', r => console.log(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', r => { if (r.status() >= 400) console.log(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`); });
  page.on('console', m => {
    // what the page itself may not do (a refused script or style); failed API calls are the pages' own business
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
}

async function signIn(page, username) {
  await page.goto(`${base}/console/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#who').waitFor();
}

const panelItem = page => page.locator(`section[data-extension="flood-alarms"] li[data-station="${station}"]`);

/** The station page's chart: the level polyline has points, the three threshold lines are drawn at their levels. */
async function checkChart(page, range) {
  const line = page.locator(`#flood-chart[data-range="${range}"] svg.level-chart polyline.level-line`).first();
  await line.waitFor();
  const points = (await line.getAttribute('points')).trim().split(/\s+/);
  if (points.length < 2 || points.some(p => !/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/.test(p))) fail(`polyline points: ${points.join(' ')}`);
  const levels = {};
  for (const name of ['forecast', 'warning', 'guarantee']) {
    const g = page.locator(`#flood-chart svg.level-chart g.threshold.${name}`);
    if (await g.count() !== 1) fail(`no ${name} line`);
    levels[name] = Number(await g.getAttribute('data-level'));
    const y1 = Number(await g.locator('line').getAttribute('y1'));
    if (!(y1 > 0 && y1 < 300)) fail(`${name} line outside the chart: y=${y1}`);
  }
  if (levels.forecast !== 1.5 || levels.warning !== 2 || levels.guarantee !== 3) fail(`threshold levels ${JSON.stringify(levels)}`);
  // the warning line lies above (smaller y) the forecast line and below the guarantee line
  const y = async name => Number(await page.locator(`#flood-chart g.threshold.${name} line`).getAttribute('y1'));
  if (!(await y('guarantee') < await y('warning') && await y('warning') < await y('forecast'))) fail('threshold lines out of order');
  return points.length;
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const operator = await desk.newPage();
  watch(operator);

  // 1. zh: the dashboard's water-level panel lists the active alarm with its severity, level, time and order
  await signIn(operator, 'operator1');
  const panel = operator.locator('section[data-extension="flood-alarms"]');
  await panel.locator('h2', { hasText: '水位告警' }).waitFor();
  const item = panelItem(operator);
  await item.waitFor();
  const itemText = await item.innerText();
  for (const expected of ['超警戒', '水位 2.50 米', '已触发', orderNumber]) {
    if (!itemText.includes(expected)) fail(`the panel item lacks "${expected}": ${itemText}`);
  }
  const badge = item.locator('.flood-badge.severity-warning');
  const colour = await badge.evaluate(el => getComputedStyle(el).backgroundColor);
  if (colour !== 'rgb(194, 94, 0)') fail(`the plugin style sheet is not applied (severity colour ${colour})`);
  const orderHref = await item.locator('a.flood-order-link').getAttribute('href');
  if (!/^#\/orders\/\d+$/.test(orderHref)) fail(`work order link ${orderHref}`);
  await shot(operator, 'zh-dashboard-alarm-panel');

  // 2. the station page from the panel: chart, thresholds, the alarm with an acknowledge button
  await item.locator('a.flood-station-link').click();
  await operator.waitForURL(url => url.hash === `#/ext/flood-monitor/${station}`);
  const menu = operator.locator('nav#menu a[data-extension="flood-monitor"]');
  if ((await menu.innerText()).trim() !== '防汛监测') fail(`menu entry: ${await menu.innerText()}`);
  const points24h = await checkChart(operator, '24h');
  await operator.locator(`#flood-station[data-station="${station}"] .flood-badge.state-warning`).waitFor();
  const alarmRow = operator.locator('#flood-alarm-table tr[data-state="RAISED"]').first();
  await alarmRow.waitFor();
  if (!(await alarmRow.innerText()).includes(orderNumber)) fail('the alarm row does not link its work order');
  await alarmRow.locator('button.flood-ack').waitFor();
  await shot(operator, 'zh-station-chart-24h');

  // 3. a town leader reads the same page but may not acknowledge (no workorder.handle or .dispatch)
  const leaderDesk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const leader = await leaderDesk.newPage();
  watch(leader);
  await signIn(leader, 'leader1');
  await leader.goto(`${base}/console/#/ext/flood-monitor/${station}`);
  await leader.locator('#flood-alarm-table tr[data-state="RAISED"]').waitFor();
  await leader.locator('#flood-chart svg.level-chart').waitFor();
  if (await leader.locator('button.flood-ack').count()) fail('the town leader is offered the acknowledge button');
  await shot(leader, 'zh-leader-station-no-ack');
  await leaderDesk.close();

  // ... and the worker of another grid sees neither the alarm on the panel nor the station
  const otherDesk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const other = await otherDesk.newPage();
  watch(other);
  await signIn(other, 'gridworker2');
  await other.locator('section[data-extension="flood-alarms"] #flood-no-alarms').waitFor();
  await other.goto(`${base}/console/#/ext/flood-monitor/${station}`);
  await other.locator('.flood p.error', { hasText: '不在您的辖区' }).waitFor();
  await other.goto(`${base}/console/#/ext/flood-monitor`);
  await other.locator('#flood-stations, .flood p.muted').first().waitFor();
  if (await other.locator(`#flood-stations tr[data-station="${station}"]`).count()) fail('another grid lists the station');
  await otherDesk.close();

  // 4. a second tab keeps the dashboard open; operator1 acknowledges on the station page; the panel follows
  const board = await desk.newPage();
  watch(board);
  await signIn(board, 'operator1'); // the token lives in the tab's sessionStorage
  await panelItem(board).locator('.flood-badge.alarmState-raised').waitFor();
  await alarmRow.locator('button.flood-ack').click();
  await operator.locator('#flood-ack-status.ok').waitFor();
  await operator.locator('#flood-alarm-table tr[data-state="ACKNOWLEDGED"]').waitFor();
  if (await operator.locator('button.flood-ack').count()) fail('the acknowledge button is still there');
  await checkChart(operator, '24h');
  await shot(operator, 'zh-station-acknowledged');
  const refreshed = Date.now();
  await panelItem(board).locator('.flood-badge.alarmState-acknowledged').waitFor({ timeout: 40000 });
  console.log(`the open dashboard showed the acknowledgement after ${Date.now() - refreshed} ms`);
  await board.close();

  // 5. seven and thirty days: more readings, same lines
  await operator.locator('button[data-range="7d"]').click();
  const points7d = await checkChart(operator, '7d');
  if (points7d <= points24h) fail(`7 days show ${points7d} points, 24 hours ${points24h}`);
  await shot(operator, 'zh-station-chart-7d');
  await operator.locator('button[data-range="30d"]').click();
  await checkChart(operator, '30d');

  // 6. the station list with its state colours
  await operator.locator('#flood-back').click();
  const row = operator.locator(`#flood-stations tr[data-station="${station}"][data-state="WARNING"]`);
  await row.waitFor();
  if (await operator.locator('#flood-stations tbody tr').count() < 2) fail('operator1 sees fewer than two stations of town 1');
  await shot(operator, 'zh-station-list');

  // 7. the chart's data handling, unit by unit, in the page's own module (raw and aggregated answers)
  const unit = await operator.evaluate(async () => {
    const c = await import('/plugins/flood/chart.js');
    const raw = c.series([{ ts: '2026-07-01T08:10:00+08:00', level: 2.1, receivedAt: 'x' }, { ts: '2026-07-01T08:00:00+08:00', level: 2.0 }, { ts: 'bad', level: 1 }]);
    const agg = c.series([{ ts: '2026-07-01T09:00:00+08:00', min: 1.9, max: 2.3, avg: 2.1, level: 2.3 }]);
    const split = c.segments([0, 1, 2, 3, 40].map(hour => ({ t: hour * 3600000, v: 1 }))).map(s => s.length);
    return { raw, agg, split, ticks: c.niceTicks(1.4, 3.1), ranges: Object.keys(c.RANGES) };
  });
  const expected = JSON.stringify({
    raw: [{ t: Date.parse('2026-07-01T00:00:00Z'), v: 2 }, { t: Date.parse('2026-07-01T00:10:00Z'), v: 2.1 }],
    agg: [{ t: Date.parse('2026-07-01T01:00:00Z'), v: 2.1, min: 1.9, max: 2.3 }],
    split: [4, 1], ticks: [1.5, 2, 2.5, 3], ranges: ['24h', '7d', '30d'] });
  if (JSON.stringify(unit) !== expected) fail(`chart helpers: ${JSON.stringify(unit)} expected ${expected}`);

  // 8. English: the switch in the header redraws the plugin's page and panel in English
  await operator.locator('#lang-switch').click();
  await operator.locator('#flood-stations th', { hasText: 'Station' }).waitFor();
  if ((await operator.locator('nav#menu a[data-extension="flood-monitor"]').innerText()).trim() !== 'Flood monitoring') fail('menu not in English');
  if (!(await operator.locator(`#flood-stations tr[data-station="${station}"]`).innerText()).includes('Above warning')) fail('state not in English');
  await shot(operator, 'en-station-list');
  await operator.goto(`${base}/console/#/`);
  await operator.locator('section[data-extension="flood-alarms"] h2', { hasText: 'Water-level alarms' }).waitFor();
  const itemEn = await panelItem(operator).innerText();
  for (const expectedText of ['Above warning', 'level 2.50 m', 'Acknowledged', orderNumber]) {
    if (!itemEn.includes(expectedText)) fail(`the English panel item lacks "${expectedText}": ${itemEn}`);
  }
  await shot(operator, 'en-dashboard-alarm-panel');
  await panelItem(operator).locator('a.flood-station-link').click();
  await checkChart(operator, '24h');
  if (!(await operator.locator('#flood-chart g.threshold.warning text').textContent()).startsWith('warning 2.00')) fail('warning label not in English');
  await operator.locator('#flood-alarm-table th', { hasText: 'Acknowledged' }).waitFor();
  await shot(operator, 'en-station-chart-24h');

  if (problems.length) fail(`problems in the pages: ${problems.join(' | ')}`);
  console.log(`FLOOD-WALK OK station=${station} points24h=${points24h} points7d=${points7d} screenshots=${step}`);
} catch (e) {
  for (const context of browser.contexts()) { // what the pages showed when it failed
    for (const page of context.pages()) {
      const n = pagesShown += 1;
      await page.screenshot({ path: join(shots, `failed-${n}.png`), fullPage: true }).catch(() => {});
      const text = await page.locator('main').innerText().catch(() => '(no main)');
      console.log(`page ${n} ${page.url()}:\n${text}`);
    }
  }
  console.log(`FLOOD-WALK FAILED ${e.stack || e}`);
  if (problems.length) console.log(`problems in the pages: ${problems.join(' | ')}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
