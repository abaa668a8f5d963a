import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { ActedList } from '../api/types';
import { formatTime } from '../format/time';
import { useLoad } from '../hooks/use-load';
import { nameOf, useReference } from '../hooks/use-reference';
import { useI18n } from '../i18n/i18n';
import { actionLabel, statusLabel, stepLabel, typeLabel } from '../i18n/labels';

const PAGE_SIZE = 20;

/** 已办: the steps I decided (or a delegate decided for me), newest first, a page at a time from the read model. */
export function DonePage({ userId }: { userId: string }) {
  const i18n = useI18n();
  const reference = useReference();
  const [page, setPage] = useState(0);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[page];
  const loaded = useLoad(() => api<ActedList>('GET', `/v1/tasks/done?limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), [userId, cursor], 60_000);
  const list = loaded.data;
  return (
    <section>
      <div class="page-head">
        <h1>{i18n.t('done')}</h1>
        <span class="muted small">{i18n.t('doneHint')}</span>
      </div>
      {loaded.error && <p class="notice notice-error">{loaded.error.message}</p>}
      {!list && !loaded.error && <p class="muted">{i18n.t('loading')}</p>}
      {list?.items.length === 0 && <p class="empty">{i18n.t('emptyDone')}</p>}
      <ul class="items">
        {list?.items.map((item) => (
          <li class="item" data-process={item.processId} data-task={item.taskId}>
            <a class="item-title" href={`#/p/${encodeURIComponent(item.processId)}`}>
              {item.title}
            </a>
            <div class="item-meta">
              <span class="tag">{typeLabel(item.processType, i18n)}</span>
              {/* A step or action no declaration names any more comes back as its code: the workbench's own names then. */}
              <span>{stepLabel({ step: item.step, ...(item.stepLabel !== item.step ? { stepLabel: item.stepLabel, stepLabelEn: item.stepLabelEn } : {}) }, i18n)}</span>
              <b>{actionLabel({ name: item.action, ...(item.actionLabel !== item.action ? { label: item.actionLabel, labelEn: item.actionLabelEn } : { label: '' }) }, i18n)}</b>
              {item.actorId !== userId && <span>{`${nameOf(reference, item.actorId)}（${i18n.t('onBehalfOf', { name: nameOf(reference, item.onBehalfOf) })}）`}</span>}
              {item.actorId === userId && item.onBehalfOf && <span>{i18n.t('onBehalfOf', { name: nameOf(reference, item.onBehalfOf) })}</span>}
              <span class="muted">{formatTime(item.at, i18n.lang)}</span>
              <span class={`tag tag-status-${item.processStatus}`}>{statusLabel(item.processStatus, i18n)}</span>
            </div>
          </li>
        ))}
      </ul>
      {(page > 0 || list?.nextCursor) && (
        <nav class="pager" aria-label={i18n.t('page', { n: page + 1 })}>
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {i18n.t('previous')}
          </button>
          <span>{i18n.t('page', { n: page + 1 })}</span>
          <button
            type="button"
            disabled={!list?.nextCursor}
            onClick={() => {
              setCursors((c) => [...c.slice(0, page + 1), list?.nextCursor]);
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
