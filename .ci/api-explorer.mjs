// Drives Debian's chromium through the API explorer (see .ci/api-explorer). Exits non-zero on the first failure.
import { chromium } from './node/node_modules/playwright-core/index.mjs';

const base = process.argv[2];
const origin = new URL(base).origin;
const fail = (message) => { console.error('FAIL: ' + message); process.exitCode = 1; throw new Error(message); };

const health = await (await fetch(base + '/api/v1/health')).json();
const modules = health.modules.map((m) => m.name);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, headless: true, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  const elsewhere = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.origin !== origin) elsewhere.push(request.url());
  });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));

  await page.goto(base + '/api/docs', { waitUntil: 'load' });
  await page.waitForSelector('.opblock-tag-section', { timeout: 30000 });
  const tags = await page.$$eval('.opblock-tag', (elements) => elements.map((e) => e.getAttribute('data-tag')));
  for (const module of modules) {
    if (!tags.includes(module)) fail(`module ${module} has no tag in the explorer (tags: ${tags.join(', ')})`);
  }
  console.log(`Tags shown: ${tags.join(', ')} (installed modules: ${modules.join(', ')})`);

  // Authorize: HTTP Basic, as the document's security scheme says.
  await page.click('.auth-wrapper button.authorize');
  await page.fill('.auth-container input[type="text"]', 'agent');
  await page.fill('.auth-container input[type="password"]', 'agent');
  await page.click('.auth-btn-wrapper button.authorize');
  await page.click('.auth-btn-wrapper button.btn-done');

  async function tryItOut(tag, operationId) {
    const operation = `#operations-${tag}-${operationId}`;
    await page.click(`#operations-tag-${tag}`);
    await page.click(`${operation} .opblock-summary`);
    await page.click(`${operation} button.try-out__btn`);
    await page.click(`${operation} button.execute`);
    const status = page.locator(`${operation} .live-responses-table .response .response-col_status`).first();
    await status.waitFor({ timeout: 30000 });
    return (await status.textContent()).trim();
  }

  const healthStatus = await tryItOut('platform', 'getHealth');
  if (!healthStatus.startsWith('200')) fail(`Try it out on GET /health answered ${healthStatus}`);
  console.log(`Try it out: GET /v1/health -> ${healthStatus}`);

  const customersStatus = await tryItOut('customer', 'listCustomers');
  if (!customersStatus.startsWith('200')) fail(`Try it out on GET /customers (Basic from Authorize) answered ${customersStatus}`);
  console.log(`Try it out: GET /v1/customers with the authorized credentials -> ${customersStatus}`);

  if (elsewhere.length) fail(`the explorer fetched from other hosts: ${elsewhere.join(', ')}`);
  if (pageErrors.length) fail(`errors in the page: ${pageErrors.join('; ')}`);
  console.log('API explorer: OK (everything served by Calmdesk itself, no page errors)');
} finally {
  await browser.close();
}
