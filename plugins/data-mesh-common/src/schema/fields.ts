import {
  isJsonObject,
  JsonSchema,
  JsonSchemaType,
  SchemaFormatError,
  typesOf,
} from './types';

/**
 * One field of an event, flattened out of its JSON Schema.
 *
 * @public
 */
export interface SchemaField {
  /** Dotted path as contracts write it: `customer.address.city`, `legs[].price`. */
  readonly path: string;
  readonly name: string;
  readonly depth: number;
  readonly types: readonly JsonSchemaType[];
  readonly required: boolean;
  readonly description?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly schema: JsonSchema;
}

/**
 * Finds the schema of a dotted field path (`customer.tax_id`, `legs[].account`)
 * in an object schema; undefined when the path does not exist.
 * @public
 */
export function findSchemaField(
  schema: JsonSchema,
  fieldPath: string,
): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (const segment of fieldPath.split('.')) {
    const isArray = segment.endsWith('[]');
    const name = isArray ? segment.slice(0, -2) : segment;
    const properties: unknown = current?.properties;
    if (!isJsonObject(properties) || !isJsonObject(properties[name])) {
      return undefined;
    }
    current = properties[name] as JsonSchema;
    if (isArray) {
      current = isJsonObject(current.items)
        ? (current.items as JsonSchema)
        : undefined;
    }
  }
  return current;
}

/**
 * Limits of listSchemaFields, for schemas whose references expand to very many fields.
 *
 * @public
 */
export interface ListSchemaFieldsOptions {
  /**
   * The most schema values the listing may carry in all, counting each
   * field's `schema` whole (a nested value counts once per enclosing field,
   * which is what serialising the listing writes).
   * @defaultValue 1000000 - 10 times the expanded-size limit of
   * {@link SchemaReadLimits}: real schemas need a few thousand; a schema
   * nested 100 fields deep above 10,000 values needs more.
   */
  readonly maxListedNodes?: number;
}

/**
 * Lists every field of an object schema depth-first, in declaration order:
 * what the schema viewer shows as a tree and the Glue mapping turns into columns.
 *
 * Each field's `schema` is its subtree, so a serialised listing repeats a
 * nested value once per enclosing field: a narrow, deep schema within the
 * limits of `resolveLocalRefs` can list far more than it holds.
 * `maxListedNodes` bounds that.
 *
 * @throws SchemaFormatError when the listing would carry more than `maxListedNodes` values.
 * @public
 */
export function listSchemaFields(
  schema: JsonSchema,
  options: ListSchemaFieldsOptions = {},
): SchemaField[] {
  const maxListedNodes = options.maxListedNodes ?? 1_000_000;
  const sizeOf = memoizedSize();
  let listed = 0;
  const fields: SchemaField[] = [];
  const visit = (node: JsonSchema, prefix: string, depth: number) => {
    const properties = isJsonObject(node.properties) ? node.properties : {};
    const required = new Set(Array.isArray(node.required) ? node.required : []);
    for (const [name, property] of Object.entries(properties)) {
      const path = prefix ? `${prefix}.${name}` : name;
      const types = typesOf(property) ?? [];
      listed += sizeOf(property);
      if (listed > maxListedNodes) {
        throw new SchemaFormatError(
          `the field listing carries more than ${maxListedNodes} schema nodes (the limit of field listing size, maxListedNodes; each field carries its whole subtree)`,
        );
      }
      fields.push({
        path,
        name,
        depth,
        types,
        required: required.has(name),
        description: property.description,
        format: property.format,
        enum: property.enum,
        schema: property,
      });
      if (isJsonObject(property.properties)) {
        visit(property, path, depth + 1);
      } else if (
        isJsonObject(property.items) &&
        isJsonObject((property.items as JsonSchema).properties)
      ) {
        visit(property.items as JsonSchema, `${path}[]`, depth + 1);
      }
    }
  };
  visit(schema, '', 0);
  return fields;
}

/** Counts the JSON values of a tree, each shared subtree measured once. */
function memoizedSize(): (value: unknown) => number {
  const sizes = new Map<object, number>();
  const sizeOf = (value: unknown): number => {
    if (value === null || typeof value !== 'object') {
      return 1;
    }
    const known = sizes.get(value);
    if (known !== undefined) {
      return known;
    }
    let size = 1;
    for (const child of Object.values(value)) {
      size += sizeOf(child);
    }
    sizes.set(value, size);
    return size;
  };
  return sizeOf;
}
