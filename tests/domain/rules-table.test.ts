import { describe, expect, it } from 'vitest';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';
import { coverageOf, renderRulesTable, rulebookRows } from '../../scripts/rules-table';

/** The generated rule table (npm run rules → docs/rules.md): every rule, its value, citation and test. */
describe('rule table', () => {
  const rows = rulebookRows(rulebookFor('chaoyang-shuangta-2022'));

  it('lists every cited entry of a rulebook with its value and citation, and the silent ones as silent', () => {
    expect(rows).toContainEqual({ path: 'meetings.superviseDecisions', key: 'superviseDecisions', value: 'true', source: '001:61' });
    expect(rows).toContainEqual({ path: 'supervision.ordinaryLimit', key: 'ordinaryLimit', value: 'unit=days n=7 fromEventDay=true', source: '001:63' });
    expect(rows).toContainEqual({ path: 'meetings.admissibility[3]', key: 'admissibility', value: 'not-reported-to-chair', source: '001:41' });
    expect(rows).toContainEqual({ path: 'meetings.documentIssueLimit', key: 'documentIssueLimit', value: '— (text silent)', source: null });
    // Each step of a route or chain is a rule of its own, with its article.
    expect(rows.filter((r) => r.path.startsWith('meetings.reviewChain[')).map((r) => r.source)).toEqual(['001:41', '001:41', '001:41', '001:41']);
  });

  it('finds the test that names a rule’s citation and key, and says when only the citation matches', () => {
    const tests = [
      { path: 'tests/a.test.ts', text: "it('001:63 in general', () => {\n  expect(x).toBe('001:63');\n});" },
      { path: 'tests/b.test.ts', text: "it('the 710 rule', () => {\n  expect(rules.ordinaryLimit.source).toBe('001:63');\n});" },
    ];
    const ordinary = rows.find((r) => r.path === 'supervision.ordinaryLimit')!;
    expect(coverageOf(ordinary, tests)).toEqual({ file: 'tests/b.test.ts', line: 2, title: 'the 710 rule', exact: true });
    expect(coverageOf(ordinary, tests.slice(0, 1))).toEqual({ file: 'tests/a.test.ts', line: 1, title: '001:63 in general', exact: false });
    expect(coverageOf(ordinary, [])).toBeUndefined();
  });

  it('renders a section per jurisdiction and says how many rules have a test', () => {
    const page = renderRulesTable(JURISDICTION_IDS.map(rulebookFor), {}, []);
    for (const j of JURISDICTION_IDS) expect(page).toContain(`\`${j}\``);
    expect(page).toMatch(/0 of \d+ rules have a test/);
    expect(page).toContain('| meetings.superviseDecisions | true | `001:61` | — not covered |');
  });
});
