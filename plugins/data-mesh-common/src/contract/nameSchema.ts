import { z } from 'zod';
import { checkName, NameKind } from '../naming';

/** A string that must follow the naming rule of `kind`, with that rule's message. */
export function nameSchema(kind: NameKind) {
  return z.string().superRefine((value, ctx) => {
    const problem = checkName(kind, value);
    if (problem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }
  });
}
