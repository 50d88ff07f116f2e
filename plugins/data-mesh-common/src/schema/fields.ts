import { isJsonObject, JsonSchema, JsonSchemaType, typesOf } from './types';

/** One field of an event, flattened out of its JSON Schema. */
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
 * Lists every field of an object schema depth-first, in declaration order:
 * what the schema viewer shows as a tree and the Glue mapping turns into columns.
 */
export function listSchemaFields(schema: JsonSchema): SchemaField[] {
  const fields: SchemaField[] = [];
  const visit = (node: JsonSchema, prefix: string, depth: number) => {
    const properties = isJsonObject(node.properties) ? node.properties : {};
    const required = new Set(Array.isArray(node.required) ? node.required : []);
    for (const [name, property] of Object.entries(properties)) {
      const path = prefix ? `${prefix}.${name}` : name;
      const types = typesOf(property) ?? [];
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
