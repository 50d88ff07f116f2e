import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** Answers one call: the response body, or an AWS error (`__type` and HTTP status). */
export type AwsJsonOperation = (
  input: Record<string, any>,
) =>
  | Record<string, unknown>
  | { readonly error: { type: string; message: string; status: number } };

/**
 * A loopback HTTP server that speaks the AWS JSON protocol (`X-Amz-Target:
 * <Service>.<Operation>`, JSON in and out), so tests run the real AWS SDK
 * clients, with signing, serialisation and retries, against scripted
 * answers. For EventBridge (`AWSEvents.PutEvents`, JSON 1.1) and DynamoDB
 * (`DynamoDB_20120810.BatchGetItem`, `DynamoDB_20120810.BatchWriteItem`,
 * JSON 1.0; see {@link InMemoryDynamoDbTables}).
 */
export class AwsJsonLoopbackServer {
  /** Every call received, in order. */
  readonly calls: Array<{ target: string; input: Record<string, any> }> = [];
  private readonly server: Server;

  private constructor(
    private readonly operations: Record<string, AwsJsonOperation>,
  ) {
    this.server = createServer(async (request, response) => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const input = JSON.parse((await readBody(request)) || '{}');
      this.calls.push({ target, input });
      const operation = this.operations[target];
      const answer = operation
        ? safely(() => operation(input))
        : {
            error: {
              type: 'UnknownOperationException',
              message: `no scripted answer for ${target}`,
              status: 400,
            },
          };
      const isError = 'error' in answer && typeof answer.error === 'object';
      const error = isError
        ? (answer.error as { type: string; message: string; status: number })
        : undefined;
      response.writeHead(error?.status ?? 200, {
        // The protocol version the client spoke: 1.0 for DynamoDB, 1.1 for EventBridge.
        'content-type':
          request.headers['content-type'] ?? 'application/x-amz-json-1.1',
      });
      response.end(
        JSON.stringify(
          error ? { __type: error.type, message: error.message } : answer,
        ),
      );
    });
  }

  /** Starts a server on a free loopback port. */
  static async start(
    operations: Record<string, AwsJsonOperation>,
  ): Promise<AwsJsonLoopbackServer> {
    const server = new AwsJsonLoopbackServer(operations);
    await new Promise<void>(resolve =>
      server.server.listen(0, '127.0.0.1', resolve),
    );
    return server;
  }

  /** The endpoint to give an SDK client. */
  get endpoint(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Calls of one operation, e.g. `AWSEvents.PutEvents`. */
  callsOf(target: string): Array<Record<string, any>> {
    return this.calls.filter(call => call.target === target).map(c => c.input);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }
}

/** Client settings that point an SDK client at the loopback server. */
export function loopbackClientConfig(server: AwsJsonLoopbackServer) {
  return {
    endpoint: server.endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
}

/** A DynamoDB attribute value, as the JSON protocol writes it (`{ "S": "x" }`). */
export type AttributeValueJson = Record<string, unknown>;

/**
 * In-memory DynamoDB tables behind `DynamoDB_20120810.BatchWriteItem`,
 * checking a request as DynamoDB does (1 to 25 requests, known tables, a
 * string key on every item, no key twice) and answering with its error
 * types, so a client that breaks a rule fails here as it would in AWS.
 */
export class InMemoryDynamoDbTables {
  private readonly tables = new Map<
    string,
    Map<string, Record<string, AttributeValueJson>>
  >();
  /** How many of the next put requests to hand back as UnprocessedItems. */
  unprocessedNext = 0;

  /** @param keyAttributes - the partition key attribute of each table. */
  constructor(private readonly keyAttributes: Record<string, string>) {
    for (const table of Object.keys(keyAttributes)) {
      this.tables.set(table, new Map());
    }
  }

  /** The stored item of a key, in DynamoDB JSON. */
  item(
    table: string,
    key: string,
  ): Record<string, AttributeValueJson> | undefined {
    return this.tables.get(table)?.get(key);
  }

  /** How many items a table holds. */
  size(table: string): number {
    return this.tables.get(table)?.size ?? 0;
  }

  readonly batchWriteItem: AwsJsonOperation = input => {
    const requestItems = (input.RequestItems ?? {}) as Record<
      string,
      Array<{ PutRequest?: { Item: Record<string, AttributeValueJson> } }>
    >;
    const validation = (message: string) => ({
      error: { type: 'ValidationException', message, status: 400 },
    });
    const total = Object.values(requestItems).reduce(
      (sum, requests) => sum + requests.length,
      0,
    );
    if (total < 1 || total > 25) {
      return validation('Too many items requested for the BatchWriteItem call');
    }
    const unprocessed: typeof requestItems = {};
    const accepted: Array<
      [string, string, Record<string, AttributeValueJson>]
    > = [];
    for (const [table, requests] of Object.entries(requestItems)) {
      const keyAttribute = this.keyAttributes[table];
      if (!keyAttribute) {
        return {
          error: {
            type: 'ResourceNotFoundException',
            message: 'Requested resource not found',
            status: 400,
          },
        };
      }
      const keys = new Set<string>();
      for (const request of requests) {
        const item = request.PutRequest?.Item;
        const key = item?.[keyAttribute]?.S;
        if (typeof key !== 'string') {
          return validation(
            `One or more parameter values were invalid: Missing the key ${keyAttribute} in the item, or it is not a string`,
          );
        }
        if (keys.has(key)) {
          return validation('Provided list of item keys contains duplicates');
        }
        keys.add(key);
        if (this.unprocessedNext > 0) {
          this.unprocessedNext--;
          (unprocessed[table] ??= []).push(request);
        } else {
          accepted.push([table, key, item!]);
        }
      }
    }
    for (const [table, key, item] of accepted) {
      this.tables.get(table)!.set(key, item);
    }
    return { UnprocessedItems: unprocessed };
  };
}

/** A scripted answer that throws becomes a 500, instead of a request that never ends. */
function safely(
  answer: () => ReturnType<AwsJsonOperation>,
): ReturnType<AwsJsonOperation> {
  try {
    return answer();
  } catch (error) {
    return {
      error: {
        type: 'InternalFailure',
        message: String(error),
        status: 500,
      },
    };
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', chunk => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
