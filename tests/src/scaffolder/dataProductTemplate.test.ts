import {
  componentEntityV1alpha1Validator,
  Entity,
  systemEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import git from 'isomorphic-git';
import fs, { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import {
  startScaffolderBackend,
  TEMPLATE_FILE,
} from './__testUtils__/scaffolderBackend';
import { domainAnswers, productAnswers } from './__testUtils__/answers';

describe('the data product template in a real scaffolder', () => {
  const repositoriesDir = mkdtempSync(join(tmpdir(), 'scaffolded-'));
  const repository = join(repositoriesDir, 'payments-card-settlements');
  let backend: Awaited<ReturnType<typeof startScaffolderBackend>>;

  beforeAll(async () => {
    backend = await startScaffolderBackend(repositoriesDir);
    // The product joins the payments domain: scaffold that first, as a
    // domain team would.
    await backend.scaffoldDomain(domainAnswers);
  }, 180_000);
  afterAll(() => backend?.stop());

  it('scaffolds, publishes and registers a repository from the form answers', async () => {
    const created = await backend.createTask(productAnswers);
    expect(created.status).toBe(201);
    const { task, log, steps, output } = await backend.finishTask(
      (await created.json()).id,
    );
    expect([task.status, task.status === 'completed' ? '' : log]).toEqual([
      'completed',
      '',
    ]);
    expect(steps).toEqual({
      check: 'completed',
      schema: 'completed',
      contract: 'completed',
      fetch: 'completed',
      compatibility: 'completed',
      'publish-local': 'completed',
      'publish-github': 'skipped',
      'publish-gitlab': 'skipped',
      'register-local': 'completed',
      register: 'skipped',
    });
    expect(output?.links).toEqual([
      { title: 'Repository', url: `file://${repository}` },
      {
        title: 'Open in the catalog',
        icon: 'catalog',
        entityRef: 'component:default/payments-card-settlements-pipeline',
      },
      expect.objectContaining({
        url: 'http://localhost:3000/data-mesh/products/payments/card-settlements',
      }),
    ]);

    const commits = await git.log({ fs, dir: repository });
    expect(commits).toHaveLength(1);
    expect((await git.listFiles({ fs, dir: repository })).sort()).toEqual([
      '.github/workflows/ci.yml',
      '.gitignore',
      'README.md',
      'bin/app.ts',
      'catalog-info.yaml',
      'cdk.json',
      'data-product.yaml',
      'lib/data-product-stack.ts',
      'package.json',
      'schemas/payment-settled.json',
      'scripts/check-schema-compatibility.mjs',
      'src/index.ts',
      'test/contract.test.ts',
      'test/fixtures/payment-settled.sample.json',
      'test/publisher.test.ts',
      'test/sample-event.test.ts',
      'test/stack.test.ts',
      'tsconfig.json',
    ]);

    // The contract carries the productAnswers, typed as the contract wants them.
    const contract = parse(
      readFileSync(join(repository, 'data-product.yaml'), 'utf8'),
    );
    expect(contract).toMatchObject({
      name: 'card-settlements',
      domain: 'payments',
      owner: 'group:default/payments-data',
      retention: { days: 3000 },
      sla: { freshnessMinutes: 30, latencyP95Ms: 1000 },
      events: [
        {
          detailType: 'PaymentSettled',
          source: 'com.fintech.payments',
          schema: 'schemas/payment-settled.json',
          piiFields: ['card_holder_name'],
        },
      ],
    });

    // The catalog processes the registered location.
    const component = await backend.waitFor('the registered component', () =>
      backend.getJson(
        '/catalog/entities/by-name/component/default/payments-card-settlements-pipeline',
      ),
    );
    expect(component.spec).toMatchObject({
      system: 'payments-card-settlements',
      owner: 'group:default/payments-data',
    });
  }, 180_000);

  it('writes a template and catalog entities the catalog model accepts', async () => {
    const template = parse(readFileSync(TEMPLATE_FILE, 'utf8')) as Entity;
    await expect(templateEntityV1beta3Validator.check(template)).resolves.toBe(
      true,
    );

    const entities = parseAllDocuments(
      readFileSync(join(repository, 'catalog-info.yaml'), 'utf8'),
    ).map(document => document.toJS() as Entity);
    expect(entities.map(e => e.kind)).toEqual(['Component', 'System']);
    await expect(
      componentEntityV1alpha1Validator.check(entities[0]),
    ).resolves.toBe(true);
    await expect(
      systemEntityV1alpha1Validator.check(entities[1]),
    ).resolves.toBe(true);
    expect(entities[1].metadata.description).toBe(productAnswers.description);
  });

  it('gives a GitLab repository GitLab CI instead of GitHub Actions (dry run)', async () => {
    const result = await backend.dryRun({
      ...productAnswers,
      name: 'card-chargebacks',
      repoTarget: 'gitlab',
      repoUrl: 'gitlab.com?owner=payments&repo=payments-card-chargebacks',
    });
    expect(result.steps.fetch).toBe('completed');
    const files = result.files;
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        '.gitlab-ci.yml',
        'README.md',
        'catalog-info.yaml',
      ]),
    );
    expect(Object.keys(files).filter(file => file.includes('.github'))).toEqual(
      [],
    );
    const pipeline = parse(files['.gitlab-ci.yml']);
    expect(pipeline.workflow.rules).toEqual([
      { if: '$CI_PIPELINE_SOURCE == "merge_request_event"' },
      { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' },
    ]);
    const script: string[] = pipeline.test.script;
    expect(script).toEqual(
      expect.arrayContaining(['npm test', 'npx cdk synth --quiet']),
    );
    expect(script.join('\n')).toContain(
      'npm run check:compatibility -- "origin/$target"',
    );
    expect(files['README.md']).toContain(
      '| `.gitlab-ci.yml` | Tests, synth and the compatibility check on every merge request. |',
    );
  }, 120_000);

  it('rejects productAnswers that break the form rules before anything runs', async () => {
    const response = await backend.createTask({
      ...productAnswers,
      name: 'Card Settlements',
      detailType: 'payment settled',
    });
    expect(response.status).toBe(400);
    // The scaffolder checks the productAnswers page by page against the form.
    const { errors } = await response.json();
    expect(errors).toEqual([
      expect.objectContaining({
        property: 'instance.name',
        message: expect.stringContaining('does not match pattern'),
      }),
    ]);
  });

  it('fails at the schema step on bad fields, naming each, and publishes nothing', async () => {
    const created = await backend.createTask({
      ...productAnswers,
      name: 'card-refunds',
      fields: [
        { name: 'refund_id', type: 'string', required: true },
        { name: 'refund_id', type: 'integer', required: true },
        { name: 'reason', type: 'enum', values: '', required: true },
      ],
    });
    const { task, log, steps } = await backend.finishTask(
      (await created.json()).id,
    );
    expect(task.status).toBe('failed');
    expect(Object.keys(steps).find(id => steps[id] === 'failed')).toBe(
      'schema',
    );
    expect(log).toContain(
      'fields[1].name: "refund_id" is already the name of fields[0]',
    );
    expect(log).toContain(
      'fields[2].values: an enum field needs at least one allowed value',
    );
    expect(existsSync(join(repositoriesDir, 'payments-card-refunds'))).toBe(
      false,
    );
  }, 120_000);

  it('fails at the schema step on reserved field names, saying why, and publishes nothing', async () => {
    const created = await backend.createTask({
      ...productAnswers,
      name: 'card-disputes',
      fields: [
        { name: 'dispute_id', type: 'string', required: true },
        { name: 'event_time', type: 'date-time', required: true },
        // Once crashed the task in the template engine (not a plain record).
        { name: '__proto__', type: 'string', required: false },
      ],
    });
    const { task, log, steps } = await backend.finishTask(
      (await created.json()).id,
    );
    expect(task.status).toBe('failed');
    expect(Object.keys(steps).find(id => steps[id] === 'failed')).toBe(
      'schema',
    );
    expect(log).toContain(
      'fields[1].name: "event_time" is reserved: "event_time" is an envelope column',
    );
    expect(log).toContain('fields[2].name: "__proto__" is reserved');
    expect(log).not.toContain('Only plain records');
    expect(existsSync(join(repositoriesDir, 'payments-card-disputes'))).toBe(
      false,
    );
  }, 120_000);

  it('gives an API caller who omits the optional settings the form defaults (dry run)', async () => {
    const {
      retentionDays: _retention,
      freshnessMinutes: _freshness,
      latencyP95Ms: _latency,
      ...required
    } = productAnswers;
    const result = await backend.dryRun({ ...required, name: 'card-fees' });
    expect(result.steps).toMatchObject({
      schema: 'completed',
      contract: 'completed',
      fetch: 'completed',
    });
    expect(result.log).toContain(
      'contract.sla.latencyP95Ms was not given; using the default 1000',
    );
  }, 120_000);

  it('refuses a data product that already exists in the registry', async () => {
    // The trading Domain comes from the registry, through the catalog module.
    await backend.waitFor('the trading Domain', () =>
      backend.getJson('/catalog/entities/by-name/domain/default/trading'),
    );
    const created = await backend.createTask({
      ...productAnswers,
      domain: 'domain:default/trading',
      name: 'trade-executions',
    });
    const { task, log, steps } = await backend.finishTask(
      (await created.json()).id,
    );
    expect(task.status).toBe('failed');
    expect(Object.keys(steps).find(id => steps[id] === 'failed')).toBe('check');
    expect(log).toContain(
      'the data product trading/trade-executions already exists',
    );
    expect(existsSync(join(repositoriesDir, 'trading-trade-executions'))).toBe(
      false,
    );
  }, 120_000);
});
