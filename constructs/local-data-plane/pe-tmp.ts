import { readFileSync } from 'node:fs';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { startAwsEmulator } from './emulator';
import { createAwsClients } from './aws-clients';
import { provisionTemplate } from './provision';
(async () => {
  const emu = await startAwsEmulator({ ...process.env, AWS_ENDPOINT_URL: '' });
  const clients = createAwsClients(emu.endpoint);
  await provisionTemplate(
    JSON.parse(readFileSync('/tmp/sample-template.json', 'utf8')),
    clients,
    { account: '123456789012', region: 'eu-west-1' },
  );
  for (const [src, dt] of [
    ['com.fintech.credit', 'CreditDecision'],
    ['x', 'y'],
  ]) {
    const t = Date.now();
    const r = await clients.eventBridge.send(
      new PutEventsCommand({
        Entries: Array.from({ length: 10 }, () => ({
          EventBusName: 'datamesh-credit',
          Source: src,
          DetailType: dt,
          Detail: '{"a":1}',
          Time: new Date(),
        })),
      }),
    );
    console.log(src, Date.now() - t, 'ms', r.FailedEntryCount);
  }
  await emu.stop();
})();
