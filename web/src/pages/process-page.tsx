import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { AuditEntry, Process } from '../api/types';
import { ActionForm } from '../components/action-form';
import { AuditTrail } from '../components/audit-trail';
import { DeadlineLedger } from '../components/deadline-ledger';
import { DocumentPanel } from '../components/document-panel';
import { LinkedProcesses } from '../components/linked-processes';
import { Timeline } from '../components/timeline';
import { formatTime } from '../format/time';
import { useLoad } from '../hooks/use-load';
import { nameOf, unitName, useReference } from '../hooks/use-reference';
import { useI18n } from '../i18n/i18n';
import { processStepLabel, statusLabel, typeLabel } from '../i18n/labels';
import { useUnitSuggestions } from '../hooks/use-unit-suggestions';

/** One process: what it is, where it stands, my tasks in it, and its whole record. */
export function ProcessPage({ id, userId }: { id: string; userId: string }) {
  const i18n = useI18n();
  const reference = useReference();
  const suggestionsFor = useUnitSuggestions(reference);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'conflict'; text: string } | undefined>();
  // While I hold a task here the page stays as I opened it (a refresh must not pull the form away
  // mid-sentence); if someone acts first, sending tells me so (409) and the page reloads.
  const [holding, setHolding] = useState(false);
  const loaded = useLoad(
    () => Promise.all([api<Process>('GET', `/v1/processes/${encodeURIComponent(id)}`), api<{ entries: AuditEntry[] }>('GET', `/v1/processes/${encodeURIComponent(id)}/audit`)]),
    [id],
    holding ? undefined : 10_000,
  );
  const mine = (loaded.data?.[0].openTasks ?? []).filter((t) => t.status === 'open' && t.assignees.some((a) => a.userId === userId));
  useEffect(() => setHolding(mine.length > 0), [mine.length]);
  if (loaded.error && !loaded.data) return <p class="notice notice-error" role="alert">{loaded.error.message}</p>;
  if (!loaded.data) return <p class="muted">{i18n.t('loading')}</p>;
  const [process, { entries }] = loaded.data;
  const details = process.details as Record<string, unknown>;

  return (
    <article class="process">
      <header class="process-head">
        <h1 class="title">{process.title}</h1>
        <dl class="facts">
          <div>
            <dt>{i18n.t('type')}</dt>
            <dd>{typeLabel(process.type, i18n)}</dd>
          </div>
          <div>
            <dt>{i18n.t('status')}</dt>
            <dd data-status={process.status}>{statusLabel(process.status, i18n)}</dd>
          </div>
          <div>
            <dt>{i18n.t('step')}</dt>
            <dd data-step={process.step}>{processStepLabel(process.type, process.step, process.tasks, i18n, process.status)}</dd>
          </div>
          {process.leadUnit && (
            <div>
              <dt>{i18n.t('unit')}</dt>
              <dd>{unitName(reference, process.leadUnit)}</dd>
            </div>
          )}
          <div>
            <dt>{i18n.t('startedAt')}</dt>
            <dd>
              {formatTime(process.startedAt, i18n.lang)} · {nameOf(reference, process.startedBy)}
            </dd>
          </div>
        </dl>
      </header>

      {notice && (
        <p class={`notice ${notice.kind === 'ok' ? 'notice-ok' : 'notice-conflict'}`} role="status" data-notice={notice.kind}>
          {notice.text}
        </p>
      )}

      {mine.map((task) => (
        <section class="card my-task" key={`${task.id}-${task.status}`}>
          <h2>{i18n.t('yourTasks')}</h2>
          <ActionForm
            processId={process.id}
            task={task}
            suggestionsFor={suggestionsFor}
            onActed={() => {
              setNotice({ kind: 'ok', text: i18n.t('saved') });
              void loaded.reload();
            }}
            onConflict={() => {
              setNotice({ kind: 'conflict', text: i18n.t('conflict') });
              void loaded.reload();
            }}
          />
        </section>
      ))}

      {process.type === 'officialDocument' && (
        <section class="card">
          <h2>{i18n.t('document')}</h2>
          <DocumentPanel details={details} reference={reference} />
        </section>
      )}

      <section class="card">
        <h2>{i18n.t('timeline')}</h2>
        <Timeline tasks={process.tasks} audit={entries} reference={reference} />
      </section>

      {process.deadlines.length > 0 && (
        <section class="card">
          <h2>{i18n.t('deadlines')}</h2>
          <DeadlineLedger deadlines={process.deadlines} reference={reference} />
        </section>
      )}

      {process.links.related.length > 0 && (
        <section class="card">
          <h2>{i18n.t('links')}</h2>
          <LinkedProcesses links={process.links.related} />
        </section>
      )}

      <section class="card">
        <h2>{i18n.t('audit')}</h2>
        <AuditTrail entries={entries} tasks={process.tasks} reference={reference} />
      </section>

      <details class="card">
        <summary>{i18n.t('details')}</summary>
        <pre class="mono small">{JSON.stringify(details, null, 2)}</pre>
      </details>
    </article>
  );
}
