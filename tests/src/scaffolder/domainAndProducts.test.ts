import {
  domainEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  Entity,
  systemEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import git from 'isomorphic-git';
import fs, { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
// The constructs' own physical-name collector, from source: this package
// cannot declare the library (its package.json is fixed), and the helper is
// testing code, not the library's public API.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  duplicatePhysicalNames,
  physicalNames,
} from '../../../constructs/src/testing/physicalNames';
import { domainAnswers, productAnswers } from './__testUtils__/answers';
import {
  cdkSynth,
  installWithPackedLibraries,
  npmTest,
  packLibraries,
} from './__testUtils__/generatedRepository';
import { runCommand } from './__testUtils__/runCommand';
import {
  DOMAIN_TEMPLATE_FILE,
  startScaffolderBackend,
} from './__testUtils__/scaffolderBackend';

/** A second product of the domain, owned by another team. */
const secondProductAnswers = {
  ...productAnswers,
  name: 'card-authorisations',
  description:
    'Card authorisation decisions, for fraud analytics and limits monitoring.',
  owner: 'group:default/payments-risk',
  classification: 'internal',
  retentionDays: 2555,
  detailType: 'PaymentAuthorised',
  eventDescription: 'The issuer approved or declined a card payment.',
  fields: [
    { name: 'authorisation_id', type: 'string', required: true, pii: false },
    {
      name: 'decision',
      type: 'enum',
      values: 'APPROVED, DECLINED',
      required: true,
      pii: false,
    },
    { name: 'amount', type: 'decimal', required: true, pii: false },
  ],
};

/** Each generated repository, and the stack its app synthesizes. */
const REPOSITORIES = [
  { folder: 'payments-domain', stack: 'DataMeshDomainPayments' },
  { folder: 'payments-card-settlements', stack: 'PaymentsCardSettlements' },
  {
    folder: 'payments-card-authorisations',
    stack: 'PaymentsCardAuthorisations',
  },
];

const readEntities = (repository: string) =>
  parseAllDocuments(
    readFileSync(join(repository, 'catalog-info.yaml'), 'utf8'),
  ).map(document => document.toJS() as Entity);

describe('a domain and two products of it, scaffolded in a real scaffolder', () => {
  const repositoriesDir = mkdtempSync(join(tmpdir(), 'scaffolded-domain-'));
  const repositoryOf = (folder: string) => join(repositoriesDir, folder);
  let backend: Awaited<ReturnType<typeof startScaffolderBackend>>;

  beforeAll(async () => {
    backend = await startScaffolderBackend(repositoriesDir);
  }, 120_000);
  afterAll(() => backend?.stop());

  it('scaffolds the domain repository and registers its Domain entity', async () => {
    const created = await backend.createTask(domainAnswers, 'data-domain');
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
      fetch: 'completed',
      'publish-local': 'completed',
      'publish-github': 'skipped',
      'publish-gitlab': 'skipped',
      'register-local': 'completed',
      register: 'skipped',
    });
    const repository = repositoryOf('payments-domain');
    expect(output?.links).toEqual([
      { title: 'Repository', url: `file://${repository}` },
      {
        title: 'Open the domain in the catalog',
        icon: 'catalog',
        entityRef: 'domain:default/payments',
      },
    ]);
    expect((await git.listFiles({ fs, dir: repository })).sort()).toEqual([
      '.github/workflows/ci.yml',
      '.gitignore',
      'README.md',
      'bin/app.ts',
      'catalog-info.yaml',
      'cdk.json',
      'lib/data-domain-stack.ts',
      'package.json',
      'test/stack.test.ts',
      'tsconfig.json',
    ]);
    // What the product template's EntityPicker offers: the Domain entity.
    const domain = await backend.waitFor('the registered domain', () =>
      backend.getJson('/catalog/entities/by-name/domain/default/payments'),
    );
    expect(domain.spec).toEqual({ owner: 'group:default/payments-platform' });
  }, 180_000);

  it.each([
    ['card-settlements', productAnswers],
    ['card-authorisations', secondProductAnswers],
  ])(
    'scaffolds the %s product in the picked domain',
    async (name, answers) => {
      const created = await backend.createTask(answers);
      const { task, log, steps } = await backend.finishTask(
        (await created.json()).id,
      );
      expect([task.status, task.status === 'completed' ? '' : log]).toEqual([
        'completed',
        '',
      ]);
      // The checks ran against the domain's name, not the picked entity ref.
      expect(steps.check).toBe('completed');
      expect(log).not.toContain('domain:default/payments');
      const contract = parse(
        readFileSync(
          join(repositoryOf(`payments-${name}`), 'data-product.yaml'),
          'utf8',
        ),
      );
      expect(contract).toMatchObject({
        domain: 'payments',
        name,
        owner: answers.owner,
        events: [{ source: 'com.fintech.payments' }],
      });
      const stack = readFileSync(
        join(repositoryOf(`payments-${name}`), 'lib/data-product-stack.ts'),
        'utf8',
      );
      expect(stack).toContain('DataDomain.fromDomainName(');
      expect(stack).toContain("'payments'");
      // The domain's retention, from its Domain entity.
      expect(stack).toContain('dataRetention: Duration.days(3650)');
      expect(stack).not.toContain('new DataDomain');
    },
    180_000,
  );

  it('refuses a second domain of the same name before generating anything', async () => {
    const created = await backend.createTask(
      { ...domainAnswers, owner: 'group:default/another-team' },
      'data-domain',
    );
    const { task, log, steps } = await backend.finishTask(
      (await created.json()).id,
    );
    // Nothing after the check ran: the scaffolder marks the rest skipped.
    expect([task.status, steps.check, steps.fetch]).toEqual([
      'failed',
      'failed',
      'skipped',
    ]);
    expect(log).toContain(
      'the domain payments already exists (domain:default/payments, owner group:default/payments-platform)',
    );
  }, 120_000);

  it("refuses a product that would keep data longer than its domain, naming the domain's retention", async () => {
    const created = await backend.createTask({
      ...secondProductAnswers,
      name: 'chargebacks',
      detailType: 'ChargebackRaised',
      retentionDays: 4000,
    });
    const { task, log, steps } = await backend.finishTask(
      (await created.json()).id,
    );
    expect([task.status, steps.contract, steps.fetch]).toEqual([
      'failed',
      'failed',
      'skipped',
    ]);
    expect(log).toContain(
      'contract.retention.days: 4000 days is longer than the payments domain keeps data (3650 days, its data retention)',
    );
    expect(existsSync(repositoryOf('payments-chargebacks'))).toBe(false);
  }, 120_000);

  it('writes catalog entities the catalog model accepts, both Systems in the Domain', async () => {
    const domainTemplate = parse(
      readFileSync(DOMAIN_TEMPLATE_FILE, 'utf8'),
    ) as Entity;
    await expect(
      templateEntityV1beta3Validator.check(domainTemplate),
    ).resolves.toBe(true);

    const domainEntities = readEntities(repositoryOf('payments-domain'));
    expect(domainEntities.map(e => e.kind)).toEqual(['Domain', 'Component']);
    await expect(
      domainEntityV1alpha1Validator.check(domainEntities[0]),
    ).resolves.toBe(true);
    await expect(
      componentEntityV1alpha1Validator.check(domainEntities[1]),
    ).resolves.toBe(true);
    expect(domainEntities[0].metadata).toMatchObject({
      name: 'payments',
      description: domainAnswers.description,
    });
    expect(domainEntities[1].spec).toMatchObject({
      type: 'infrastructure',
      owner: domainAnswers.owner,
    });

    for (const [name, answers] of [
      ['card-settlements', productAnswers],
      ['card-authorisations', secondProductAnswers],
    ] as const) {
      const entities = readEntities(repositoryOf(`payments-${name}`));
      expect(entities.map(e => e.kind)).toEqual(['Component', 'System']);
      await expect(
        componentEntityV1alpha1Validator.check(entities[0]),
      ).resolves.toBe(true);
      await expect(
        systemEntityV1alpha1Validator.check(entities[1]),
      ).resolves.toBe(true);
      expect(entities[1].spec).toEqual({
        owner: answers.owner,
        domain: 'payments',
      });
    }

    // The catalog relates the registered Systems to the Domain.
    const parts = await backend.waitFor(
      'both systems in the domain',
      async () => {
        const domain = await backend.getJson(
          '/catalog/entities/by-name/domain/default/payments',
        );
        const systems = (domain?.relations ?? [])
          .filter((relation: { type: string }) => relation.type === 'hasPart')
          .map((relation: { targetRef: string }) => relation.targetRef)
          .sort();
        return systems.length === 2 ? systems : undefined;
      },
    );
    expect(parts).toEqual([
      'system:default/payments-card-authorisations',
      'system:default/payments-card-settlements',
    ]);
  }, 120_000);

  it('generates three repositories whose npm test and cdk synth pass, with no physical name in two stacks', async () => {
    for (const { folder } of REPOSITORIES) {
      expect(existsSync(repositoryOf(folder))).toBe(true);
    }
    const tarballs = await packLibraries();
    const templates: Awaited<ReturnType<typeof cdkSynth>>[] = [];
    for (const { folder, stack } of REPOSITORIES) {
      const repository = repositoryOf(folder);
      await installWithPackedLibraries(repository, tarballs);
      const testOutput = await npmTest(repository);
      expect([folder, testOutput]).toEqual([
        folder,
        expect.stringMatching(/# fail 0\b/),
      ]);
      expect(testOutput).toMatch(
        folder === 'payments-domain' ? /# pass 4\b/ : /# pass 10\b/,
      );
      templates.push(await cdkSynth(repository, stack));
    }

    // The product CI's compatibility check: the committed schema against
    // itself, and a base ref this clone lacks, which must fail, not pass.
    const settlements = repositoryOf('payments-card-settlements');
    await expect(
      runCommand(
        process.execPath,
        ['scripts/check-schema-compatibility.mjs', 'HEAD'],
        { cwd: settlements, timeoutMs: 60_000 },
      ),
    ).resolves.toContain(
      'schemas/payment-settled.json: FULL against HEAD (0 change(s)); BACKWARD honoured',
    );
    await expect(
      runCommand(
        process.execPath,
        ['scripts/check-schema-compatibility.mjs', 'origin/main'],
        { cwd: settlements, timeoutMs: 60_000 },
      ),
    ).rejects.toThrow(/Base ref "origin\/main" is not in this clone/);

    // The check honours the product's mode: a FORWARD-only change (fewer
    // currencies) fails the default BACKWARD, and a transitive mode checks
    // every version in the branch's history, not only the last.
    const checkAgainstHead = () =>
      runCommand(
        process.execPath,
        ['scripts/check-schema-compatibility.mjs', 'HEAD'],
        { cwd: settlements, timeoutMs: 60_000 },
      );
    const schemaFile = join(settlements, 'schemas/payment-settled.json');
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    expect(schema.properties.currency.enum).toEqual(['EUR', 'USD', 'GBP']);
    schema.properties.currency.enum = ['EUR', 'USD'];
    fs.writeFileSync(schemaFile, `${JSON.stringify(schema, null, 2)}\n`);
    await expect(checkAgainstHead()).rejects.toThrow(
      /schemas\/payment-settled\.json breaks its compatibility mode BACKWARD:\n {2}against version HEAD /,
    );
    await git.add({ fs, dir: settlements, filepath: 'schemas' });
    await git.commit({
      fs,
      dir: settlements,
      message: 'Settle in EUR and USD only',
      author: { name: 'Test', email: 'test@example.com' },
    });
    await expect(checkAgainstHead()).resolves.toContain(
      'Compatibility mode: BACKWARD (data-product.yaml)',
    );
    const contractFile = join(settlements, 'data-product.yaml');
    // Not answered, so absent: the contract's default, BACKWARD, applies.
    const contract = parse(readFileSync(contractFile, 'utf8'));
    expect(contract.compatibility).toBeUndefined();
    fs.writeFileSync(
      contractFile,
      stringify({ ...contract, compatibility: 'BACKWARD_TRANSITIVE' }),
    );
    await expect(checkAgainstHead()).rejects.toThrow(
      /breaks its compatibility mode BACKWARD_TRANSITIVE:\n {2}against version 1 \([0-9a-f]{7}\) /,
    );

    const [domainTemplate, ...productTemplates] = templates;
    const typesOf = (template: (typeof templates)[number]) =>
      Object.values(template.Resources).map(resource => resource.Type);
    expect(typesOf(domainTemplate)).toEqual(
      expect.arrayContaining([
        'AWS::KMS::Key',
        'AWS::Events::EventBus',
        'AWS::EventSchemas::Registry',
        'AWS::Glue::Database',
        'AWS::Athena::WorkGroup',
        'AWS::SSM::Parameter',
        'AWS::SNS::Subscription',
      ]),
    );
    for (const template of productTemplates) {
      const types = typesOf(template);
      expect(types).toEqual(
        expect.arrayContaining([
          'AWS::EventSchemas::Schema',
          'AWS::SQS::Queue',
          'AWS::Pipes::Pipe',
          'AWS::Lambda::Function',
          'AWS::KinesisFirehose::DeliveryStream',
          'AWS::Glue::Table',
        ]),
      );
      expect(types).not.toContain('AWS::Events::EventBus');
      expect(types).not.toContain('AWS::Athena::WorkGroup');
      expect(JSON.stringify(template)).not.toContain('Fn::ImportValue');
    }

    expect(duplicatePhysicalNames(templates)).toEqual([]);
    // Not vacuous: the domain's and both products' names are in.
    expect(templates.flatMap(physicalNames)).toEqual(
      expect.arrayContaining([
        'AWS::Events::EventBus datamesh-payments',
        'AWS::SSM::Parameter /datamesh/domains/payments/event-bus-arn',
        'AWS::Pipes::Pipe datamesh-payments-card-settlements',
        'AWS::Pipes::Pipe datamesh-payments-card-authorisations',
      ]),
    );
  }, 1_800_000);
});
