import { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import git from 'isomorphic-git';
import fs from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { APP_URL, startStack, stopStack } from './stack';

/**
 * The product as a newcomer meets it: `npm start`, then the event catalog
 * in a real browser, once in each of Backstage's frontend systems: the
 * legacy one (`npm start`) and the new one (`npm run start:new-frontend`,
 * the plugin's `./alpha`). The legacy run's screenshots land in
 * docs/screenshots (linked from the README), so they always show the
 * current UI; the new system's run keeps two of its own there.
 */
// Tests run from source and are never bundled, so __dirname is reliable here.
// eslint-disable-next-line no-restricted-syntax
const docsScreenshots = join(__dirname, '../../../docs/screenshots');

const newFrontendScratch = mkdtempSync(join(tmpdir(), 'new-frontend-shots-'));

const FRONTEND_SYSTEMS = [
  {
    name: 'legacy frontend system',
    startArgs: [],
    screenshotFile: (name: string) => join(docsScreenshots, name),
    axeExclude: [],
  },
  {
    name: 'new frontend system',
    startArgs: ['--new-frontend-system'],
    screenshotFile: (name: string) =>
      ['data-product.png', 'catalog-system.png'].includes(name)
        ? join(docsScreenshots, `new-frontend-${name}`)
        : join(newFrontendScratch, name),
    // The scaffolder's own tabs (@backstage/ui, react-aria) point
    // aria-controls at a panel that is not rendered (aria-valid-attr-value):
    // upstream, not ours.
    axeExclude: ['[role="tab"][id^="react-aria"]'],
  },
];
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

jest.setTimeout(60_000);

describe.each(FRONTEND_SYSTEMS)(
  'the event catalog in a browser ($name)',
  ({ startArgs, screenshotFile, axeExclude }) => {
    let stack: ChildProcess | undefined;
    let browser: Browser | undefined;
    let page: Page;
    const repositoriesDir = mkdtempSync(join(tmpdir(), 'browser-scaffolded-'));

    beforeAll(async () => {
      mkdirSync(docsScreenshots, { recursive: true });
      // Scaffolded repositories go to a scratch folder, not the checkout.
      stack = await startStack(
        240_000,
        {
          APP_CONFIG_dataMesh_scaffolder_localRepositoriesDir: repositoriesDir,
        },
        startArgs,
      );
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      // A missing element fails its step with the locator named, not the test
      // with a bare timeout.
      page.setDefaultTimeout(30_000);
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await stopStack(stack);
    });

    async function expectNoCriticalAxeViolations() {
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async exclude => {
        const result = await (window as any).axe.run(
          { include: [document], exclude },
          { resultTypes: ['violations'] },
        );
        return result.violations
          .filter((v: { impact?: string }) => v.impact === 'critical')
          .map((v: { id: string; nodes: Array<{ target: string[] }> }) => ({
            id: v.id,
            targets: v.nodes.map(n => n.target.join(' ')),
          }));
      }, axeExclude);
      expect(violations).toEqual([]);
    }

    /** Records the form's last page, checks it, and runs the template. */
    async function reviewAndCreate(formScreenshot: string) {
      await page.screenshot({
        path: screenshotFile(formScreenshot),
        fullPage: true,
      });
      await expectNoCriticalAxeViolations();
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('button', { name: 'Create' }).click();
    }

    /** Table rows with a product link (material-table pads pages with empty rows). */
    function productRows() {
      return page.locator('tbody tr').filter({ has: page.getByRole('link') });
    }

    it('lists every sample data product', async () => {
      await page.goto(`${APP_URL}/data-mesh`);
      await page.getByRole('link', { name: 'trade-executions' }).waitFor();
      await expect(productRows().allInnerTexts()).resolves.toEqual([
        expect.stringContaining('credit-decisions'),
        expect.stringContaining('customer-onboarding'),
        expect.stringContaining('trade-executions'),
      ]);
      await page.screenshot({ path: screenshotFile('data-products.png') });
      await expectNoCriticalAxeViolations();
    });

    it('filters by classification and searches by text', async () => {
      await page
        .locator('label', { hasText: 'Classification' })
        .locator('xpath=..')
        .getByRole('button')
        .click();
      await page.getByRole('option', { name: 'restricted' }).click();
      await page.getByRole('link', { name: 'customer-onboarding' }).waitFor();
      await expect(productRows().count()).resolves.toBe(1);

      await page
        .locator('label', { hasText: 'Classification' })
        .locator('xpath=..')
        .getByRole('button')
        .click();
      await page.getByRole('option', { name: 'All' }).click();
      await page.getByPlaceholder('Filter').fill('trade');
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('tbody tr')].filter(row =>
            row.querySelector('a'),
          ).length === 1,
      );
      await expect(productRows().first().innerText()).resolves.toContain(
        'trade-executions',
      );
    });

    it('opens a data product with its schema, PII markers and Athena query', async () => {
      await page.getByRole('link', { name: 'trade-executions' }).click();
      await page.getByText('Query in Athena').waitFor();
      await page.getByLabel('trader_id holds personal data').first().waitFor();
      // The query block renders after the metadata: wait for it.
      await page
        .locator('pre', { hasText: 'FROM "trading"."trade_executions"' })
        .first()
        .waitFor();
      const text = await page.locator('body').innerText();
      expect(text).toContain('FROM "trading"."trade_executions"');
      // The contract's mode, from the registry's datamesh:compatibility tag.
      expect(text).toMatch(/compatibility mode\s+BACKWARD\b/i);
      await page.screenshot({
        path: screenshotFile('data-product.png'),
        fullPage: false,
      });
      await expectNoCriticalAxeViolations();
    });

    it('compares two versions of an event and shows the verdict', async () => {
      // TradeExecuted (versions 1 and 2) is the product's last event panel.
      await page.getByRole('tab', { name: 'Compare versions' }).last().click();
      await page.getByText('BACKWARD: new readers read old data').waitFor();
      await page.getByText(/v1 → v2: \d+ change\(s\)/).waitFor();
      await page
        .getByText('BACKWARD: new readers read old data')
        .scrollIntoViewIfNeeded();
      await expect(
        page.getByText('BACKWARD: new readers read old data').isVisible(),
      ).resolves.toBe(true);
      await page.screenshot({ path: screenshotFile('schema-diff.png') });
    });

    it("shows an event's history under the product's compatibility mode", async () => {
      // TradeExecuted, the last panel: v1 -> v2 only widens and adds optional
      // fields, so v2 honours BACKWARD against v1 and transitively.
      await page.getByRole('tab', { name: 'History' }).last().click();
      await page.getByText('(from the data product contract)').waitFor();
      await page
        .getByText('v2 honours BACKWARD_TRANSITIVE (checked against v1)')
        .waitFor();
      await expect(page.locator('body').innerText()).resolves.toContain(
        'v2 honours BACKWARD (checked against v1)',
      );
      await expectNoCriticalAxeViolations();
    });

    it('shows the data product on its catalog System page', async () => {
      // The catalog module writes the entities a few seconds after startup.
      await page.goto(
        `${APP_URL}/catalog/default/system/trading-trade-executions/data-product`,
      );
      await page.getByText('Query in Athena').waitFor({ timeout: 30_000 });
      await page.getByText('TradeExecuted').first().waitFor();
      await expect(page.locator('body').innerText()).resolves.toContain(
        'TradeExecuted',
      );
      await page.screenshot({ path: screenshotFile('catalog-system.png') });
    });

    it('renders an event as an AsyncAPI definition in the catalog', async () => {
      await page.goto(
        `${APP_URL}/catalog/default/api/trading-trade-executed/definition`,
      );
      await page.getByText('publishTradeExecuted').first().waitFor({
        timeout: 30_000,
      });
      await expect(page.locator('body').innerText()).resolves.toContain(
        'com.fintech.trading',
      );
      await page.screenshot({ path: screenshotFile('catalog-asyncapi.png') });
    });

    it('scaffolds a data domain, then a data product of it', async () => {
      await page.goto(`${APP_URL}/create`);
      // Create lists both templates (Data domain, Data product): choose by title.
      await page.getByText('Data domain').first().waitFor({ timeout: 30_000 });

      // The domain team's repository first: its Domain is what the product
      // form's picker offers.
      await page.goto(`${APP_URL}/create/templates/default/data-domain`);
      await page.getByLabel('Domain name').first().fill('payments');
      await page.getByLabel('Owner').first().fill('trading');
      await page.getByRole('option', { name: 'trading-data' }).click();
      await page
        .getByLabel('Description')
        .first()
        .fill('Card and account payments: authorisation and settlement.');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByLabel('Data retention (days)').first().fill('3650');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('button', { name: 'Create' }).click();
      const openDomain = page.getByText('Open the domain in the catalog', {
        exact: false,
      });
      await openDomain.first().waitFor({ timeout: 60_000 });
      expect(
        existsSync(join(repositoriesDir, 'payments-domain/catalog-info.yaml')),
      ).toBe(true);
      // The registered Domain's page, once the catalog has processed it.
      await openDomain.first().click();
      const domainPage = page.getByText('Card and account payments', {
        exact: false,
      });
      // Until processed, the entity page says it cannot find the entity.
      const shown = () =>
        domainPage
          .first()
          .waitFor({ timeout: 5_000 })
          .then(
            () => true,
            () => false,
          );
      for (let attempt = 0; !(await shown()); attempt++) {
        if (attempt === 12) {
          throw new Error('the payments Domain never appeared in the catalog');
        }
        await page.reload();
      }

      await page.goto(`${APP_URL}/create/templates/default/data-product`);
      // The domain is picked from the catalog's Domain entities, not typed.
      await page.getByLabel('Domain').first().fill('payments');
      await page.getByRole('option', { name: 'payments' }).click();
      await page.getByLabel('Name').first().fill('card-settlements');
      await page
        .getByLabel('Description')
        .first()
        .fill('Card payments settled by the acquirer, for reconciliation.');
      await page.getByLabel('Owner').first().fill('trading');
      await page.getByRole('option', { name: 'trading-data' }).click();
      await page.getByRole('button', { name: 'Next' }).click();

      await page.getByLabel('Detail-type').first().fill('PaymentSettled');
      await page.getByLabel('Name').nth(0).fill('payment_id');
      await page.getByRole('button', { name: 'Add Item' }).click();
      await page.getByLabel('Name').nth(1).fill('card_holder_name');
      await page.getByLabel('Personal data (PII)').nth(1).check();
      await reviewAndCreate('template-form.png');

      await page
        .getByText('Open in the catalog', { exact: false })
        .first()
        .waitFor({ timeout: 60_000 });
      // The template's output ends with the product's Athena query.
      await page.getByText('Next steps').waitFor();
      await page
        .locator('pre', { hasText: 'FROM "payments"."card_settlements"' })
        .first()
        .waitFor();
      expect(
        existsSync(
          join(repositoriesDir, 'payments-card-settlements/data-product.yaml'),
        ),
      ).toBe(true);
      await page.screenshot({ path: screenshotFile('template-run.png') });
    }, 180_000);

    it("requests access from the product page, proposed as a branch of the producer's repository", async () => {
      await page.goto(`${APP_URL}/data-mesh/products/trading/trade-executions`);
      await page.getByText('Consumers').first().waitFor();
      await page.getByRole('button', { name: 'Request access' }).click();
      // The template opens with the product filled in from the page.
      const product = page.getByRole('textbox', { name: /^Data product/ });
      await product.waitFor({ timeout: 30_000 });
      await expect(product.inputValue()).resolves.toBe(
        'trading/trade-executions',
      );
      await page.getByLabel('Consumer').first().fill('credit');
      await page
        .getByRole('option', { name: /credit-decisions/ })
        .first()
        .click();
      await page.getByLabel('AWS account').first().fill('222233334444');
      await page.getByRole('button', { name: 'Next' }).click();
      await page
        .getByLabel('Purpose')
        .first()
        .fill('Credit limits use the counterparty recent trading.');
      // Every event of the product carries PII: a privacy approval is needed.
      await page
        .getByLabel('Privacy approval', { exact: false })
        .first()
        .fill('DPO-2026-114');
      await reviewAndCreate('access-request-form.png');
      await page
        .getByText('Proposed change (access/', { exact: false })
        .first()
        .waitFor({ timeout: 60_000 });
      await page.getByText('What the producing team reviews').waitFor();
      await page.screenshot({
        path: screenshotFile('access-request-run.png'),
      });

      // The seeded producer repository holds the proposal as its own branch.
      const dir = join(repositoriesDir, 'trading-trade-executions');
      const branches = await git.listBranches({ fs, dir });
      const proposal = branches.find(branch => branch.startsWith('access/'));
      expect(proposal).toBeDefined();
      const [commit] = await git.log({ fs, dir, ref: proposal!, depth: 1 });
      const contract = new TextDecoder().decode(
        (
          await git.readBlob({
            fs,
            dir,
            oid: commit.oid,
            filepath: 'data-product.yaml',
          })
        ).blob,
      );
      expect(contract).toContain('consumer: system:credit-credit-decisions');
      expect(contract).toContain("account: '222233334444'");
    }, 180_000);
  },
);
