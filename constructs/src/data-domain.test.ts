import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ContractValidationError } from '@financial-data-mesh/plugin-data-mesh-common';
import { DataDomain } from './data-domain';
import { DataProduct } from './data-product';
import { ALLOW_DESTROY_CONTEXT } from './security/removalGuard';
import { SAMPLE_DOMAINS_DIR } from './testing/sampleContracts';

function domainStack(context: Record<string, unknown> = {}) {
  const stack = new Stack(new App({ context }), 'Test');
  return { stack };
}

describe('DataDomain', () => {
  it('rejects a domain name that breaks the naming rule', () => {
    const { stack } = domainStack();
    expect(
      () => new DataDomain(stack, 'Domain', { domain: 'Trading_Desk' }),
    ).toThrow(/"Trading_Desk" is not a valid domain name/);
  });

  it("rejects a bytes-scanned cutoff below Athena's minimum, with the name problem too", () => {
    const { stack } = domainStack();
    expect(
      () =>
        new DataDomain(stack, 'Domain', {
          domain: 'Trading_Desk',
          bytesScannedCutoffPerQuery: Size.mebibytes(5),
        }),
    ).toThrow(
      /"Trading_Desk" is not a valid domain name.*; bytesScannedCutoffPerQuery is 5242880 bytes; Athena needs at least 10000000 bytes/,
    );
  });

  it('sets the workgroup cutoff it is given', () => {
    const { stack } = domainStack();
    new DataDomain(stack, 'Domain', {
      domain: 'trading',
      bytesScannedCutoffPerQuery: Size.gibibytes(1),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: { BytesScannedCutoffPerQuery: 1073741824 },
    });
  });

  describe('removal guard', () => {
    it('retains data when DESTROY is asked without the context flag, and says why', () => {
      const { stack } = domainStack();
      const domain = new DataDomain(stack, 'Domain', {
        domain: 'trading',
        removalPolicy: RemovalPolicy.DESTROY,
      });
      expect(domain.removalPolicy).toBe(RemovalPolicy.RETAIN);
      const template = Template.fromStack(stack);
      template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
      template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
      Annotations.fromStack(stack).hasWarning(
        '/Test/Domain',
        Match.stringLikeRegexp(`${ALLOW_DESTROY_CONTEXT}=true`),
      );
    });

    it('destroys only with the prop and the context flag together', () => {
      const { stack } = domainStack({ [ALLOW_DESTROY_CONTEXT]: 'true' });
      new DataDomain(stack, 'Domain', {
        domain: 'trading',
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const template = Template.fromStack(stack);
      template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
      template.hasResource('AWS::Events::Archive', {
        DeletionPolicy: 'Delete',
      });

      const flagOnly = domainStack({ [ALLOW_DESTROY_CONTEXT]: 'true' });
      new DataDomain(flagOnly.stack, 'Domain', { domain: 'trading' });
      Template.fromStack(flagOnly.stack).hasResource('AWS::S3::Bucket', {
        DeletionPolicy: 'Retain',
      });
    });
  });
});

describe('DataProduct.fromContractFile', () => {
  let workDir: string;
  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'datamesh-contract-'));
    cpSync(join(SAMPLE_DOMAINS_DIR, 'credit'), workDir, { recursive: true });
  });
  afterEach(() => rmSync(workDir, { recursive: true, force: true }));

  const contractFile = () => join(workDir, 'data-product.yaml');
  const edit = (from: string | RegExp, to: string) =>
    writeFileSync(
      contractFile(),
      readFileSync(contractFile(), 'utf8').replace(from, to),
    );
  const build = (domainName = 'credit', options = {}) => {
    const { stack } = domainStack();
    const domain = new DataDomain(stack, 'Domain', { domain: domainName });
    return DataProduct.fromContractFile(domain, 'Product', {
      ...options,
      domain,
      contractFile: contractFile(),
    });
  };

  it('builds a product from a valid contract file', () => {
    expect(build().tableLayout.table).toBe('credit_decisions');
  });

  it('fails synth with every problem of a bad contract, by file, line and field', () => {
    edit('classification: confidential', 'classification: secret');
    edit('days: 3650', "days: 'ten years'");
    let error: unknown;
    try {
      build();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContractValidationError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^Invalid data product contract .*data-product\.yaml \(2 problems\)/,
    );
    expect(message).toMatch(
      /data-product\.yaml:12:17 classification: must be one of public, internal, confidential, restricted \(got "secret"\)/,
    );
    expect(message).toMatch(
      /data-product\.yaml:14:9 retention\.days: must be a number, not a string/,
    );
  });

  it('fails synth when the contract names a field its schema does not have', () => {
    edit('piiFields: [customer_id]', 'piiFields: [customer_ssn]');
    expect(() => build()).toThrow(
      /events\[0\]\.piiFields\[0\]: PII field "customer_ssn" does not exist in schemas\/credit-decision\.json/,
    );
  });

  it('fails synth when a product is added to another domain', () => {
    expect(() => build('trading')).toThrow(
      /domain is "credit" but the product is added to domain "trading"/,
    );
  });

  it('fails synth when Firehose buffering would break the freshness SLA', () => {
    edit('freshnessMinutes: 30', 'freshnessMinutes: 1');
    expect(() => build()).toThrow(
      /Firehose would buffer 60 s, longer than the 1-minute freshness SLA/,
    );
  });

  it('fails synth with every out-of-range tuning option named', () => {
    expect(() =>
      build('credit', {
        batchSize: 1000,
        maxReceiveCount: 0,
        bufferSize: Size.mebibytes(32),
      }),
    ).toThrow(
      [
        'invalid DataProduct options:',
        '  - batchSize is 1000; it must be an integer from 1 to 500 (a Firehose target takes 500 records per batch)',
        '  - maxReceiveCount is 0; it must be an integer from 1 to 1000 (SQS redrive allows 1 to 1000 receives)',
        '  - bufferSizeMiB is 32; it must be an integer from 64 to 128 (Parquet conversion needs 64 to 128 MiB)',
      ].join('\n'),
    );
  });
});
