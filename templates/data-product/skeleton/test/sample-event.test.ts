import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const root = join(__dirname, '..', '..');
const read = (path: string) =>
  JSON.parse(readFileSync(join(root, path), 'utf8'));

// The registry format is draft-04; its keywords used here mean the same in
// Ajv's default draft, so only the $schema marker is set aside.
const { $schema: _draft, ...schema } = read('${{ values.schemaPath }}');
const validate = addFormats(
  new Ajv({ allErrors: true, strict: false }),
).compile(schema);

test('the sample ${{ values.detailType }} event is valid', () => {
  const sample = read('test/fixtures/${{ values.eventFile }}.sample.json');
  assert.equal(validate(sample), true, JSON.stringify(validate.errors));
});

test('an event with an unknown field is rejected', () => {
  const sample = read('test/fixtures/${{ values.eventFile }}.sample.json');
  assert.equal(validate({ ...sample, not_in_the_contract: 1 }), false);
});
