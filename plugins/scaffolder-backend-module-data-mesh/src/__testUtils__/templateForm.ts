import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The part of a form property (JSON Schema plus ui: keys) the form tests read. */
export interface FormProperty {
  readonly type?: string;
  readonly pattern?: string;
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly items?: { readonly properties: Record<string, FormProperty> };
  readonly 'ui:field'?: string;
  readonly 'ui:options'?: Record<string, unknown>;
}

/** The repository's software templates, by folder. */
export type TemplateName =
  'data-product' | 'data-domain' | 'data-product-access';

/** The template file of one of the repository's software templates. */
export function templateFile(template: TemplateName) {
  return join(__dirname, `../../../../templates/${template}/template.yaml`);
}

/** Every property of every page of a template's form, by name. */
export function formProperties(
  template: TemplateName,
): Record<string, FormProperty> {
  const parsed = parse(readFileSync(templateFile(template), 'utf8'));
  const pages: Array<{ properties?: Record<string, FormProperty> }> =
    parsed.spec.parameters;
  return Object.assign({}, ...pages.map(page => page.properties ?? {}));
}
