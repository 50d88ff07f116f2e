/**
 * Glue (Hive) column types as trees: parsed from the type strings Glue
 * stores (`struct<id:string,legs:array<struct<amount:double>>>`) and
 * printed back in the same canonical form. The table layout merges column
 * types with them; a local emulation of Firehose's Parquet conversion can
 * walk them.
 */

/** The primitive type names Glue tables use, as Glue stores them. */
export const GLUE_PRIMITIVE_TYPES = [
  'boolean',
  'tinyint',
  'smallint',
  'int',
  'bigint',
  'float',
  'double',
  'decimal',
  'string',
  'char',
  'varchar',
  'binary',
  'date',
  'timestamp',
] as const;
export type GluePrimitiveName = (typeof GLUE_PRIMITIVE_TYPES)[number];

/** One field of a struct type. */
export interface GlueStructField {
  readonly name: string;
  readonly type: GlueType;
}

/** A parsed Glue column type. */
export type GlueType =
  | {
      readonly kind: 'primitive';
      readonly name: GluePrimitiveName;
      /** `decimal(10,2)` → `[10, 2]`, `varchar(64)` → `[64]`; absent without parentheses. */
      readonly parameters?: readonly number[];
    }
  | { readonly kind: 'array'; readonly items: GlueType }
  | { readonly kind: 'map'; readonly key: GlueType; readonly value: GlueType }
  | { readonly kind: 'struct'; readonly fields: readonly GlueStructField[] };

const PRIMITIVES: ReadonlySet<string> = new Set(GLUE_PRIMITIVE_TYPES);
/** Field names printed without backquotes; anything else is quoted as Hive DDL does. */
const PLAIN_FIELD_NAME = /^[A-Za-z0-9_]+$/;

/** A recursive-descent parser over one type string. */
class GlueTypeParser {
  private position = 0;

  constructor(private readonly text: string) {}

  type(): GlueType {
    const start = this.position;
    const name = this.word().toLowerCase();
    switch (name) {
      case 'array': {
        this.expect('<');
        const items = this.type();
        this.expect('>');
        return { kind: 'array', items };
      }
      case 'map': {
        this.expect('<');
        const key = this.type();
        this.expect(',');
        const value = this.type();
        this.expect('>');
        return { kind: 'map', key, value };
      }
      case 'struct':
        return { kind: 'struct', fields: this.structFields() };
      default:
        if (!PRIMITIVES.has(name)) {
          return this.fail(
            `unknown type "${name}" (expected array, map, struct or one of ${GLUE_PRIMITIVE_TYPES.join(', ')})`,
            start,
          );
        }
        return {
          kind: 'primitive',
          name: name as GluePrimitiveName,
          ...(this.peek() === '(' ? { parameters: this.parameters() } : {}),
        };
    }
  }

  end(): void {
    this.skipSpace();
    if (this.position < this.text.length) {
      this.fail('unexpected text after the type');
    }
  }

  private structFields(): GlueStructField[] {
    this.expect('<');
    const fields: GlueStructField[] = [];
    const names = new Set<string>();
    if (this.peek() === '>') {
      return this.fail('a struct needs at least one field');
    }
    do {
      const start = this.position;
      const name = this.fieldName();
      if (names.has(name.toLowerCase())) {
        this.fail(`struct field "${name}" appears twice`, start);
      }
      names.add(name.toLowerCase());
      this.expect(':');
      fields.push({ name, type: this.type() });
    } while (this.accept(','));
    this.expect('>');
    return fields;
  }

  private parameters(): number[] {
    this.expect('(');
    const values: number[] = [];
    do {
      this.skipSpace();
      const match = /^\d+/.exec(this.text.slice(this.position));
      if (!match) {
        return this.fail('expected a number');
      }
      values.push(Number(match[0]));
      this.position += match[0].length;
    } while (this.accept(','));
    this.expect(')');
    return values;
  }

  private fieldName(): string {
    this.skipSpace();
    if (this.text[this.position] !== '`') {
      return this.word();
    }
    let name = '';
    for (let i = this.position + 1; i < this.text.length; i++) {
      if (this.text[i] !== '`') {
        name += this.text[i];
      } else if (this.text[i + 1] === '`') {
        name += '`';
        i++;
      } else {
        this.position = i + 1;
        return name;
      }
    }
    return this.fail('unclosed ` in a field name');
  }

  private word(): string {
    this.skipSpace();
    const match = /^[A-Za-z0-9_]+/.exec(this.text.slice(this.position));
    if (!match) {
      return this.fail('expected a name');
    }
    this.position += match[0].length;
    return match[0];
  }

  private peek(): string | undefined {
    this.skipSpace();
    return this.text[this.position];
  }

  private accept(token: string): boolean {
    if (this.peek() !== token) {
      return false;
    }
    this.position++;
    return true;
  }

  private expect(token: string): void {
    if (!this.accept(token)) {
      this.fail(`expected "${token}"`);
    }
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.position] ?? '')) {
      this.position++;
    }
  }

  private fail(message: string, at = this.position): never {
    throw new Error(
      `Invalid Glue type "${this.text}": ${message} at position ${at}`,
    );
  }
}

/**
 * Parses a Glue type string. Names are case-insensitive in Hive, so type
 * names are lower-cased; struct field names keep their case. Whitespace
 * between tokens is allowed.
 *
 * @throws Error naming the position when the string is not a Glue type.
 */
export function parseGlueType(text: string): GlueType {
  const parser = new GlueTypeParser(text);
  const type = parser.type();
  parser.end();
  return type;
}

/** Prints a type in Glue's canonical form: lower case, no spaces. */
export function formatGlueType(type: GlueType): string {
  switch (type.kind) {
    case 'primitive':
      return type.parameters
        ? `${type.name}(${type.parameters.join(',')})`
        : type.name;
    case 'array':
      return `array<${formatGlueType(type.items)}>`;
    case 'map':
      return `map<${formatGlueType(type.key)},${formatGlueType(type.value)}>`;
    case 'struct':
      return `struct<${type.fields
        .map(
          field =>
            `${formatFieldName(field.name)}:${formatGlueType(field.type)}`,
        )
        .join(',')}>`;
    default:
      throw new Error(`unknown Glue type ${JSON.stringify(type)}`);
  }
}

function formatFieldName(name: string): string {
  return PLAIN_FIELD_NAME.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}
