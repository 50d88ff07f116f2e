import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import { AwsClients } from './aws-clients';

/** A quarantined event as the quarantine queue holds it. */
export interface QuarantineEntry {
  readonly eventId?: string;
  readonly reason: string;
  readonly problems: unknown;
}

/** The quarantine entries the quarantine rule delivered so far, removed from the queue. */
export async function readQuarantine(
  clients: AwsClients,
  queueUrl: string,
): Promise<QuarantineEntry[]> {
  return (await drainQueue(clients, queueUrl)).map(body => {
    const detail = JSON.parse(body).detail;
    return {
      eventId: detail.eventId,
      reason: detail.reason,
      problems: detail.problems,
    };
  });
}

/** Receives and deletes every message of a queue; the bodies. */
export async function drainQueue(
  clients: AwsClients,
  queueUrl: string,
): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
      }),
    );
    if (Messages.length === 0) {
      return bodies;
    }
    bodies.push(...Messages.map(message => message.Body ?? ''));
    await clients.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle!,
        })),
      }),
    );
  }
}
