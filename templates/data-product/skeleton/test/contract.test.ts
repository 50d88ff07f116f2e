import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDataProductContract } from '@financial-data-mesh/constructs';
import { CONTRACT_FILE } from '../lib/data-product-stack';

test('the contract and the schemas it references are valid', () => {
  // Throws with every problem, each with its file, line and column.
  const { contract, detailSchemas } = loadDataProductContract(CONTRACT_FILE);
  assert.equal(contract.domain, '${{ values.domain }}');
  assert.equal(contract.name, '${{ values.name }}');
  assert.deepEqual(Object.keys(detailSchemas), ['${{ values.detailType }}']);
});
