import { CfnSchema } from 'aws-cdk-lib/aws-eventschemas';
import { Construct } from 'constructs';
import {
  AccessGrant,
  AMAZON_EVENTS_DETAIL_TYPE_KEYWORD,
  AMAZON_EVENTS_SOURCE_KEYWORD,
  contractToTags,
  resolveEvents,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { LoadedDataProductContract } from '../contract/loadDataProductContract';
import { IDataDomain } from '../data-domain-base';

/**
 * Publishes each event's schema to the domain registry as
 * `JSONSchemaDraft4`, named `<source>@<DetailType>` and tagged with the
 * data-product tags the portal reads back (`contractToTags`). The content
 * is the contract's schema file, with the source and detail-type keywords
 * AWS uses, so the registry entry describes itself.
 */
export function publishEventSchemas(
  scope: Construct,
  domain: IDataDomain,
  loaded: LoadedDataProductContract,
  /** The approved consumers to list in the tags: those in force. */
  consumers: readonly AccessGrant[],
): CfnSchema[] {
  const { contract } = loaded;
  return resolveEvents(contract).map(event => {
    const content = {
      ...loaded.schemaDocuments[event.detailType],
      [AMAZON_EVENTS_SOURCE_KEYWORD]: event.source,
      [AMAZON_EVENTS_DETAIL_TYPE_KEYWORD]: event.detailType,
    };
    const schema = new CfnSchema(scope, `Schema${event.detailType}`, {
      registryName: domain.registryName,
      schemaName: event.schemaName,
      type: 'JSONSchemaDraft4',
      description: event.description,
      content: JSON.stringify(content),
      tags: Object.entries(contractToTags(contract, event, consumers)).map(
        ([key, value]) => ({ key, value }),
      ),
    });
    return schema;
  });
}
