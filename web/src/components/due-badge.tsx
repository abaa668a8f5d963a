import type { HolidayTable } from '../../../domain/calendar/holiday-table';
import { formatDue } from '../format/time';
import { remaining } from '../format/remaining';
import { useI18n } from '../i18n/i18n';

/** A due time as an office writes it, with what is left (剩余3个工作日) and the overdue / provisional marks. */
export function DueBadge({ dueAt, overdue, provisional, table, now = Date.now() }: { dueAt?: string; overdue?: boolean; provisional?: boolean; table: HolidayTable; now?: number }) {
  const i18n = useI18n();
  if (!dueAt) return <span class="due muted">{i18n.t('noLimit')}</span>;
  const left = remaining(dueAt, now, table);
  const late = overdue || left.kind === 'overdue';
  const text =
    left.kind === 'overdue'
      ? left.workingDays > 0
        ? i18n.t('overdueWorkingDays', { n: left.workingDays })
        : i18n.t('overdue')
      : left.kind === 'hours'
        ? i18n.t('remainingHours', { n: left.hours })
        : left.kind === 'today'
          ? i18n.t('dueToday')
          : i18n.t('remainingWorkingDays', { n: left.workingDays });
  return (
    <span class={`due${late ? ' due-late' : ''}`}>
      <time dateTime={dueAt}>{formatDue(dueAt, i18n.lang)}</time>
      <span class={`tag ${late ? 'tag-late' : left.kind === 'workingDays' && left.workingDays > 2 ? 'tag-ok' : 'tag-soon'}`}>{text}</span>
      {provisional && (
        <span class="tag tag-provisional" title={i18n.t('provisionalHint')}>
          {i18n.t('provisional')}
        </span>
      )}
    </span>
  );
}
