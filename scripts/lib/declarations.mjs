// tsc's arguments for the type declarations of the whole repository (the
// root tsconfig covers every package) into dist-types/, from which the
// package builds roll up each package's .d.ts and the API reports read.
export const EMIT_DECLARATIONS = [
  '--noEmit',
  'false',
  '--declaration',
  '--emitDeclarationOnly',
  '--outDir',
  'dist-types',
];
