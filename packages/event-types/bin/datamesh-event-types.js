#!/usr/bin/env node
// The installed command; the generator itself is the package's built code.
// Usage: datamesh-event-types [data-product.yaml] [out dir, default src/events]
const { runEventTypesCli } = require('../dist/index.cjs.js');

runEventTypesCli(process.argv.slice(2)).then(code => {
  process.exitCode = code;
});
