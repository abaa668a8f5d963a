import { api } from '../api/client';
import type { Process, ProcessSummary } from '../api/types';
import { DueBadge } from '../components/due-badge';
import { remaining } from '../format/remaining';
import { useLoad } from '../hooks/use-load';
import { nameOf, unitName, useReference, type Reference } from '../hooks/use-reference';
import { useI18n } from '../i18n/i18n';

/** "Soon" as the board counts it: due within this many working days. */
const SOON_WORKING_DAYS = 3;

interface Row {
  summary: ProcessSummary;
  unitId: string;
  overdue: boolean;
}

async function loadRows(table: Reference['table']): Promise<Row[]> {
  const { items } = await api<{ items: ProcessSummary[] }>('GET', '/v1/processes?type=supervisionTicket&status=running&limit=200');
  const now = Date.now();
  const watched = items.filter((p) => {
    if (p.status !== 'Running' && p.status !== 'RUNNING' && p.status !== 'running') return false;
    if (p.overdue) return true;
    if (!p.dueAt) return false;
    const left = remaining(p.dueAt, now, table);
    return left.kind === 'overdue' || left.kind === 'today' || left.kind === 'hours' || (left.kind === 'workingDays' && left.workingDays <= SOON_WORKING_DAYS);
  });
  // The read model's list names the unit; before it, the process itself does.
  const states = await Promise.all(watched.map((p) => (p.leadUnit ? undefined : api<Process>('GET', `/v1/processes/${encodeURIComponent(p.id)}`).catch(() => undefined))));
  return watched.map((summary, i) => ({
    summary,
    unitId: summary.leadUnit ?? states[i]?.leadUnit ?? '',
    overdue: summary.overdue || (summary.dueAt ? Date.parse(summary.dueAt) <= now : false),
  }));
}

/** The vice chief in charge of a unit (分管领导), from the directory's portfolios. */
function leaderOf(reference: Reference, unitId: string): string {
  const leader = [...reference.users.values()].find((u) => u.portfolio.includes(unitId));
  return leader ? nameOf(reference, leader.id) : '';
}

/** 督办看板: overdue and soon-due supervision tickets, by unit and leader in charge. */
export function SupervisionBoardPage() {
  const i18n = useI18n();
  const reference = useReference();
  const loaded = useLoad(() => loadRows(reference.table), [reference.years.length], 30_000);
  const byUnit = new Map<string, Row[]>();
  for (const row of loaded.data ?? []) byUnit.set(row.unitId, [...(byUnit.get(row.unitId) ?? []), row]);
  return (
    <section>
      <h1>{i18n.t('supervisionBoardTitle')}</h1>
      {!loaded.data && <p class="muted">{i18n.t('loading')}</p>}
      {loaded.data?.length === 0 && <p class="empty">{i18n.t('empty')}</p>}
      <div class="board">
        {[...byUnit].map(([unitId, rows]) => (
          <section class="card">
            <h2>
              {unitName(reference, unitId)} <span class="muted small">{leaderOf(reference, unitId) && `${i18n.t('leader')}：${leaderOf(reference, unitId)}`}</span>
            </h2>
            <p class="small">
              <span class="tag tag-late">
                {i18n.t('overdueTickets')} {rows.filter((r) => r.overdue).length}
              </span>{' '}
              <span class="tag tag-soon">
                {i18n.t('soonDue')} {rows.filter((r) => !r.overdue).length}
              </span>
            </p>
            <ul class="items">
              {rows.map((r) => (
                <li class={`item${r.overdue ? ' item-overdue' : ''}`}>
                  <a class="item-title" href={`#/p/${encodeURIComponent(r.summary.id)}`}>
                    {r.summary.title}
                  </a>
                  <div class="item-meta">
                    <DueBadge dueAt={r.summary.dueAt} overdue={r.overdue} provisional={r.summary.provisional} table={reference.table} />
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}
