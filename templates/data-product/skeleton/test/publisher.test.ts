import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  EventPublisher,
  PutEventsClient,
} from '@financial-data-mesh/event-publisher';
import * as events from '../src';

// Template values only inside strings, so that this file stays TypeScript
// before it is rendered too.
type SampleDetail = events.DataProductEvents['${{ values.detailType }}'];
const SOURCE =
  events['${{ values.eventFile | replace("-", "_") | upper }}_SOURCE'];
const DETAIL_TYPE =
  events['${{ values.eventFile | replace("-", "_") | upper }}_DETAIL_TYPE'];

const root = join(__dirname, '..', '..');
const read = (path: string) =>
  JSON.parse(readFileSync(join(root, path), 'utf8'));

type PutEventsInput = Parameters<PutEventsClient['send']>[0]['input'];

/** EventBridge as far as the publisher sees it: records every PutEvents input. */
function recordingClient() {
  const inputs: PutEventsInput[] = [];
  const client: PutEventsClient = {
    async send(command) {
      inputs.push(command.input);
      const entries = command.input.Entries ?? [];
      return {
        $metadata: {},
        FailedEntryCount: 0,
        Entries: entries.map((_, index) => ({ EventId: `event-${index}` })),
      };
    },
  };
  return { client, inputs };
}

test('the sample ${{ values.detailType }} event is published with its source and detail-type', async () => {
  const sample: SampleDetail = read(
    'test/fixtures/${{ values.eventFile }}.sample.json',
  );
  const { client, inputs } = recordingClient();
  const publisher = new EventPublisher<events.DataProductEvents>({
    eventBusName: 'datamesh-${{ values.domain }}',
    source: SOURCE,
    client,
    // Validated against the contract's schema before anything is sent.
    schemas: { '${{ values.detailType }}': read('${{ values.schemaPath }}') },
  });

  const eventId = await publisher.publish({
    detailType: DETAIL_TYPE,
    detail: sample,
  });

  assert.equal(eventId, 'event-0');
  assert.equal(inputs.length, 1);
  const [entry] = inputs[0].Entries ?? [];
  assert.equal(entry.EventBusName, 'datamesh-${{ values.domain }}');
  assert.equal(entry.DetailType, '${{ values.detailType }}');
  assert.equal(entry.Source, '${{ values.source }}');
  assert.deepEqual(JSON.parse(entry.Detail ?? 'null'), sample);
});

test('a detail-type the product does not declare does not compile', () => {
  const publisher = new EventPublisher<events.DataProductEvents>({
    eventBusName: 'datamesh-${{ values.domain }}',
    source: SOURCE,
    client: recordingClient().client,
  });
  const sample: SampleDetail = read(
    'test/fixtures/${{ values.eventFile }}.sample.json',
  );
  // Never called: tsc is the check. The build fails if a detail-type this
  // product does not declare ever type-checks.
  const publishUnknown = () =>
    publisher.publish({
      // @ts-expect-error NotAnEventOfThisProduct is not in DataProductEvents
      detailType: 'NotAnEventOfThisProduct',
      detail: sample,
    });
  assert.equal(typeof publishUnknown, 'function');
});
