import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { HolidayYear, Me } from '../api/types';
import { formatDate } from '../format/time';
import { useLoad } from '../hooks/use-load';
import { loadReference } from '../hooks/use-reference';
import { useI18n } from '../i18n/i18n';

const lines = (text: string) => text.split(/[\s,，、]+/).map((s) => s.trim()).filter(Boolean);

/** An operator loads next year's State Council notice (PUT /v1/calendar/:year). */
function UploadYear({ year, onSaved }: { year: number; onSaved(): void }) {
  const i18n = useI18n();
  const [daysOff, setDaysOff] = useState('');
  const [working, setWorking] = useState('');
  const [source, setSource] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await api('PUT', `/v1/calendar/${year}`, { daysOff: lines(daysOff), workingWeekendDays: lines(working), source });
      setMessage(undefined);
      onSaved();
    } catch (err) {
      // Each refused date by its list and line, in the page's language (the API's `message` is Chinese).
      const place = (field: string) => field.replace(/^daysOff\[(\d+)\]$/, (_, i: string) => `${i18n.t('daysOff')} ${Number(i) + 1}`).replace(/^workingWeekendDays\[(\d+)\]$/, (_, i: string) => `${i18n.t('workingWeekendDays')} ${Number(i) + 1}`);
      const problems = err instanceof ApiError ? (err.problem.errors ?? []).map((x) => `${place(x.field)}：${i18n.pick(x.message, x.reason)}`) : [];
      setMessage(problems.length ? problems.join('；') : `${i18n.t('serverError')}${(err as Error).message}`);
    }
  };
  return (
    <form class="card" onSubmit={submit}>
      <h2>{i18n.t('uploadYear', { year })}</h2>
      <div class="field">
        <label for="cal-off">{i18n.t('daysOff')}</label>
        <textarea id="cal-off" rows={4} value={daysOff} onInput={(e) => setDaysOff(e.currentTarget.value)} />
        <small class="hint">{i18n.t('datesHelp')}</small>
      </div>
      <div class="field">
        <label for="cal-working">{i18n.t('workingWeekendDays')}</label>
        <textarea id="cal-working" rows={2} value={working} onInput={(e) => setWorking(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="cal-source">{i18n.t('source')}</label>
        <input id="cal-source" type="text" value={source} placeholder="国办发明电〔2026〕…号" onInput={(e) => setSource(e.currentTarget.value)} />
      </div>
      {message && <p class="notice notice-error" role="alert">{message}</p>}
      <button type="submit" class="primary">
        {i18n.t('save')}
      </button>
    </form>
  );
}

/** Days of one year, each kept on one line (10月7日 never breaks as 10月7 / 日). */
const dateList = (days: string[], lang: 'zh' | 'en') =>
  days.map((d, i) => (
    <span class="nowrap">
      {formatDate(d, lang).replace(/^\d+年/, '')}
      {i < days.length - 1 ? '、' : ''}
    </span>
  ));

/** 节假日: the holiday table per year; a year not loaded is flagged (its deadlines are provisional). */
export function CalendarPage({ me }: { me: Me }) {
  const i18n = useI18n();
  const loaded = useLoad(() => api<{ years: HolidayYear[] }>('GET', '/v1/calendar'), []);
  const thisYear = new Date().getFullYear();
  const years = loaded.data?.years ?? [];
  // Only once the table has loaded: before that every year would look missing and flash as 暂定.
  const missing = loaded.data ? [thisYear, thisYear + 1].filter((y) => !years.some((x) => x.year === y)) : [];
  return (
    <section>
      <h1>{i18n.t('calendarTitle')}</h1>
      {missing.map((year) => (
        <p class="notice notice-conflict" data-missing-year={year}>
          <span class="tag tag-provisional">{i18n.t('provisional')}</span> {i18n.t('yearNotLoaded', { year })}
        </p>
      ))}
      {me.user.roles.includes('operator') && missing.length > 0 && (
        <UploadYear
          year={missing[0]}
          onSaved={() => {
            void loaded.reload();
            void loadReference(true);
          }}
        />
      )}
      <div class="board">
        {[...years]
          .sort((a, b) => b.year - a.year)
          .map((y) => (
            <section class="card" data-year={y.year}>
              <h2>
                {y.year}
                {i18n.lang === 'zh' ? '年' : ''} <span class="muted small">{`${i18n.t('version')} ${y.version} · ${y.source}`}</span>
              </h2>
              <h3>{i18n.t('daysOff')}</h3>
              <p class="dates">{dateList(y.daysOff, i18n.lang)}</p>
              <h3>{i18n.t('workingWeekendDays')}</h3>
              <p class="dates">{y.workingWeekendDays.length ? dateList(y.workingWeekendDays, i18n.lang) : '—'}</p>
            </section>
          ))}
      </div>
    </section>
  );
}
