import { findBrokenLink } from '../../../workflows/engine/audit-trail';
import type { AuditEntry, Task } from '../api/types';
import { AUDIT_ACTIONS } from '../i18n/audit-actions';
import { serverText } from '../i18n/server-text';
import { actionLabel } from '../i18n/labels';
import { formatTime } from '../format/time';
import { useI18n } from '../i18n/i18n';
import { nameOf, withNames, type Reference } from '../hooks/use-reference';

/** The audit trail with its hash chain verified here, in the page, by the engine's own hashing. */
export function AuditTrail({ entries, tasks, reference }: { entries: AuditEntry[]; tasks: Task[]; reference: Reference }) {
  const i18n = useI18n();
  const broken = findBrokenLink(entries);
  /** A person's action by its task's own label; the engine's events from the table; else the code. */
  const label = (e: AuditEntry) => {
    const declared = tasks.find((t) => t.id === e.taskId)?.actions.find((a) => a.name === e.action);
    if (declared) return actionLabel(declared, i18n);
    const known = AUDIT_ACTIONS[e.action];
    return known ? i18n.pick(known[0], known[1]) : e.action;
  };
  const named = (detail: string) => serverText(withNames(reference, detail), i18n);
  return (
    <div>
      <p class={broken < 0 ? 'notice notice-ok' : 'notice notice-error'} data-audit={broken < 0 ? 'verified' : 'broken'}>
        {broken < 0 ? `✓ ${i18n.t('auditVerified', { n: entries.length })}` : `✗ ${i18n.t('auditBroken', { n: broken + 1 })}`}
      </p>
      <div class="table-wrap">
        <table class="audit stack">
          <thead>
            <tr>
              <th>#</th>
              <th>{i18n.t('when')}</th>
              <th>{i18n.t('who')}</th>
              <th>{i18n.t('action')}</th>
              <th>{i18n.t('article')}</th>
              <th>{i18n.t('hash')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr class={broken >= 0 && i >= broken ? 'row-broken' : ''}>
                <td data-label="#">{e.seq}</td>
                <td class="nowrap" data-label={i18n.t('when')}>{formatTime(e.at, i18n.lang)}</td>
                <td data-label={i18n.t('who')}>
                  {nameOf(reference, e.actorId)}
                  {e.onBehalfOf && <span class="muted">（{i18n.t('onBehalfOf', { name: nameOf(reference, e.onBehalfOf) })}）</span>}
                </td>
                <td data-label={i18n.t('action')}>
                  <span title={e.action}>{label(e)}</span>
                  {e.detail && <div class="muted small">{named(e.detail)}</div>}
                </td>
                <td data-label={i18n.t('article')}>{e.rule && <code>{e.rule}</code>}</td>
                <td data-label={i18n.t('hash')}>
                  <code class="hash" title={e.hash}>
                    {e.hash.slice(0, 10)}
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
