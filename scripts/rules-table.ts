/**
 * `npm run rules` writes docs/rules.md: for every jurisdiction and every rule of its rulebook, the
 * value, the citation and the test that covers it — so the system can be audited against the
 * seed texts without reading code.
 *
 * A rule is every cited entry of a rulebook (`{ value, source }`), every step of a signing route,
 * review chain or seal approval (`{ rule }`), and every entry the text leaves silent (`null`). A
 * test covers a rule when its file names the rule's citation and the rule's key (e.g. `'001:61'`
 * and `superviseDecisions`); the nearest enclosing `it(…)` title is shown. Where no file names
 * both, a file naming the citation is shown, marked "(citation only)".
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JURISDICTION_IDS } from '../domain/jurisdictions';
import { RULEBOOKS } from '../domain/rulebooks';
import { NATIONAL_DECISIONS, NATIONAL_OPEN_GOVERNMENT, NATIONAL_SUPERVISION } from '../domain/rulebooks/national';
import type { Rulebook } from '../domain/rulebooks/types';

export interface RuleRow {
  /** Path in the rulebook, e.g. 'meetings.admissibility[1]'. */
  path: string;
  /** The word a test names the rule by: the last property name of the path ('admissibility'). */
  key: string;
  value: string;
  source: string | null;
}

export interface TestFile {
  path: string;
  text: string;
}

