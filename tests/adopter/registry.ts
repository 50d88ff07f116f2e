import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request the registry answered, for checking who installed what. */
export interface RegistryRequest {
  method: string;
  path: string;
  status: number;
  kind: 'packument' | 'tarball' | 'other';
  packageName?: string;
}

/** A running loopback registry. */
export interface ScopedRegistry {
  /** `http://127.0.0.1:<port>`, for `npmScopes.<scope>.npmRegistryServer`. */
  url: string;
  /** Every request so far, oldest first. */
  requests: RegistryRequest[];
  /** The manifest (package.json) of each package served, by name. */
  packages: Map<string, PackageManifest>;
  close(): Promise<void>;
}

/** The fields of a package.json this test reads. */
export interface PackageManifest {
  name: string;
  version: string;
  main?: string;
  dependencies?: Record<string, string>;
  [field: string]: unknown;
}

interface PublishedVersion {
  manifest: PackageManifest;
  tarball: Buffer;
  fileName: string;
  integrity: string;
  shasum: string;
}

/**
 * A private npm registry for one scope, as the READMEs assume an adopter
 * has: packuments (`GET /@scope%2fname`, also unencoded) with
 * `dist.tarball`, `dist.integrity` (sha512) and `dist.shasum`, and the
 * tarballs. Everything outside the scope gets 404: the client is meant to
 * resolve it from its default registry. The manifest served is the
 * package.json inside each tarball, so what installs is what was packed.
 *
 * Every version is stamped as published at `publishedAt` (default: now),
 * which is what a registry reports right after a release.
 */
export async function startScopedRegistry(options: {
  scope: string;
  tarballs: string[];
  publishedAt?: Date;
}): Promise<ScopedRegistry> {
  const { scope } = options;
  const publishedAt = (options.publishedAt ?? new Date()).toISOString();
  const byName = new Map<string, PublishedVersion>();
  for (const path of options.tarballs) {
    const tarball = readFileSync(path);
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', path, 'package/package.json'], {
        encoding: 'utf8',
      }),
    );
    if (!manifest.name?.startsWith(`${scope}/`)) {
      throw new Error(`${path} holds ${manifest.name}, outside ${scope}`);
    }
    byName.set(manifest.name, {
      manifest,
      tarball,
      fileName: `${manifest.name.split('/')[1]}-${manifest.version}.tgz`,
      integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
      shasum: createHash('sha1').update(tarball).digest('hex'),
    });
  }

  const requests: RegistryRequest[] = [];
  let baseUrl = '';

  function packument(published: PublishedVersion) {
    const { manifest } = published;
    return {
      _id: manifest.name,
      name: manifest.name,
      'dist-tags': { latest: manifest.version },
      versions: {
        [manifest.version]: {
          ...manifest,
          _id: `${manifest.name}@${manifest.version}`,
          dist: {
            tarball: `${baseUrl}/${manifest.name}/-/${published.fileName}`,
            integrity: published.integrity,
            shasum: published.shasum,
          },
        },
      },
      time: {
        created: publishedAt,
        modified: publishedAt,
        [manifest.version]: publishedAt,
      },
    };
  }

  function answer(req: IncomingMessage, res: ServerResponse): RegistryRequest {
    const path = decodeURIComponent(
      new URL(req.url ?? '/', 'http://registry').pathname,
    );
    const record = (
      status: number,
      kind: RegistryRequest['kind'],
      packageName?: string,
    ): RegistryRequest => ({
      method: req.method ?? '',
      path,
      status,
      kind,
      packageName,
    });
    const scoped = new RegExp(
      `^/(${scope.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[^/]+)(?:/-/([^/]+))?$`,
    ).exec(path);
    const published = scoped ? byName.get(scoped[1]) : undefined;
    if (req.method !== 'GET' || !scoped || !published) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Not found' }));
      return record(404, scoped?.[2] ? 'tarball' : 'other', scoped?.[1]);
    }
    if (scoped[2] === undefined) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(packument(published)));
      return record(200, 'packument', scoped[1]);
    }
    if (scoped[2] !== published.fileName) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Not found' }));
      return record(404, 'tarball', scoped[1]);
    }
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': published.tarball.length,
    });
    res.end(published.tarball);
    return record(200, 'tarball', scoped[1]);
  }

  const server = createServer((req, res) => {
    requests.push(answer(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    requests,
    packages: new Map(
      [...byName].map(([name, published]) => [name, published.manifest]),
    ),
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
