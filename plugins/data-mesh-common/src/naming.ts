/**
 * The naming rules of the data mesh, in one place. Every name a contract,
 * a template form or a construct accepts is checked here, so the portal, the
 * CDK library and the registry agree on what a valid name is.
 *
 * Each rule is the intersection of the places the name ends up in: a domain
 * name becomes a Backstage entity name, an EventBridge bus and Schema
 * Registry name and part of S3/Glue names; a table name must be valid in
 * Glue and Athena without quoting.
 */

/**
 * The kinds of names the platform checks.
 *
 * @public
 */
export type NameKind =
  | 'domain'
  | 'dataProduct'
  | 'detailType'
  | 'source'
  | 'tableName'
  | 'columnName';

/**
 * A naming rule: a pattern, a length limit and an explanation for errors.
 *
 * @public
 */
export interface NameRule {
  readonly pattern: RegExp;
  readonly maxLength: number;
  /** A human description used in error messages and docs. */
  readonly description: string;
  /** A valid example, shown in error messages and form help texts. */
  readonly example: string;
}

/**
 * The rule of each kind of name: its pattern, length and an example, as the error messages quote them.
 *
 * @public
 */
export const NAME_RULES: Readonly<Record<NameKind, NameRule>> = {
  domain: {
    // Kebab-case and short: it is embedded in bus, registry, bucket and
    // role names, several of which AWS caps at 64 characters.
    pattern: /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,23}$/,
    maxLength: 24,
    description:
      'lowercase kebab-case: starts with a letter, then letters, digits and single hyphens, 2 to 24 characters',
    example: 'trading',
  },
  dataProduct: {
    pattern: /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,39}$/,
    maxLength: 40,
    description:
      'lowercase kebab-case: starts with a letter, then letters, digits and single hyphens, 2 to 40 characters',
    example: 'trade-executions',
  },
  detailType: {
    // PascalCase so that `<source>@<DetailType>` reads like AWS's own
    // schema names and maps onto a generated TypeScript type name.
    pattern: /^[A-Z][A-Za-z0-9]{1,63}$/,
    maxLength: 64,
    description:
      'PascalCase: starts with an uppercase letter, then letters and digits, 2 to 64 characters',
    example: 'TradeExecuted',
  },
  source: {
    // Reverse-DNS, as EventBridge recommends; the `aws.` prefix is reserved
    // by AWS for its own services and rejected by PutEvents.
    pattern: /^(?!aws\.)[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+$/,
    maxLength: 128,
    description:
      'reverse-DNS in lowercase with at least two dot-separated labels (for example com.fintech.trading); must not start with "aws."',
    example: 'com.fintech.trading',
  },
  tableName: {
    // Athena lower-cases identifiers and needs quoting for hyphens; snake
    // case avoids both surprises.
    pattern: /^[a-z][a-z0-9_]{0,127}$/,
    maxLength: 128,
    description:
      'lowercase snake_case: starts with a letter, then letters, digits and underscores, at most 128 characters',
    example: 'trade_executions',
  },
  columnName: {
    pattern: /^[a-z_][a-z0-9_]{0,127}$/,
    maxLength: 128,
    description:
      'lowercase snake_case: letters, digits and underscores, not starting with a digit, at most 128 characters',
    example: 'executed_at',
  },
};

/**
 * Checks a name against its rule.
 *
 * @returns undefined when valid, otherwise a message that says what the rule is.
 * @public
 */
export function checkName(kind: NameKind, value: string): string | undefined {
  const rule = NAME_RULES[kind];
  if (value.length > rule.maxLength) {
    return `"${value}" is ${value.length} characters long; a ${kind} name must be ${rule.description}`;
  }
  if (!rule.pattern.test(value)) {
    return `"${value}" is not a valid ${kind} name: it must be ${rule.description} (e.g. ${rule.example})`;
  }
  return undefined;
}

/** True when the name follows its rule. */
export function isValidName(kind: NameKind, value: string): boolean {
  return checkName(kind, value) === undefined;
}

/** `trade-executions` → `trade_executions`: the Glue/Athena form of a kebab name. */
export function toSnakeCase(kebabName: string): string {
  return kebabName.replace(/-/g, '_');
}

/** `trade-executed` / `trade_executed` → `TradeExecuted`. */
export function toPascalCase(name: string): string {
  return name
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map(part => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/**
 * `TradeExecuted` → `trade-executed`: used for schema file names.
 *
 * @public
 */
export function toKebabCase(pascalName: string): string {
  return pascalName
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/**
 * The EventBridge Schema Registry name of an event, following AWS's own
 * convention `<source>@<DetailType>` (as in `aws.ec2@EC2InstanceStateChangeNotification`).
 * @public
 */
export function schemaNameFor(source: string, detailType: string): string {
  return `${source}@${detailType}`;
}

/**
 * Splits `<source>@<DetailType>`; undefined when the name does not follow the convention.
 *
 * @public
 */
export function parseSchemaName(
  schemaName: string,
): { source: string; detailType: string } | undefined {
  const at = schemaName.lastIndexOf('@');
  if (at <= 0 || at === schemaName.length - 1) {
    return undefined;
  }
  return {
    source: schemaName.slice(0, at),
    detailType: schemaName.slice(at + 1),
  };
}

/**
 * One Schema Registry per domain, named after the domain.
 *
 * @public
 */
export function registryNameFor(domain: string): string {
  return domain;
}

/**
 * The default event source of a domain: `com.fintech.<domain>`.
 *
 * @public
 */
export function defaultSourceFor(domain: string): string {
  return `com.fintech.${domain}`;
}

/**
 * The default Glue database of a domain: its name in snake case.
 *
 * @public
 */
export function defaultDatabaseFor(domain: string): string {
  return toSnakeCase(domain);
}

/** The default Glue table of a data product: its name in snake case. */
export function defaultTableFor(dataProduct: string): string {
  return toSnakeCase(dataProduct);
}

/**
 * The default Athena workgroup of a domain.
 *
 * @public
 */
export function defaultWorkgroupFor(domain: string): string {
  return `datamesh-${domain}`;
}