export interface Coverage {
  file: string;
  line: number;
  title: string;
  exact: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Short, readable value: scalars as they are, lists joined, objects as key=value. */
export function showValue(value: unknown): string {
  if (value === null) return '— (text silent)';
  if (Array.isArray(value)) return value.map(showValue).join(', ');
  if (isObject(value)) return Object.entries(value).map(([k, v]) => `${k}=${showValue(v)}`).join(' ');
  return String(value);
}

/** Every rule of a rulebook section, depth first, in the order the rulebook lists them. */
export function rulesOf(node: unknown, path = ''): RuleRow[] {
  const key = (path.match(/([A-Za-z]+)(?:\[\d+\])*$/) ?? [])[1] ?? path;
  if (node === null) return [{ path, key, value: showValue(null), source: null }];
  if (Array.isArray(node)) return node.flatMap((item, i) => rulesOf(item, `${path}[${i}]`));
  if (!isObject(node)) return [];
  if (typeof node.source === 'string' && 'value' in node) {
    // A cited value whose value is itself a table of steps (seal approval) lists the steps too.
    const nested = isObject(node.value) && Object.values(node.value).some(Array.isArray) ? rulesOf(node.value, path) : [];
    return [{ path, key, value: showValue(nested.length ? Object.keys(node.value as object) : node.value), source: node.source }, ...nested];
  }
  if (typeof node.rule === 'string') {
    const { rule, steps, ...rest } = node;
    const own = { path, key, value: showValue(rest), source: rule as string };
    return [own, ...(Array.isArray(steps) ? rulesOf(steps, `${path}.steps`) : [])];
  }
  return Object.entries(node).flatMap(([k, v]) => rulesOf(v, path ? `${path}.${k}` : k));
}

/** The rows of one jurisdiction's rulebook (its sections, not its id or name). */
export function rulebookRows(book: Rulebook): RuleRow[] {
  const { id: _id, name: _name, seed: _seed, level: _level, ...sections } = book;
  return rulesOf(sections);
}

const TITLE = /\b(?:it|test|itOnOwnServer|itOnOwnMeetingServer)(?:\.each\([\s\S]*?\))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/;

/** The title of the test around line `index` of `lines` (the nearest `it(` above it, or below for it.each tables). */
function enclosingTitle(lines: string[], index: number): string | undefined {
  for (let i = index; i >= 0; i--) {
    const m = TITLE.exec(lines[i]);
    if (m) return m[2];
  }
  for (let i = index; i < lines.length; i++) {
    const m = /^\s*\]\s*as const\)\(\s*(['"`])((?:\\.|(?!\1).)*)\1/.exec(lines[i]) ?? TITLE.exec(lines[i]);
    if (m) return m[2];
  }
  return undefined;
}

/** Where a silent entry is tested: a line naming its key with `null` on it or just below. */
function silenceCoverage(row: RuleRow, tests: readonly TestFile[]): Coverage | undefined {
  for (const file of tests) {
    const lines = file.text.split('\n');
    const index = lines.findIndex((l, i) => new RegExp(`\\b${row.key}\\b`).test(l) && lines.slice(i, i + 3).some((x) => /\bnull\b|toBeNull/.test(x)));
    const title = index >= 0 ? enclosingTitle(lines, index) : undefined;
    if (title) return { file: file.path, line: index + 1, title, exact: true };
  }
  return undefined;
}

/**
 * Where a rule is tested: best a line naming both its citation and its key; then a line naming the
 * key with the citation within a few lines (the same test); else a line naming the citation alone.
 */
export function coverageOf(row: RuleRow, tests: readonly TestFile[]): Coverage | undefined {
  if (row.source === null) return silenceCoverage(row, tests);
  const quoted = new RegExp(`['"\`(\\s,:;—]${row.source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9])`);
  const named = (l: string) => new RegExp(`\\b${row.key}\\b`).test(l);
  let best: (Coverage & { tier: number }) | undefined;
  for (const file of tests) {
    if (!quoted.test(file.text)) continue;
    const lines = file.text.split('\n');
    const candidates: [number, number][] = [
      [1, lines.findIndex((l) => quoted.test(l) && named(l))],
      [2, lines.findIndex((l, i) => named(l) && lines.slice(Math.max(0, i - 6), i + 7).some((x) => quoted.test(x)))],
      [3, lines.findIndex((l) => quoted.test(l))],
    ];
    for (const [tier, index] of candidates) {
      if (index < 0 || (best && best.tier <= tier)) continue;
      const title = enclosingTitle(lines, index);
      if (title) best = { file: file.path, line: index + 1, title, exact: tier < 3, tier };
    }
    if (best?.tier === 1) break;
  }
  if (!best) return undefined;
  const { tier: _tier, ...coverage } = best;
  return coverage;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown page. */
export function renderRulesTable(books: readonly Rulebook[], national: Record<string, unknown>, tests: readonly TestFile[]): string {
  const out: string[] = [
    '# Rule table',
    '',
    'Generated by `npm run rules` (scripts/rules-table.ts) from the rulebooks in `domain/rulebooks/`; do not edit by hand.',
    'Citations: `000:62` = seed 000 article 62; `none:001` = the text of 001 is silent (no rule is invented);',
    '`policy:<name>` = the office’s own setting; `decree713:26`, `supervision2020:17`, `ogi2019:26`, `docs2012:24` = national rules.',
    'A test covers a rule when it names the citation and the rule’s key; "(citation only)" marks a test that names the citation alone.',
    '',
  ];
  let total = 0;
  let covered = 0;
  const section = (title: string, rows: RuleRow[]) => {
    out.push(`## ${title}`, '', '| rule | value | citation | test |', '|---|---|---|---|');
    for (const row of rows) {
      const cov = coverageOf(row, tests);
      total++;
      if (cov) covered++;
      const test = cov ? `${cov.file}:${cov.line} — ${cov.title}${cov.exact ? '' : ' (citation only)'}` : '— not covered';
      out.push(`| ${cell(row.path)} | ${cell(row.value)} | ${row.source ? `\`${row.source}\`` : '—'} | ${cell(test)} |`);
    }
    out.push('');
  };
  for (const book of books) section(`${book.name} — \`${book.id}\` (seed ${book.seed})`, rulebookRows(book));
  section('National rules (where the local texts are silent)', rulesOf(national));
  out.splice(7, 0, `${covered} of ${total} rules have a test naming their citation.`, '');
  return out.join('\n');
}

function testFiles(root: string): TestFile[] {
  const dir = join(root, 'tests');
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.test.ts') ? [join(d, e.name)] : []));
  return walk(dir)
    .sort()
    .map((p) => ({ path: relative(root, p), text: readFileSync(p, 'utf8') }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const page = renderRulesTable(
    JURISDICTION_IDS.map((j) => RULEBOOKS[j]),
    { supervision: NATIONAL_SUPERVISION, decisions: NATIONAL_DECISIONS, openGovernment: NATIONAL_OPEN_GOVERNMENT },
    testFiles(root),
  );
  writeFileSync(join(root, 'docs', 'rules.md'), `${page}\n`);
  process.stdout.write(`docs/rules.md: ${page.split('\n').find((l) => / of \d+ rules/.test(l))}\n`);
}
