import { api } from '../api/client';
import type { ProcessSummary } from '../api/types';
import { DueBadge } from '../components/due-badge';
import { useLoad } from '../hooks/use-load';
import { useReference } from '../hooks/use-reference';
import { useI18n } from '../i18n/i18n';
import { processStepLabel } from '../i18n/labels';

/** 公文看板: running documents grouped by the step they wait at. */
export function OfficeBoardPage() {
  const i18n = useI18n();
  const reference = useReference();
  const loaded = useLoad(() => api<{ items: ProcessSummary[] }>('GET', '/v1/processes?type=officialDocument&status=running&limit=200'), [], 30_000);
  const running = (loaded.data?.items ?? []).filter((p) => /^running$/i.test(p.status));
  const bySteps = new Map<string, ProcessSummary[]>();
  for (const p of running) bySteps.set(p.step ?? '', [...(bySteps.get(p.step ?? '') ?? []), p]);
  return (
    <section>
      <h1>{i18n.t('officeBoardTitle')}</h1>
      {!loaded.data && <p class="muted">{i18n.t('loading')}</p>}
      {loaded.data && running.length === 0 && <p class="empty">{i18n.t('empty')}</p>}
      <div class="board">
        {[...bySteps].map(([step, docs]) => (
          <section class="card" data-step={step}>
            <h2>
              {processStepLabel('officialDocument', step, [], i18n)} <span class="count">{docs.length}</span>
            </h2>
            <ul class="items">
              {docs
                .sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'))
                .map((d) => (
                  <li class={`item${d.overdue ? ' item-overdue' : ''}`}>
                    <a class="item-title" href={`#/p/${encodeURIComponent(d.id)}`}>
                      {d.title}
                    </a>
                    <div class="item-meta">
                      <DueBadge dueAt={d.dueAt} overdue={d.overdue} provisional={d.provisional} table={reference.table} />
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
