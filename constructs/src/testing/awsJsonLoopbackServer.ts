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
 * answers. For EventBridge (`AWSEvents.PutEvents`) and DynamoDB
 * (`DynamoDB_20120810.BatchGetItem`).
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
        'content-type': 'application/x-amz-json-1.1',
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
