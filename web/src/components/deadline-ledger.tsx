import type { Deadline } from '../api/types';
import type { Limit } from '../../../domain/limit';
import { formatDue, formatTime } from '../format/time';
import { useI18n, type I18n } from '../i18n/i18n';
import { withNames, type Reference } from '../hooks/use-reference';
import { deadlineLabel, serverText } from '../i18n/server-text';

function limitText(limit: Limit | null, i18n: I18n): string {
  if (!limit) return i18n.lang === 'zh' ? '指定时限' : 'Set by a person';
  const zh = i18n.lang === 'zh';
  switch (limit.unit) {
    case 'workingDays':
      return zh ? `${limit.n}个工作日` : `${limit.n} working days`;
    case 'days':
      return zh ? `${limit.n}日` : `${limit.n} days`;
    case 'months':
      return zh ? `${limit.n}个月` : `${limit.n} months`;
    case 'hours':
      return zh ? `${limit.n}小时` : `${limit.n} hours`;
    case 'yearEnd':
      return zh ? '年底前' : 'By year end';
  }
}

/** The deadline ledger: each limit with where it starts, the article it comes from, and every change. */
export function DeadlineLedger({ deadlines, reference }: { deadlines: Deadline[]; reference: Reference }) {
  const i18n = useI18n();
  return (
    <div class="table-wrap">
      <table class="ledger stack">
        <thead>
          <tr>
            <th>{i18n.t('deadlineName')}</th>
            <th>{i18n.t('deadlineLimit')}</th>
            <th>{i18n.t('deadlineStart')}</th>
            <th>{i18n.t('due')}</th>
            <th>{i18n.t('article')}</th>
          </tr>
        </thead>
        <tbody>
          {deadlines.map((d) => (
            <tr>
              <td data-label={i18n.t('deadlineName')}>{withNames(reference, deadlineLabel(d, i18n))}</td>
              <td data-label={i18n.t('deadlineLimit')}>{limitText(d.limit, i18n)}</td>
              <td data-label={i18n.t('deadlineStart')}>{formatTime(d.startAt, i18n.lang)}</td>
              <td data-label={i18n.t('due')}>
                {formatDue(d.dueAt, i18n.lang)}
                {d.provisional && (
                  <span class="tag tag-provisional" title={i18n.t('provisionalHint')}>
                    {i18n.t('provisional')}
                  </span>
                )}
                {d.changes.map((c) => (
                  <div class="muted small">
                    {i18n.t('deadlineChanges')}：{formatTime(c.at, i18n.lang)} → {formatDue(c.dueAt, i18n.lang)}（{serverText(withNames(reference, c.reason), i18n)}）
                  </div>
                ))}
              </td>
              <td data-label={i18n.t('article')}>
                <code>{d.rule}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
