// ******************************************************************
// * Generated from plugins/data-mesh-backend/src/schema/openapi.yaml
// * by scripts/generate-openapi.mjs. Do not edit: change the document
// * and run `npm run openapi:generate`.
// ******************************************************************
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The REST API's OpenAPI document. */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'data-mesh',
    version: '0.1.0',
    description:
      "Data products and their event schemas from the EventBridge Schema Registry, served by the data mesh backend plugin from an in-memory snapshot (requests never wait for AWS). Prose and examples: docs/api.md. The backend's validated router and the common package's types and DataMeshApiClient are generated from this document (npm run openapi:generate). The contract test (src/openapi.test.ts) checks every response of the running plugin against this document.",
    license: {
      name: 'Apache-2.0',
      identifier: 'Apache-2.0',
    },
    contact: {
      name: 'Data mesh platform team',
      url: 'https://github.com/financial-data-mesh/data-mesh-platform',
    },
  },
  tags: [
    {
      name: 'Data products',
      description: 'Data products, their events, consumers and Athena access.',
    },
    {
      name: 'Events',
      description:
        'Every event schema of the registries, its versions and their compatibility.',
    },
    {
      name: 'Export',
      description:
        'The snapshot as pages, for other backend plugins (the catalog module).',
    },
    {
      name: 'Operations',
      description: 'Health, refresh and this document.',
    },
  ],
  servers: [
    {
      url: '/',
    },
  ],
  security: [
    {
      backstageToken: [],
    },
  ],
  paths: {
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiSpec',
        summary: 'This document, as JSON.',
        tags: ['Operations'],
        description:
          'Needs no credentials, so that tools and the api-docs plugin can read it.',
        security: [],
        responses: {
          '200': {
            description: 'The OpenAPI document.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/health': {
      get: {
        operationId: 'getHealth',
        summary: 'How complete and fresh the snapshot is.',
        tags: ['Operations'],
        description:
          "Open to anyone (monitors poll it). An anonymous caller gets the status only (`PublicHealthReport`); a signed-in user or service gets the reasons and every source's details (`HealthReport`). Neither carries a server path.",
        security: [
          {},
          {
            backstageToken: [],
          },
        ],
        responses: {
          '200': {
            description:
              '`ok`; `degraded` when part of the catalog is missing or stale (a source failing or stale, schemas in error or with warnings); `failing` when no source could be read (only stale data, or nothing, is served).',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/HealthAnswer',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            description: '`starting`: the first refresh has not finished.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/HealthAnswer',
                },
              },
            },
          },
        },
      },
    },
    '/refresh': {
      post: {
        operationId: 'refresh',
        summary: 'Refresh every source now; concurrent calls share one run.',
        tags: ['Operations'],
        description:
          'Needs the `data-mesh.refresh` permission (403 otherwise). One refresh over HTTP per `dataMesh.refresh.minInterval` (default 30 s, counted from the end of the previous one): a call while one runs joins it, a call sooner after it gets 429 with `Retry-After`.',
        responses: {
          '200': {
            description: 'The health report after the refresh.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/HealthReport',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '429': {
            description: 'Too soon after the previous refresh.',
            headers: {
              'Retry-After': {
                description: 'Seconds until a refresh is accepted.',
                schema: {
                  type: 'integer',
                  minimum: 1,
                },
              },
            },
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/data-products': {
      get: {
        operationId: 'listDataProducts',
        summary: 'Data products, sorted by domain and name.',
        tags: ['Data products'],
        description: 'Unknown parameters are rejected (400).',
        parameters: [
          {
            name: 'q',
            in: 'query',
            allowReserved: true,
            description:
              "Case-insensitive text in name, domain, owner or an event's detail-type.",
            schema: {
              type: 'string',
              maxLength: 200,
            },
          },
          {
            name: 'domain',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'owner',
            in: 'query',
            allowReserved: true,
            description: 'Owner entity ref, e.g. `group:trading-data`.',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'classification',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/Classification',
            },
          },
          {
            $ref: '#/components/parameters/offset',
          },
          {
            $ref: '#/components/parameters/limit',
          },
        ],
        responses: {
          '200': {
            description: 'One page of products.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DataProductPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/data-products/facets': {
      get: {
        operationId: 'getDataProductFacets',
        summary: 'The values the data product filters can take.',
        tags: ['Data products'],
        description:
          "The domains, owners and classifications of every product, for the list's filters.",
        responses: {
          '200': {
            description: 'Each list sorted.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DataProductFacets',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/data-products/{domain}/{name}': {
      get: {
        operationId: 'getDataProduct',
        summary: 'One product with its events and how to query it in Athena.',
        tags: ['Data products'],
        description:
          "The product's contract fields, its events, its approved consumers with what each receives and until when, and how to query it in Athena. 404 when the domain has no product of that name.",
        parameters: [
          {
            name: 'domain',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'name',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The product.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DataProductDetails',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/events': {
      get: {
        operationId: 'listEvents',
        summary: 'Every event schema, managed by a data product or not.',
        tags: ['Events'],
        description: 'Unknown parameters are rejected (400).',
        parameters: [
          {
            name: 'q',
            in: 'query',
            allowReserved: true,
            description: 'Text in the schema name.',
            schema: {
              type: 'string',
              maxLength: 200,
            },
          },
          {
            name: 'registry',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'unmanaged',
            in: 'query',
            description:
              '`true`: only schemas without data-product tags; `false`: only managed ones.',
            schema: {
              type: 'string',
              enum: ['true', 'false'],
            },
          },
          {
            $ref: '#/components/parameters/offset',
          },
          {
            $ref: '#/components/parameters/limit',
          },
        ],
        responses: {
          '200': {
            description: 'One page of events.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EventPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/events/{registry}/{schema}': {
      get: {
        operationId: 'getEvent',
        summary: 'An event with its version history and all of its tags.',
        tags: ['Events'],
        description:
          'Its summary, every version (oldest first) and every tag of the schema. 409 when two sources hold a registry of this name and `source` does not say which.',
        parameters: [
          {
            $ref: '#/components/parameters/registry',
          },
          {
            $ref: '#/components/parameters/schema',
          },
          {
            $ref: '#/components/parameters/source',
          },
        ],
        responses: {
          '200': {
            description: 'The event.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EventDetails',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/events/{registry}/{schema}/versions/{version}': {
      get: {
        operationId: 'getEventVersion',
        summary: "One version's content, raw and read.",
        tags: ['Events'],
        description:
          "`content` is exactly what the registry stores; `detail` is the event's detail schema with its references resolved, absent when the content cannot be read (`problems` says why); `fields` flattens it for display.",
        parameters: [
          {
            $ref: '#/components/parameters/registry',
          },
          {
            $ref: '#/components/parameters/schema',
          },
          {
            name: 'version',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            $ref: '#/components/parameters/source',
          },
        ],
        responses: {
          '200': {
            description: 'The version.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SchemaVersionContent',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/events/{registry}/{schema}/evolution': {
      get: {
        operationId: 'getEventEvolution',
        summary: "The schema's history under its product's compatibility mode.",
        tags: ['Events'],
        description:
          "The verdict of each consecutive pair of versions, and whether the latest version honours the mode (the contract's `compatibility`, BACKWARD when untagged) and its transitive form.",
        parameters: [
          {
            $ref: '#/components/parameters/registry',
          },
          {
            $ref: '#/components/parameters/schema',
          },
          {
            $ref: '#/components/parameters/source',
          },
        ],
        responses: {
          '200': {
            description: 'The history.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SchemaEvolution',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/events/{registry}/{schema}/diff': {
      get: {
        operationId: 'diffEventVersions',
        summary:
          'The compatibility of two versions (docs/decisions/0003-schema-compatibility.md).',
        tags: ['Events'],
        description:
          'Every change between the two versions, whether it breaks readers or writers, and the compatibility level they leave (FULL, BACKWARD, FORWARD or NONE).',
        parameters: [
          {
            $ref: '#/components/parameters/registry',
          },
          {
            $ref: '#/components/parameters/schema',
          },
          {
            name: 'from',
            in: 'query',
            required: true,
            schema: {
              type: 'string',
              pattern: '^\\d+$',
            },
          },
          {
            name: 'to',
            in: 'query',
            required: true,
            description:
              'May be older than `from`; the diff is then read backwards.',
            schema: {
              type: 'string',
              pattern: '^\\d+$',
            },
          },
          {
            $ref: '#/components/parameters/source',
          },
        ],
        responses: {
          '200': {
            description: 'The differences and the compatibility level.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SchemaDiffResult',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/snapshot': {
      get: {
        operationId: 'getSnapshotManifest',
        summary:
          "The export's manifest, for other backend plugins (service tokens only).",
        tags: ['Export'],
        description:
          "The export's identity, completeness and page count. Its ETag is the snapshot id, which names the content: a reader that sends it back in If-None-Match gets 304 while nothing changed.",
        parameters: [
          {
            name: 'If-None-Match',
            in: 'header',
            required: false,
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: "The manifest of the current snapshot's export.",
            headers: {
              ETag: {
                description: 'W/"<snapshotId>"',
                schema: {
                  type: 'string',
                },
              },
            },
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SnapshotManifest',
                },
              },
            },
          },
          '304': {
            description: 'The export is still the one If-None-Match names.',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            description:
              'The first refresh has not finished; nothing to export yet.',
            headers: {
              'Retry-After': {
                description: 'Seconds to wait before asking again.',
                schema: {
                  type: 'integer',
                  minimum: 1,
                },
              },
            },
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/snapshot/{snapshotId}/pages/{page}': {
      get: {
        operationId: 'getSnapshotPage',
        summary: "One page of a snapshot's export (service tokens only).",
        tags: ['Export'],
        description:
          "Pages are numbered from 0 up to the manifest's `pageCount`. 409 once newer snapshots have replaced this one: read the manifest again.",
        parameters: [
          {
            name: 'snapshotId',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              pattern: '^[A-Za-z0-9_-]{1,64}$',
            },
          },
          {
            name: 'page',
            in: 'path',
            required: true,
            schema: {
              type: 'integer',
              minimum: 0,
            },
          },
        ],
        responses: {
          '200': {
            description:
              'Products, then events with their latest detail schema, in export order. A page never changes.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SnapshotPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      backstageToken: {
        type: 'http',
        scheme: 'bearer',
        description: 'A Backstage user or service token.',
      },
    },
    parameters: {
      offset: {
        name: 'offset',
        in: 'query',
        schema: {
          type: 'integer',
          minimum: 0,
          default: 0,
        },
      },
      limit: {
        name: 'limit',
        in: 'query',
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 500,
          default: 50,
        },
      },
      registry: {
        name: 'registry',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      schema: {
        name: 'schema',
        in: 'path',
        required: true,
        description:
          'The schema name, URL-encoded (`aws.payments%40SettlementCompleted`).',
        schema: {
          type: 'string',
        },
      },
      source: {
        name: 'source',
        in: 'query',
        allowReserved: true,
        description:
          'The source id, when two sources hold a registry of this name (else 409).',
        schema: {
          type: 'string',
        },
      },
    },
    responses: {
      Error: {
        description: "Backstage's error body; the message names what is wrong.",
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error', 'response'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
          },
          response: {
            type: 'object',
            required: ['statusCode'],
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
          },
        },
      },
      Classification: {
        type: 'string',
        enum: ['public', 'internal', 'confidential', 'restricted'],
      },
      SchemaFormat: {
        type: 'string',
        enum: ['JSONSchemaDraft4', 'OpenApi3'],
      },
      JsonSchema: {
        description: 'A JSON Schema, as read from the registry.',
        type: 'object',
        additionalProperties: true,
      },
      StringList: {
        type: 'array',
        items: {
          type: 'string',
        },
      },
      StringMap: {
        type: 'object',
        additionalProperties: {
          type: 'string',
        },
      },
      RegistryLocation: {
        type: 'object',
        required: ['sourceId', 'type'],
        additionalProperties: false,
        properties: {
          sourceId: {
            type: 'string',
          },
          type: {
            type: 'string',
            enum: ['aws', 'directory'],
          },
          accountId: {
            type: 'string',
          },
          region: {
            type: 'string',
          },
        },
      },
      EventSummaryFields: {
        type: 'object',
        required: [
          'location',
          'registry',
          'schemaName',
          'format',
          'latestVersion',
          'versionCount',
          'piiFields',
          'problems',
        ],
        properties: {
          location: {
            $ref: '#/components/schemas/RegistryLocation',
          },
          registry: {
            type: 'string',
          },
          schemaName: {
            type: 'string',
          },
          source: {
            type: 'string',
          },
          detailType: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          format: {
            $ref: '#/components/schemas/SchemaFormat',
          },
          latestVersion: {
            type: 'string',
          },
          versionCount: {
            type: 'integer',
            minimum: 1,
          },
          lastModified: {
            type: 'string',
            format: 'date-time',
          },
          domain: {
            description:
              'Absent for an unmanaged event (no data-product tags).',
            type: 'string',
          },
          dataProduct: {
            type: 'string',
          },
          piiFields: {
            $ref: '#/components/schemas/StringList',
          },
          problems: {
            description:
              'Why this event is shown degraded (malformed content, bad tags).',
            $ref: '#/components/schemas/StringList',
          },
        },
      },
      EventSummary: {
        type: 'object',
        allOf: [
          {
            $ref: '#/components/schemas/EventSummaryFields',
          },
        ],
        unevaluatedProperties: false,
      },
      EventDetails: {
        type: 'object',
        allOf: [
          {
            $ref: '#/components/schemas/EventSummaryFields',
          },
        ],
        required: ['versions', 'tags'],
        properties: {
          versions: {
            description: 'Oldest first.',
            type: 'array',
            items: {
              type: 'object',
              required: ['version'],
              additionalProperties: false,
              properties: {
                version: {
                  type: 'string',
                },
                createdAt: {
                  type: 'string',
                  format: 'date-time',
                },
              },
            },
          },
          tags: {
            $ref: '#/components/schemas/StringMap',
          },
        },
        unevaluatedProperties: false,
      },
      EventWithSchema: {
        type: 'object',
        allOf: [
          {
            $ref: '#/components/schemas/EventSummaryFields',
          },
        ],
        properties: {
          latestDetail: {
            description:
              'Absent when the latest version is unreadable (see `problems`).',
            $ref: '#/components/schemas/JsonSchema',
          },
        },
        unevaluatedProperties: false,
      },
      SchemaField: {
        type: 'object',
        required: ['path', 'name', 'depth', 'types', 'required', 'schema'],
        additionalProperties: false,
        properties: {
          path: {
            description:
              'Dotted path as contracts write it, e.g. `customer.address.city`, `legs[].price`.',
            type: 'string',
          },
          name: {
            type: 'string',
          },
          depth: {
            type: 'integer',
            minimum: 0,
          },
          types: {
            type: 'array',
            items: {
              type: 'string',
              enum: [
                'string',
                'number',
                'integer',
                'boolean',
                'object',
                'array',
                'null',
              ],
            },
          },
          required: {
            type: 'boolean',
          },
          description: {
            type: 'string',
          },
          format: {
            type: 'string',
          },
          enum: {
            description:
              'The values the schema allows, as JSON values of any type.',
            type: 'array',
            items: {},
          },
          schema: {
            $ref: '#/components/schemas/JsonSchema',
          },
        },
      },
      SchemaVersionContent: {
        type: 'object',
        required: [
          'registry',
          'schemaName',
          'version',
          'format',
          'content',
          'fields',
          'problems',
        ],
        additionalProperties: false,
        properties: {
          registry: {
            type: 'string',
          },
          schemaName: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          format: {
            $ref: '#/components/schemas/SchemaFormat',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          content: {
            description: 'The content exactly as the registry stores it.',
            type: 'string',
          },
          detail: {
            description:
              "The detail's JSON Schema, refs resolved; absent when unreadable.",
            $ref: '#/components/schemas/JsonSchema',
          },
          fields: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SchemaField',
            },
          },
          problems: {
            $ref: '#/components/schemas/StringList',
          },
        },
      },
      SchemaChange: {
        type: 'object',
        required: [
          'kind',
          'path',
          'subject',
          'description',
          'backward',
          'forward',
        ],
        additionalProperties: false,
        properties: {
          kind: {
            description:
              'A rule of docs/decisions/0003-schema-compatibility.md, e.g. `type-widened`.',
            type: 'string',
          },
          path: {
            description:
              'JSON path of the changed schema node, e.g. `$.legs[*].price`.',
            type: 'string',
          },
          subject: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          backward: {
            type: 'boolean',
          },
          forward: {
            type: 'boolean',
          },
        },
      },
      SchemaDiffResult: {
        type: 'object',
        required: ['registry', 'schemaName', 'from', 'to', 'diff'],
        additionalProperties: false,
        properties: {
          registry: {
            type: 'string',
          },
          schemaName: {
            type: 'string',
          },
          from: {
            type: 'string',
          },
          to: {
            type: 'string',
          },
          diff: {
            type: 'object',
            required: ['compatibility', 'breaking', 'changes'],
            additionalProperties: false,
            properties: {
              compatibility: {
                $ref: '#/components/schemas/CompatibilityLevel',
              },
              breaking: {
                type: 'boolean',
              },
              changes: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/SchemaChange',
                },
              },
            },
          },
        },
      },
      CompatibilityLevel: {
        type: 'string',
        enum: ['FULL', 'BACKWARD', 'FORWARD', 'NONE'],
      },
      CompatibilityMode: {
        type: 'string',
        enum: [
          'BACKWARD',
          'BACKWARD_TRANSITIVE',
          'FORWARD',
          'FORWARD_TRANSITIVE',
          'FULL',
          'FULL_TRANSITIVE',
          'NONE',
        ],
      },
      ModeCheckSummary: {
        type: 'object',
        required: ['mode', 'honoured', 'checkedAgainst', 'violations'],
        additionalProperties: false,
        properties: {
          mode: {
            $ref: '#/components/schemas/CompatibilityMode',
          },
          honoured: {
            type: 'boolean',
          },
          checkedAgainst: {
            $ref: '#/components/schemas/StringList',
          },
          violations: {
            type: 'array',
            items: {
              type: 'object',
              required: [
                'againstVersion',
                'direction',
                'verdict',
                'changeCount',
              ],
              additionalProperties: false,
              properties: {
                againstVersion: {
                  type: 'string',
                },
                direction: {
                  type: 'string',
                  enum: ['backward', 'forward'],
                },
                verdict: {
                  description:
                    '`not-analysed` when only changes the checker does not interpret stand in the way.',
                  type: 'string',
                  enum: ['breaking', 'not-analysed'],
                },
                changeCount: {
                  type: 'integer',
                  minimum: 1,
                },
              },
            },
          },
        },
      },
      SchemaEvolution: {
        type: 'object',
        required: [
          'registry',
          'schemaName',
          'mode',
          'modeDeclared',
          'pairs',
          'latest',
          'problems',
        ],
        additionalProperties: false,
        properties: {
          registry: {
            type: 'string',
          },
          schemaName: {
            type: 'string',
          },
          mode: {
            $ref: '#/components/schemas/CompatibilityMode',
          },
          modeDeclared: {
            description:
              'False when no contract tag names the mode and the default applies.',
            type: 'boolean',
          },
          pairs: {
            type: 'array',
            items: {
              type: 'object',
              required: ['from', 'to', 'compatibility', 'changeCount'],
              additionalProperties: false,
              properties: {
                from: {
                  type: 'string',
                },
                to: {
                  type: 'string',
                },
                compatibility: {
                  $ref: '#/components/schemas/CompatibilityLevel',
                },
                changeCount: {
                  type: 'integer',
                  minimum: 0,
                },
              },
            },
          },
          latest: {
            type: 'object',
            required: ['version', 'mode'],
            additionalProperties: false,
            properties: {
              version: {
                type: 'string',
              },
              mode: {
                $ref: '#/components/schemas/ModeCheckSummary',
              },
              transitive: {
                $ref: '#/components/schemas/ModeCheckSummary',
              },
            },
          },
          problems: {
            $ref: '#/components/schemas/StringList',
          },
        },
      },
      AthenaAccess: {
        type: 'object',
        required: ['database', 'table', 'partitionKeys', 'sampleQuery'],
        additionalProperties: false,
        properties: {
          database: {
            type: 'string',
          },
          table: {
            type: 'string',
          },
          workgroup: {
            type: 'string',
          },
          partitionKeys: {
            $ref: '#/components/schemas/StringList',
          },
          sampleQuery: {
            type: 'string',
          },
        },
      },
      DataProductSummaryFields: {
        type: 'object',
        required: ['domain', 'name', 'eventCount', 'detailTypes', 'degraded'],
        properties: {
          domain: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          classification: {
            $ref: '#/components/schemas/Classification',
          },
          contractVersion: {
            type: 'string',
          },
          eventCount: {
            type: 'integer',
            minimum: 0,
          },
          detailTypes: {
            $ref: '#/components/schemas/StringList',
          },
          degraded: {
            description: 'True when some metadata or schema could not be read.',
            type: 'boolean',
          },
        },
      },
      DataProductSummary: {
        type: 'object',
        allOf: [
          {
            $ref: '#/components/schemas/DataProductSummaryFields',
          },
        ],
        unevaluatedProperties: false,
      },
      DataProductDetails: {
        type: 'object',
        allOf: [
          {
            $ref: '#/components/schemas/DataProductSummaryFields',
          },
        ],
        required: ['events', 'consumers', 'userTags', 'problems'],
        properties: {
          consumers: {
            description:
              "The approved consumers (the contract's `access.consumers` in force at the last deploy).",
            type: 'array',
            items: {
              $ref: '#/components/schemas/ConsumerSummary',
            },
          },
          compatibility: {
            description:
              "The mode new event versions must honour (the contract's `compatibility`).",
            $ref: '#/components/schemas/CompatibilityMode',
          },
          retentionDays: {
            type: 'integer',
            minimum: 1,
          },
          freshnessMinutes: {
            type: 'integer',
            minimum: 1,
          },
          athena: {
            $ref: '#/components/schemas/AthenaAccess',
          },
          events: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EventSummary',
            },
          },
          userTags: {
            description: "The owner's own tags (not `datamesh:`).",
            $ref: '#/components/schemas/StringMap',
          },
          problems: {
            $ref: '#/components/schemas/StringList',
          },
        },
        unevaluatedProperties: false,
      },
      ConsumerSummary: {
        type: 'object',
        description: 'An approved consumer of a data product.',
        required: ['consumer', 'events'],
        additionalProperties: false,
        properties: {
          consumer: {
            description:
              'The consuming System or Group (a Backstage entity reference with its kind).',
            type: 'string',
          },
          events: {
            description:
              "Whether the product's events (all or some) are forwarded to it.",
            type: 'boolean',
          },
          detailTypes: {
            description: 'When only some detail-types are forwarded, those.',
            type: 'array',
            items: {
              type: 'string',
            },
          },
          table: {
            description: 'What it reads of the table, when anything.',
            type: 'string',
            enum: ['without-pii', 'with-pii'],
          },
          expires: {
            description: "The grant's last day.",
            type: 'string',
            format: 'date',
          },
        },
      },
      DataProductFacets: {
        type: 'object',
        required: ['domains', 'owners', 'classifications'],
        additionalProperties: false,
        properties: {
          domains: {
            $ref: '#/components/schemas/StringList',
          },
          owners: {
            $ref: '#/components/schemas/StringList',
          },
          classifications: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Classification',
            },
          },
        },
      },
      PageFields: {
        type: 'object',
        required: ['items', 'totalCount', 'offset', 'limit'],
        description:
          'One page; `items` is typed by the page schemas that include this one.',
        properties: {
          items: {
            type: 'array',
            items: {},
          },
          totalCount: {
            type: 'integer',
            minimum: 0,
          },
          offset: {
            type: 'integer',
            minimum: 0,
          },
          limit: {
            type: 'integer',
            minimum: 1,
            maximum: 500,
          },
        },
      },
      DataProductPage: {
        type: 'object',
        allOf: [
          {
            $ref: '#/components/schemas/PageFields',
          },
        ],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DataProductSummary',
            },
          },
        },
        unevaluatedProperties: false,
      },
      EventPage: {
        type: 'object',
        allOf: [
          {
            $ref: '#/components/schemas/PageFields',
          },
        ],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EventSummary',
            },
          },
        },
        unevaluatedProperties: false,
      },
      SourceHealth: {
        type: 'object',
        required: [
          'location',
          'status',
          'registryCount',
          'schemaCount',
          'versionCount',
          'warnings',
          'schemasInError',
          'stale',
        ],
        additionalProperties: false,
        properties: {
          location: {
            $ref: '#/components/schemas/RegistryLocation',
          },
          status: {
            description:
              '`pending` until the first refresh of the source finished.',
            type: 'string',
            enum: ['ok', 'failing', 'pending'],
          },
          lastAttemptAt: {
            type: 'string',
            format: 'date-time',
          },
          lastSuccessAt: {
            type: 'string',
            format: 'date-time',
          },
          lastDurationMs: {
            type: 'integer',
            minimum: 0,
          },
          registryCount: {
            type: 'integer',
            minimum: 0,
          },
          schemaCount: {
            type: 'integer',
            minimum: 0,
          },
          versionCount: {
            type: 'integer',
            minimum: 0,
          },
          error: {
            description:
              "The last refresh's error; the previous good data is still served.",
            type: 'string',
          },
          warnings: {
            $ref: '#/components/schemas/StringList',
          },
          schemasInError: {
            description:
              'Schemas the last read listed but could not read; each keeps the versions of its last good read (or is left out when there was none).',
            type: 'integer',
            minimum: 0,
          },
          stale: {
            description:
              'True when what is served is not what the last refresh read (failed, over the refresh budget, or held back as a suspect drop).',
            type: 'boolean',
          },
          dataReadAt: {
            description: 'When the data served for this source was read.',
            type: 'string',
            format: 'date-time',
          },
          dataAgeSeconds: {
            description: 'Seconds since `dataReadAt`, as of this report.',
            type: 'integer',
            minimum: 0,
          },
          suspectSchemaCount: {
            description:
              'The schema count of a read held back as a suspect drop (half the schemas or more gone), until a second read confirms it.',
            type: 'integer',
            minimum: 0,
          },
        },
      },
      HealthStatus: {
        type: 'string',
        enum: ['ok', 'degraded', 'failing', 'starting'],
      },
      PublicHealthReport: {
        description: 'What an anonymous caller of /health gets.',
        type: 'object',
        required: ['status'],
        additionalProperties: false,
        properties: {
          status: {
            $ref: '#/components/schemas/HealthStatus',
          },
          snapshotBuiltAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      HealthAnswer: {
        oneOf: [
          {
            $ref: '#/components/schemas/HealthReport',
          },
          {
            $ref: '#/components/schemas/PublicHealthReport',
          },
        ],
      },
      HealthReport: {
        description: 'What a signed-in caller of /health or /refresh gets.',
        type: 'object',
        required: [
          'status',
          'reasons',
          'dataProductCount',
          'eventCount',
          'sources',
        ],
        additionalProperties: false,
        properties: {
          status: {
            $ref: '#/components/schemas/HealthStatus',
          },
          reasons: {
            description: 'Why the status is not `ok`; empty when it is.',
            $ref: '#/components/schemas/StringList',
          },
          snapshotBuiltAt: {
            type: 'string',
            format: 'date-time',
          },
          dataProductCount: {
            type: 'integer',
            minimum: 0,
          },
          eventCount: {
            type: 'integer',
            minimum: 0,
          },
          sources: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SourceHealth',
            },
          },
        },
      },
      SnapshotManifest: {
        type: 'object',
        required: [
          'snapshotId',
          'builtAt',
          'complete',
          'incompleteSources',
          'dataProductCount',
          'eventCount',
          'pageCount',
        ],
        additionalProperties: false,
        properties: {
          snapshotId: {
            description:
              'Names the content (not the build): unchanged across refreshes that change nothing.',
            type: 'string',
          },
          builtAt: {
            type: 'string',
            format: 'date-time',
          },
          complete: {
            description:
              'False when some source failed, is stale or has schemas in error: consumers must not delete what is missing from this export.',
            type: 'boolean',
          },
          incompleteSources: {
            description:
              'The ids of the sources that make the export incomplete.',
            type: 'array',
            items: {
              type: 'string',
            },
          },
          dataProductCount: {
            type: 'integer',
            minimum: 0,
          },
          eventCount: {
            type: 'integer',
            minimum: 0,
          },
          pageCount: {
            type: 'integer',
            minimum: 1,
          },
        },
      },
      SnapshotPage: {
        type: 'object',
        required: ['snapshotId', 'page', 'dataProducts', 'events'],
        additionalProperties: false,
        properties: {
          snapshotId: {
            type: 'string',
          },
          page: {
            type: 'integer',
            minimum: 0,
          },
          dataProducts: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DataProductDetails',
            },
          },
          events: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EventWithSchema',
            },
          },
        },
      },
    },
  },
} as const;

/**
 * An express router whose requests are checked against {@link spec} before
 * any handler runs; a request that does not match gets 400.
 */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
