import { join } from 'node:path';
import { Page } from 'playwright-core';
import { launchChromium } from '../src/browser/browser';

/** The sample data products of examples/registry, as `<domain>/<name>`. */
export const SAMPLE_PRODUCTS = [
  'credit/credit-decisions',
  'customer/customer-onboarding',
  'trading/trade-executions',
];

/**
 * What a newcomer sees after installing the plugins into a fresh app: the
 * guest sign-in, the Data products page with the three samples, a product
 * page with its events, and the catalog System's Data product tab. Each
 * check waits for real content; a failure names the check.
 */
export async function checkAdopterApp(options: {
  appUrl: string;
  /** Where the screenshots of a passing run go (docs/screenshots). */
  screenshotsDir: string;
  /** Where the screenshot of a failed check goes. */
  failureDir: string;
  log: (message: string) => void;
}): Promise<void> {
  const { appUrl, screenshotsDir, failureDir, log } = options;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    // A missing element fails its check with the locator named.
    page.setDefaultTimeout(30_000);
    const check = async (name: string, body: () => Promise<void>) => {
      try {
        await body();
        log(`  ok: ${name}`);
      } catch (error) {
        const shot = join(
          failureDir,
          `failed-${name.replace(/\W+/g, '-')}.png`,
        );
        await page.screenshot({ path: shot }).catch(() => undefined);
        throw new Error(
          `browser check "${name}" failed at ${page.url()} (screenshot ${shot}): ${
            error instanceof Error ? error.message : error
          }`,
        );
      }
    };

    await check('sign in as guest', async () => {
      await page.goto(appUrl);
      await page.getByRole('button', { name: 'Enter' }).click();
      // The generated app mounts the catalog at `/`.
      await page.getByRole('link', { name: 'Catalog' }).first().waitFor();
    });

    await check('sidebar opens Data products with the samples', () =>
      listsSampleProducts(page, appUrl, screenshotsDir),
    );

    await check('data product page shows its events', async () => {
      await page.getByRole('link', { name: 'trade-executions' }).click();
      await page.waitForURL(/\/data-mesh\/products\/trading\/trade-executions/);
      await page.getByText('TradeExecuted').first().waitFor();
      await page.getByText('TradeCancelled').first().waitFor();
      await page.getByText('Query in Athena').first().waitFor();
      await page.screenshot({
        path: join(screenshotsDir, 'adopter-data-product.png'),
      });
    });

    await check('catalog System has the Data product tab', async () => {
      await page.goto(
        `${appUrl}/catalog/default/system/trading-trade-executions`,
      );
      // The catalog module titles the System with the product's name.
      await page
        .getByRole('heading', { name: 'trade-executions', exact: true })
        .first()
        .waitFor();
      await page
        .getByRole('tab', { name: 'Data product', exact: true })
        .or(page.getByRole('link', { name: 'Data product', exact: true }))
        .first()
        .click();
      await page.waitForURL(/\/data-product$/);
      await page.getByText('Query in Athena').first().waitFor();
      await page.getByText('TradeExecuted').first().waitFor();
      const text = await page.locator('main').first().innerText();
      if (!text.includes('FROM "trading"."trade_executions"')) {
        throw new Error(
          `the tab shows no Athena query of trading.trade_executions:\n${text.slice(0, 1500)}`,
        );
      }
      await page.screenshot({
        path: join(screenshotsDir, 'adopter-catalog-data-product.png'),
      });
    });
  } finally {
    await browser.close();
  }
}

async function listsSampleProducts(
  page: Page,
  appUrl: string,
  screenshotsDir: string,
) {
  // Through the sidebar, as a newcomer finds it.
  await page.goto(appUrl);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Data products', exact: true })
    .click();
  await page.waitForURL(/\/data-mesh$/);
  for (const product of SAMPLE_PRODUCTS) {
    await page
      .getByRole('link', { name: product.split('/')[1], exact: true })
      .waitFor();
  }
  // Rows with a product link (the table pads its pages with empty rows).
  const rows = await page
    .locator('tbody tr')
    .filter({ has: page.getByRole('link') })
    .allInnerTexts();
  const expected = SAMPLE_PRODUCTS.map(product => product.split('/'));
  const missing = expected.filter(
    ([domain, name]) =>
      !rows.some(row => row.includes(name) && row.includes(domain)),
  );
  if (rows.length !== expected.length || missing.length > 0) {
    throw new Error(
      `expected one row per sample product (${SAMPLE_PRODUCTS.join(', ')}), got:\n${rows.join('\n')}`,
    );
  }
  await page.screenshot({
    path: join(screenshotsDir, 'adopter-data-products.png'),
  });
}
