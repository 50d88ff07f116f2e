import { isJsonObject } from '../../schema/types';
import { RECURSIVE_REF_KEYWORD } from '../../schema/resolveRefs';
import { changeOf, KeywordComparison, sameJson } from './keywordComparison';

const ANNOTATION_KEYWORDS = [
  'title',
  'description',
  'default',
  'examples',
  'example',
  '$comment',
  '$schema',
  'id',
  '$id',
  'readOnly',
  'writeOnly',
  'deprecated',
  // $refs are resolved before comparing, so what they pointed at is
  // compared where it is used; the definitions themselves validate nothing.
  'definitions',
  '$defs',
  RECURSIVE_REF_KEYWORD,
];
const VENDOR_EXTENSION_PREFIX = 'x-';

function isAnnotation(keyword: string): boolean {
  return (
    ANNOTATION_KEYWORDS.includes(keyword) ||
    keyword.startsWith(VENDOR_EXTENSION_PREFIX)
  );
}

/** Whether a schema accepts anything: `true`, or only annotations. */
export function acceptsAnything(schema: unknown): boolean {
  return (
    schema === true ||
    (isJsonObject(schema) && Object.keys(schema).every(isAnnotation))
  );
}

/** A sub-schema that constrains something, else undefined: `true` and `{}` read as absent. */
export function constraining(value: unknown): unknown {
  return value === undefined || acceptsAnything(value) ? undefined : value;
}

/** Annotations validate nothing: their changes are listed, FULL, as one change. */
export const annotationKeywords: KeywordComparison = {
  name: 'annotations',
  keywords: ANNOTATION_KEYWORDS,
  keywordPrefixes: [VENDOR_EXTENSION_PREFIX],
  compare({ previous, next, path, report }) {
    const changed = [
      ...new Set([...Object.keys(previous), ...Object.keys(next)]),
    ].filter(
      keyword =>
        isAnnotation(keyword) && !sameJson(previous[keyword], next[keyword]),
    );
    if (changed.length > 0) {
      report(
        changeOf(
          'annotation-changed',
          path,
          changed.join(', '),
          `annotations changed: ${changed.join(', ')}`,
        ),
      );
    }
  },
};
