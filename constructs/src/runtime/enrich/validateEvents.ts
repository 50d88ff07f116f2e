import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { EnrichmentHandlerConfig } from './config';
import { EventEnvelope } from './eventEnvelope';

/** One reason an event was rejected, in JSON-pointer terms. */
export interface ValidationProblem {
  readonly path: string;
  readonly message: string;
  /** The quality rule broken, for `quality-rule-violation`. */
  readonly rule?: string;
}

/** Checks an event against its contract; undefined when it is valid. */
export type EventValidator = (
  event: EventEnvelope,
) => ValidationProblem[] | undefined;

/**
 * Compiles every event schema of the product once (at cold start): ajv
 * generates a function per schema, so validating an event is a plain call.
 * Two functions per schema: one that stops at the first error (the fast
 * path every valid event takes) and one that lists all errors, run only
 * for an event already known to be invalid.
 */
export function createEventValidator(
  config: EnrichmentHandlerConfig,
): EventValidator {
  const firstError = new Ajv({ allErrors: false, strictSchema: false });
  const allErrors = new Ajv({ allErrors: true, strictSchema: false });
  addFormats(firstError);
  addFormats(allErrors);
  const validators = new Map<
    string,
    { source: string; isValid: ValidateFunction; explain: ValidateFunction }
  >(
    Object.entries(config.events).map(([detailType, event]) => [
      detailType,
      {
        source: event.source,
        isValid: firstError.compile(event.schema),
        explain: allErrors.compile(event.schema),
      },
    ]),
  );
  return event => {
    const known = validators.get(event['detail-type']);
    if (!known || known.source !== event.source) {
      return [
        {
          path: '',
          message: `${event.source} / ${event['detail-type']} is not an event of ${config.dataProduct}`,
        },
      ];
    }
    if (known.isValid(event.detail)) {
      return undefined;
    }
    known.explain(event.detail);
    return (known.explain.errors ?? []).map(error => ({
      path: `/detail${error.instancePath}`,
      message: error.message ?? error.keyword,
    }));
  };
}
