import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { SAMPLE_DOMAINS_DIR } from '../src/testing/sampleContracts';
import { AwsClients } from './aws-clients';
import { CloudFormationTemplate, resourcesOfType } from './template';

/**
 * Loads each reference table of the template with its sample items, from
 * `examples/domains/<domain>/reference-data/<table name>.json` where one exists.
 */
export async function loadReferenceData(
  template: CloudFormationTemplate,
  clients: AwsClients,
): Promise<void> {
  const documents = DynamoDBDocumentClient.from(clients.dynamoDb);
  for (const [, table] of resourcesOfType(template, 'AWS::DynamoDB::Table')) {
    const tableName = String(table.Properties?.TableName ?? '');
    const file = referenceDataFile(tableName);
    if (!file) {
      continue;
    }
    const items = JSON.parse(readFileSync(file, 'utf8')) as Record<
      string,
      unknown
    >[];
    for (let start = 0; start < items.length; start += 25) {
      await documents.send(
        new BatchWriteCommand({
          RequestItems: {
            [tableName]: items
              .slice(start, start + 25)
              .map(Item => ({ PutRequest: { Item } })),
          },
        }),
      );
    }
  }
}

/** `examples/domains/<domain>/reference-data/<table name>.json`, whichever domain has it. */
function referenceDataFile(tableName: string): string | undefined {
  return readdirSync(SAMPLE_DOMAINS_DIR)
    .map(domain =>
      join(SAMPLE_DOMAINS_DIR, domain, 'reference-data', `${tableName}.json`),
    )
    .find(file => existsSync(file));
}
