import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isJsonObject } from '../../schema/types';

/**
 * One reference case: two versions of a schema and the reference checker's
 * BACKWARD verdict (does `update` accept every document `original` did?).
 * The files are Confluent Schema Registry's JSON Schema diff cases, read
 * where they lie: their licence keeps them out of this repository.
 */
export interface ReferenceCase {
  /** The case file's name, e.g. `diff-schema-examples.json`. */
  readonly file: string;
  /** Position in its file, from 0. */
  readonly index: number;
  readonly description: string;
  readonly original: unknown;
  readonly update: unknown;
  /** The reference checker's BACKWARD verdict under its strict policy. */
  readonly compatible: boolean;
}

/** Thrown when a case file is not an array of well-formed cases. */
export class CaseFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseFileError';
  }
}

/** Parses one case file's text; every problem is reported at once. */
export function parseCaseFile(file: string, text: string): ReferenceCase[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CaseFileError(`${file}: not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) {
    throw new CaseFileError(`${file}: expected an array of cases`);
  }
  const problems: string[] = [];
  const cases: ReferenceCase[] = [];
  parsed.forEach((entry: unknown, index) => {
    const where = `${file}[${index}]`;
    if (!isJsonObject(entry)) {
      problems.push(`${where}: expected an object`);
      return;
    }
    const missing = ['original_schema', 'update_schema'].filter(
      key => !(key in entry),
    );
    if (typeof entry.compatible !== 'boolean') {
      missing.push('compatible (a boolean)');
    }
    if (missing.length > 0) {
      problems.push(`${where}: missing ${missing.join(', ')}`);
      return;
    }
    cases.push({
      file,
      index,
      description:
        typeof entry.description === 'string'
          ? entry.description
          : `case ${index}`,
      original: entry.original_schema,
      update: entry.update_schema,
      compatible: entry.compatible as boolean,
    });
  });
  if (problems.length > 0) {
    throw new CaseFileError(problems.join('\n'));
  }
  return cases;
}

/** Reads every `*.json` case file of a folder, in name order. */
export function readCaseFiles(directory: string): ReferenceCase[] {
  const files = readdirSync(directory)
    .filter(name => name.endsWith('.json'))
    .sort();
  if (files.length === 0) {
    throw new CaseFileError(`${directory}: no *.json case files`);
  }
  return files.flatMap(file =>
    parseCaseFile(file, readFileSync(join(directory, file), 'utf8')),
  );
}
