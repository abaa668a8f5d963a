import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Inbox, InboxItem } from '../api/types';
import { DueBadge } from '../components/due-badge';
import { formatTime } from '../format/time';
import { useLoad } from '../hooks/use-load';
import { useReference } from '../hooks/use-reference';
import { useI18n } from '../i18n/i18n';
import { stepLabel, typeLabel } from '../i18n/labels';

const PAGE_SIZE = 20;
const REFRESH_MS = 15_000;

/** Counts per process type: the server's when it sends them, else counted from the items. */
function countsOf(inbox: Inbox): Record<string, number> {
  const served = inbox.counts as Record<string, unknown> | undefined;
  const byType = (served?.byType ?? served) as Record<string, unknown> | undefined;
  if (byType && Object.values(byType).every((v) => typeof v === 'number')) return byType as Record<string, number>;
  const counts: Record<string, number> = {};
  for (const item of inbox.items) counts[item.processType] = (counts[item.processType] ?? 0) + 1;
  return counts;
}

const dueOrder = (a: InboxItem, b: InboxItem) => (a.task.dueAt ?? '9999').localeCompare(b.task.dueAt ?? '9999');

/** 待办: my open tasks, soonest due first, overdue and provisional marked; filters, paging, refreshes itself. */
export function InboxPage() {
  const i18n = useI18n();
  const reference = useReference();
  const [type, setType] = useState<string | undefined>();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[page];
  const [allCounts, setAllCounts] = useState<Record<string, number>>({});
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (type) query.set('type', type);
  if (overdueOnly) query.set('overdue', 'true');
  if (search.trim()) query.set('q', search.trim().slice(0, 100));
  if (cursor) query.set('cursor', cursor);
  const loaded = useLoad(
    async () => {
      const inbox = await api<Inbox>('GET', `/v1/tasks?${query}`);
      // The chips keep every type's count while one type is chosen.
      if (!type && !overdueOnly && !search.trim()) setAllCounts(countsOf(inbox));
      return inbox;
    },
    [type, overdueOnly, search, cursor],
    REFRESH_MS,
  );

  const inbox = loaded.data;
  // The read model pages on the server (nextCursor, counts); before it, the page pages what it got.
  const serverPaged = inbox !== undefined && ('counts' in inbox || 'nextCursor' in inbox);
  const all = (inbox?.items ?? [])
    .filter((item) => (!type || item.processType === type) && (!overdueOnly || item.task.overdue) && (!search || item.title.includes(search.trim())))
    .sort(dueOrder);
  const shown = serverPaged ? all : all.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const hasNext = serverPaged ? Boolean(inbox?.nextCursor) : (page + 1) * PAGE_SIZE < all.length;
  const counts = Object.keys(allCounts).length ? allCounts : inbox ? countsOf(inbox) : {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const reset = () => {
    setPage(0);
    setCursors([undefined]);
  };

  return (
    <section>
      <div class="page-head">
        <h1>{i18n.t('inbox')}</h1>
        <span class="muted small" aria-live="polite">
          {loaded.at && `${i18n.t('updatedAt')} ${formatTime(new Date(loaded.at).toISOString(), i18n.lang).split(' ')[1]}`}
        </span>
        <button type="button" onClick={() => void loaded.reload()}>
          {i18n.t('refresh')}
        </button>
      </div>
      <div class="filters" role="group" aria-label={i18n.t('processTypes')}>
        <button type="button" class={!type ? 'chip active' : 'chip'} aria-pressed={!type} onClick={() => (setType(undefined), reset())}>
          {i18n.t('all')} <span class="count">{total}</span>
        </button>
        {Object.entries(counts).map(([t, n]) => (
          <button type="button" class={type === t ? 'chip active' : 'chip'} aria-pressed={type === t} data-type={t} onClick={() => (setType(t), reset())}>
            {typeLabel(t, i18n)} <span class="count">{n}</span>
          </button>
        ))}
        <label class="chip">
          <input type="checkbox" checked={overdueOnly} onChange={(e) => (setOverdueOnly(e.currentTarget.checked), reset())} /> {i18n.t('overdueOnly')}
        </label>
        <input type="search" class="search" placeholder={i18n.t('search')} aria-label={i18n.t('search')} value={search} onInput={(e) => (setSearch(e.currentTarget.value), reset())} />
      </div>

      {loaded.error && <p class="notice notice-error" role="alert">{loaded.error.message}</p>}
      {!inbox && !loaded.error && <p class="muted">{i18n.t('loading')}</p>}
      {inbox && shown.length === 0 && <p class="empty">{i18n.t('empty')}</p>}
      <ul class="items">
        {shown.map((item) => (
          <li class={`item${item.task.overdue ? ' item-overdue' : ''}`} data-process={item.processId} data-task={item.task.id}>
            <a class="item-title" href={`#/p/${encodeURIComponent(item.processId)}`}>
              {item.title}
            </a>
            <div class="item-meta">
              <span class="tag">{typeLabel(item.processType, i18n)}</span>
              <span>{stepLabel(item.task, i18n)}</span>
              <DueBadge dueAt={item.task.dueAt} overdue={item.task.overdue} provisional={item.task.provisional} table={reference.table} />
            </div>
          </li>
        ))}
      </ul>
      {(page > 0 || hasNext) && (
        <nav class="pager" aria-label={i18n.t('page', { n: page + 1 })}>
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {i18n.t('previous')}
          </button>
          <span>{i18n.t('page', { n: page + 1 })}</span>
          <button
            type="button"
            disabled={!hasNext}
            onClick={() => {
              if (serverPaged) setCursors((c) => [...c.slice(0, page + 1), inbox?.nextCursor ?? undefined]);
              setPage(page + 1);
            }}
          >
            {i18n.t('next')}
          </button>
        </nav>
      )}
    </section>
  );
}
