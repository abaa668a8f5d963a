import type { AuditEntry, Task } from '../api/types';
import { formatTime } from '../format/time';
import { useI18n } from '../i18n/i18n';
import { outcomeLabel, statusLabel, stepLabel } from '../i18n/labels';
import { nameOf, type Reference } from '../hooks/use-reference';
import { DueBadge } from './due-badge';

/** The opinion a person gave with an action: the comment, or the data's own opinion-like field. */
function opinionOf(task: Task): string | undefined {
  const outcome = task.outcome;
  if (!outcome) return undefined;
  const data = outcome.data ?? {};
  const said = ['opinion', 'comments', 'grounds', 'summary', 'reason', 'explanation', 'instruction', 'decision', 'note']
    .map((key) => data[key])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return [outcome.comment, ...said].filter(Boolean).join(' / ') || undefined;
}

/** Every task of the process, oldest first: who held it, who acted, when, on whose behalf, with what opinion. */
export function Timeline({ tasks, audit, reference }: { tasks: Task[]; audit: AuditEntry[]; reference: Reference }) {
  const i18n = useI18n();
  /** What people did on a task before deciding it (acknowledged, reported progress …), from the trail. */
  const steps = (task: Task) => audit.filter((e) => e.taskId === task.id && e.actorId !== 'system' && task.actions.some((a) => a.name === e.action && !a.final));
  return (
    <ol class="timeline">
      {tasks.map((task) => {
        const outcome = task.outcome;
        const opinion = opinionOf(task);
        return (
          <li class={`tl tl-${task.status}`} data-task={task.id}>
            <div class="tl-head">
              <strong>{stepLabel(task, i18n)}</strong>
              <span class={`tag tag-status-${task.status}`}>{statusLabel(task.status, i18n)}</span>
              <span class="muted">
                {formatTime(task.createdAt, i18n.lang)} · {task.rule}
              </span>
            </div>
            <div class="tl-body">
              <span>
                {i18n.t('holder')}：
                {task.assignees
                  .map((a) => (a.onBehalfOf ? `${nameOf(reference, a.userId)}（${i18n.t('onBehalfOf', { name: nameOf(reference, a.onBehalfOf) })}）` : nameOf(reference, a.userId)))
                  .join('、')}
              </span>
              {(task.status === 'open' || task.status === 'paused') && (
                <span>
                  {i18n.t('due')}：<DueBadge dueAt={task.dueAt} overdue={task.overdue} provisional={task.provisional} table={reference.table} />
                </span>
              )}
              {steps(task).map((e) => (
                <span class="tl-progress">
                  {nameOf(reference, e.actorId)}
                  {e.onBehalfOf && `（${i18n.t('onBehalfOf', { name: nameOf(reference, e.onBehalfOf) })}）`} · <b>{outcomeLabel(task, e.action, i18n)}</b> · {formatTime(e.at, i18n.lang)}
                  {e.detail && <span class="muted">：{e.detail}</span>}
                </span>
              ))}
              {outcome && (
                <span class="tl-outcome">
                  {outcome.byRule ? i18n.t('byRule') : `${i18n.t('actedBy')}：${nameOf(reference, outcome.actorId)}`}
                  {outcome.onBehalfOf && `（${i18n.t('onBehalfOf', { name: nameOf(reference, outcome.onBehalfOf) })}）`} · <b>{outcomeLabel(task, outcome.action, i18n)}</b> · {formatTime(outcome.at, i18n.lang)}
                </span>
              )}
              {opinion && (
                <blockquote class="opinion">
                  {i18n.t('opinion')}：{opinion}
                </blockquote>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
