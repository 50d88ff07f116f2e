import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseFileError, parseCaseFile, readCaseFiles } from './caseFiles';
import { BackwardCheck, judgeCases } from './judgeCases';
import {
  formatSummary,
  gateFailures,
  summarizeOutcomes,
} from './summarizeOutcomes';

// Our own cases, in the reference format: a trade event's fields evolving.
const tradeCases = [
  {
    description: 'a venue code may now be longer',
    original_schema: { type: 'string', maxLength: 4 },
    update_schema: { type: 'string', maxLength: 8 },
    changes: ['MAX_LENGTH_INCREASED #/maxLength'],
    compatible: true,
  },
  {
    description: 'a quantity becomes text',
    original_schema: { type: 'integer' },
    update_schema: { type: 'string' },
    changes: ['TYPE_CHANGED #/'],
    compatible: false,
  },
  {
    description: 'a side code must be one of BUY or SELL',
    original_schema: {
      $ref: '#/definitions/side',
      definitions: { side: { type: 'string' } },
    },
    update_schema: { type: 'string', enum: ['BUY', 'SELL'] },
    changes: [],
    compatible: false,
  },
];

describe('conformance against reference cases', () => {
  describe('parseCaseFile', () => {
    it('reads each case with its file and position', () => {
      const cases = parseCaseFile('trades.json', JSON.stringify(tradeCases));
      expect(cases.map(c => [c.file, c.index, c.compatible])).toEqual([
        ['trades.json', 0, true],
        ['trades.json', 1, false],
        ['trades.json', 2, false],
      ]);
      expect(cases[0].original).toEqual({ type: 'string', maxLength: 4 });
    });

    it('reports every malformed case at once', () => {
      const text = JSON.stringify([
        { description: 'no verdict', original_schema: {}, update_schema: {} },
        'not a case',
      ]);
      expect(() => parseCaseFile('bad.json', text)).toThrow(
        new CaseFileError(
          'bad.json[0]: missing compatible (a boolean)\nbad.json[1]: expected an object',
        ),
      );
      expect(() => parseCaseFile('bad.json', '{')).toThrow(/not JSON/);
      expect(() => parseCaseFile('bad.json', '{}')).toThrow(/an array/);
    });

    it('reads the *.json files of a folder in name order', () => {
      const dir = mkdtempSync(join(tmpdir(), 'cases-'));
      try {
        writeFileSync(join(dir, 'b.json'), JSON.stringify(tradeCases.slice(1)));
        writeFileSync(
          join(dir, 'a.json'),
          JSON.stringify(tradeCases.slice(0, 1)),
        );
        writeFileSync(join(dir, 'ORIGIN.md'), '# not a case file');
        expect(readCaseFiles(dir).map(c => `${c.file}#${c.index}`)).toEqual([
          'a.json#0',
          'b.json#0',
          'b.json#1',
        ]);
      } finally {
        rmSync(dir, { recursive: true });
      }
    });
  });

  const cases = parseCaseFile('trades.json', JSON.stringify(tradeCases));

  it('judges with the project checker, refs resolved', () => {
    expect(judgeCases(cases).map(outcome => outcome.verdict)).toEqual([
      'compatible',
      'breaking',
      'breaking',
    ]);
  });

  it('records a crash instead of stopping', () => {
    const crashing: BackwardCheck = () => {
      throw new TypeError('boom');
    };
    expect(judgeCases(cases.slice(0, 1), crashing)[0]).toMatchObject({
      verdict: 'crash',
      reasons: ['TypeError: boom'],
    });
  });

  describe('summary and gate', () => {
    // Every verdict once against a reference that says compatible,
    // and once against one that says breaking.
    const always =
      (verdict: 'compatible' | 'breaking' | 'not-analysed'): BackwardCheck =>
      () => ({ verdict, reasons: [`said ${verdict}`] });
    const summary = summarizeOutcomes([
      ...judgeCases(cases, always('compatible')),
      ...judgeCases(cases.slice(0, 1), always('not-analysed')),
    ]);

    it('counts agreement per file and overall', () => {
      expect(summary).toMatchObject({ total: 4, agreed: 1, agreement: 0.25 });
      expect(summary.files).toEqual([
        { file: 'trades.json', total: 4, agreed: 1 },
      ]);
    });

    it('fills the confusion matrix', () => {
      expect(summary.matrix).toEqual({
        compatible: { compatible: 1, breaking: 2 },
        breaking: { compatible: 0, breaking: 0 },
        'not-analysed': { compatible: 1, breaking: 0 },
        crash: { compatible: 0, breaking: 0 },
      });
    });

    it('names how each mismatch differs', () => {
      expect(
        summary.mismatches.map(m => [m.outcome.case.index, m.agreement]),
      ).toEqual([
        [1, 'unsafe'],
        [2, 'unsafe'],
        [0, 'not-analysed'],
      ]);
    });

    it('fails the gate on unsafe cases, crashes and low agreement', () => {
      expect(gateFailures(summary, 0.5)).toEqual([
        '2 unsafe case(s): called compatible, but the reference says breaking',
        'agreement 25.0% is below the aim of 50.0%',
      ]);
      const strictOnly = summarizeOutcomes(
        judgeCases(cases, always('breaking')),
      );
      expect(gateFailures(strictOnly)).toEqual([]);
      expect(gateFailures(strictOnly, 0.9)).toEqual([
        'agreement 66.7% is below the aim of 90.0%',
      ]);
    });

    it('prints the matrix and each mismatch with its reasons', () => {
      const text = formatSummary(summary).join('\n');
      expect(text).toContain('trades.json: 1/4 agree (25.0%)');
      expect(text).toContain(
        '[unsafe] trades.json#1 "a quantity becomes text": reference breaking, project compatible\n      said compatible',
      );
      expect(text).toMatch(/not-analysed\s+1\s+0/);
    });
  });
});
