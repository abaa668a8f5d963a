import { api } from '../api/client';
import type { Process, ProcessSummary, Task } from '../api/types';
import { formatTime } from '../format/time';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { outcomeLabel, statusLabel, stepLabel, typeLabel } from '../i18n/labels';

/** How many recent processes of the jurisdiction are searched for my actions (no server list of 已办 yet). */
const RECENT = 50;

interface DoneItem {
  process: Process;
  task: Task;
}

async function loadDone(userId: string): Promise<DoneItem[]> {
  // Running and ended ones alike (the read model lists ended processes last; a list without the
  // status filter answers the same twice, hence the de-duplication).
  const lists = await Promise.all(['running', 'ended'].map((status) => api<{ items: ProcessSummary[] }>('GET', `/v1/processes?status=${status}&limit=${RECENT}`)));
  const items = [...new Map(lists.flatMap((l) => l.items).map((p) => [p.id, p])).values()];
  const states = await Promise.all(items.map((p) => api<Process>('GET', `/v1/processes/${encodeURIComponent(p.id)}`).catch(() => undefined)));
  return states
    .flatMap((process) => (process ? process.tasks.filter((t) => t.outcome && (t.outcome.actorId === userId || t.outcome.onBehalfOf === userId)).map((task) => ({ process, task })) : []))
    .sort((a, b) => (b.task.outcome?.at ?? '').localeCompare(a.task.outcome?.at ?? ''));
}

/** 已办: the steps I acted on, newest first. */
export function DonePage({ userId }: { userId: string }) {
  const i18n = useI18n();
  const loaded = useLoad(() => loadDone(userId), [userId], 60_000);
  return (
    <section>
      <div class="page-head">
        <h1>{i18n.t('done')}</h1>
        <span class="muted small">{i18n.t('doneHint')}</span>
      </div>
      {loaded.error && <p class="notice notice-error">{loaded.error.message}</p>}
      {!loaded.data && !loaded.error && <p class="muted">{i18n.t('loading')}</p>}
      {loaded.data?.length === 0 && <p class="empty">{i18n.t('emptyDone')}</p>}
      <ul class="items">
        {loaded.data?.map(({ process, task }) => (
          <li class="item">
            <a class="item-title" href={`#/p/${encodeURIComponent(process.id)}`}>
              {process.title}
            </a>
            <div class="item-meta">
              <span class="tag">{typeLabel(process.type, i18n)}</span>
              <span>{stepLabel(task, i18n)}</span>
              <b>{outcomeLabel(task, task.outcome!.action, i18n)}</b>
              <span class="muted">{formatTime(task.outcome!.at, i18n.lang)}</span>
              <span class={`tag tag-status-${process.status}`}>{statusLabel(process.status, i18n)}</span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
