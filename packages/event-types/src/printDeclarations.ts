import * as ts from 'typescript';

/** Adds `readonly` to every property and index signature. */
const makeReadonly: ts.TransformerFactory<ts.SourceFile> = context => {
  const { factory } = context;
  // Members carry modifiers only (no decorators); readonly goes first.
  const withReadonly = (
    modifiers: readonly ts.ModifierLike[] | undefined,
  ): ts.Modifier[] => {
    const plain = (modifiers ?? []).filter(ts.isModifier);
    return plain.some(
      modifier => modifier.kind === ts.SyntaxKind.ReadonlyKeyword,
    )
      ? plain
      : [factory.createModifier(ts.SyntaxKind.ReadonlyKeyword), ...plain];
  };
  const visit = (node: ts.Node): ts.Node => {
    const visited = ts.visitEachChild(node, visit, context);
    if (ts.isPropertySignature(visited)) {
      return factory.updatePropertySignature(
        visited,
        withReadonly(visited.modifiers),
        visited.name,
        visited.questionToken,
        visited.type,
      );
    }
    if (ts.isIndexSignatureDeclaration(visited)) {
      return factory.updateIndexSignature(
        visited,
        withReadonly(visited.modifiers),
        visited.parameters,
        visited.type,
      );
    }
    // The factory puts parentheses back where the type needs them.
    if (ts.isParenthesizedTypeNode(visited)) {
      return visited.type;
    }
    return visited;
  };
  return root => ts.visitNode(root, visit, ts.isSourceFile);
};

/**
 * Finishes json-schema-to-typescript's unformatted declarations with the
 * TypeScript compiler: every property and index signature becomes
 * `readonly` (an event is a fact; a producer should not change a detail
 * after building it, and the library has no such option), redundant
 * parentheses go, and the printer lays the code out. Its own formatter
 * (prettier) is not used: it loads itself with a dynamic `import()`, and
 * one formatter keeps the output the same wherever it runs.
 */
export function printDeclarations(source: string): string {
  const file = ts.createSourceFile(
    'declarations.ts',
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TS,
  );
  const [result] = ts.transform(file, [makeReadonly]).transformed;
  const printed = ts
    .createPrinter({ newLine: ts.NewLineKind.LineFeed })
    .printFile(result);
  // The printer indents by four; the repository's style is two.
  return printed.replace(/^(?: {4})+/gm, indent =>
    ' '.repeat(indent.length / 2),
  );
}
