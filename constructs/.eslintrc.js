module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // Generated: the esbuild bundles of the handlers and the synthesised app.
  ignorePatterns: ['lib/**', 'cdk.out/**'],
  rules: {
    // CDK constructs attach themselves to their scope: `new Bucket(this, ...)` is the idiom.
    'no-new': 'off',
  },
  testRules: {
    // Template and annotation assertions throw on failure, like expect.
    'jest/expect-expect': [
      'error',
      {
        assertFunctionNames: [
          'expect',
          'template.*',
          'Template.*',
          'Annotations.*',
        ],
      },
    ],
  },
});
