import { JsonSchemaType, typesOf } from '../../schema/types';
import { changeOf, KeywordComparison, VALUE_SHAPES } from './keywordComparison';

/** Whether every type in `inner` is accepted by `outer` (undefined = any type). */
function typesAccept(
  outer: JsonSchemaType[] | undefined,
  inner: JsonSchemaType[] | undefined,
): boolean {
  if (outer === undefined) {
    return true;
  }
  if (inner === undefined) {
    return false;
  }
  return inner.every(
    type =>
      outer.includes(type) || (type === 'integer' && outer.includes('number')),
  );
}

function describeTypes(types: JsonSchemaType[] | undefined): string {
  if (types === undefined) {
    return 'any';
  }
  return types.length === 1 ? types[0] : `[${types.join(', ')}]`;
}

/** `type`: widened, narrowed, or changed to unrelated types (nothing below is then comparable). */
export const typeKeyword: KeywordComparison = {
  name: 'type',
  keywords: ['type'],
  wellFormed: {
    type: value => VALUE_SHAPES.string(value) || VALUE_SHAPES.stringList(value),
  },
  compare({ previous, next, path, report }) {
    const before = typesOf(previous);
    const after = typesOf(next);
    const newAcceptsOld = typesAccept(after, before);
    const oldAcceptsNew = typesAccept(before, after);
    const text = `type ${describeTypes(before)} -> ${describeTypes(after)}`;
    if (newAcceptsOld && oldAcceptsNew) {
      return undefined;
    }
    if (newAcceptsOld) {
      report(changeOf('type-widened', path, 'type', `${text}: widened`));
      return undefined;
    }
    if (oldAcceptsNew) {
      report(changeOf('type-narrowed', path, 'type', `${text}: narrowed`));
      return undefined;
    }
    report(
      changeOf('type-changed', path, 'type', `${text}: incompatible types`),
    );
    return 'stop';
  },
};
