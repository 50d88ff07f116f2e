import { CaseOutcome, ProjectVerdict } from './judgeCases';

/** How a case's project verdict relates to the reference verdict. */
export type Agreement =
  | 'agrees'
  /** Project says compatible, reference breaking: a break would ship. */
  | 'unsafe'
  /** Project says breaking, reference compatible: a change is refused. */
  | 'stricter'
  | 'not-analysed'
  | 'crash';

export function agreementOf(outcome: CaseOutcome): Agreement {
  const reference = outcome.case.compatible;
  switch (outcome.verdict) {
    case 'compatible':
      return reference ? 'agrees' : 'unsafe';
    case 'breaking':
      return reference ? 'stricter' : 'agrees';
    default:
      return outcome.verdict;
  }
}

export interface FileAgreement {
  readonly file: string;
  readonly total: number;
  readonly agreed: number;
}

export const PROJECT_VERDICTS: readonly ProjectVerdict[] = [
  'compatible',
  'breaking',
  'not-analysed',
  'crash',
];

export interface ConformanceSummary {
  readonly total: number;
  readonly agreed: number;
  /** `agreed / total`, 0 when there are no cases. */
  readonly agreement: number;
  readonly files: readonly FileAgreement[];
  /** Cases by project verdict (rows) and reference verdict (columns). */
  readonly matrix: Readonly<
    Record<ProjectVerdict, { compatible: number; breaking: number }>
  >;
  /** Every case that does not agree, with how it differs. */
  readonly mismatches: ReadonlyArray<{
    readonly outcome: CaseOutcome;
    readonly agreement: Exclude<Agreement, 'agrees'>;
  }>;
}

export function summarizeOutcomes(
  outcomes: readonly CaseOutcome[],
): ConformanceSummary {
  const matrix = Object.fromEntries(
    PROJECT_VERDICTS.map(verdict => [verdict, { compatible: 0, breaking: 0 }]),
  ) as Record<ProjectVerdict, { compatible: number; breaking: number }>;
  const files = new Map<string, { total: number; agreed: number }>();
  const mismatches: Array<ConformanceSummary['mismatches'][number]> = [];
  for (const outcome of outcomes) {
    const agreement = agreementOf(outcome);
    matrix[outcome.verdict][
      outcome.case.compatible ? 'compatible' : 'breaking'
    ] += 1;
    const file = files.get(outcome.case.file) ?? { total: 0, agreed: 0 };
    file.total += 1;
    if (agreement === 'agrees') {
      file.agreed += 1;
    } else {
      mismatches.push({ outcome, agreement });
    }
    files.set(outcome.case.file, file);
  }
  const agreed = outcomes.length - mismatches.length;
  return {
    total: outcomes.length,
    agreed,
    agreement: outcomes.length === 0 ? 0 : agreed / outcomes.length,
    files: [...files].map(([file, counts]) => ({ file, ...counts })),
    matrix,
    mismatches,
  };
}

/**
 * Why a run fails its gate: any unsafe case, any crash, or agreement
 * below `minAgreement` (a fraction, 0..1). Empty when it passes.
 */
export function gateFailures(
  summary: ConformanceSummary,
  minAgreement = 0,
): string[] {
  const count = (agreement: Agreement) =>
    summary.mismatches.filter(mismatch => mismatch.agreement === agreement)
      .length;
  const failures: string[] = [];
  if (count('unsafe') > 0) {
    failures.push(
      `${count('unsafe')} unsafe case(s): called compatible, but the reference says breaking`,
    );
  }
  if (count('crash') > 0) {
    failures.push(`${count('crash')} case(s) crashed the checker`);
  }
  if (summary.agreement < minAgreement) {
    failures.push(
      `agreement ${formatShare(summary.agreement)} is below the aim of ${formatShare(minAgreement)}`,
    );
  }
  return failures;
}

export function formatShare(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** The report as lines: per file, the confusion matrix, every mismatch. */
export function formatSummary(summary: ConformanceSummary): string[] {
  const lines = summary.files.map(
    file =>
      `${file.file}: ${file.agreed}/${file.total} agree (${formatShare(file.agreed / file.total)})`,
  );
  lines.push(
    `all: ${summary.agreed}/${summary.total} agree (${formatShare(summary.agreement)})`,
    '',
    'project \\ reference   compatible  breaking',
    ...PROJECT_VERDICTS.map(
      verdict =>
        `${verdict.padEnd(20)}  ${String(summary.matrix[verdict].compatible).padStart(10)}  ${String(summary.matrix[verdict].breaking).padStart(8)}`,
    ),
  );
  if (summary.mismatches.length > 0) {
    lines.push('', 'mismatches:');
  }
  for (const { outcome, agreement } of summary.mismatches) {
    const { file, index, description, compatible } = outcome.case;
    lines.push(
      `  [${agreement}] ${file}#${index} "${description}": reference ${compatible ? 'compatible' : 'breaking'}, project ${outcome.verdict}`,
      ...outcome.reasons.map(reason => `      ${reason}`),
    );
  }
  return lines;
}
