import { formatTime } from '../format/time';
import { useI18n } from '../i18n/i18n';
import { nameOf, unitName, type Reference } from '../hooks/use-reference';

interface DocumentDetails {
  number?: string;
  issuedAt?: string;
  draft?: { body?: string; version?: number };
  signatures?: { role: string; act: string; by: string; onBehalfOf?: string; opinion?: string; at: string; rule: string }[];
  countersign?: { round: number; unitId: string; verdict: string; text?: string; by: string; onBehalfOf?: string; at: string; rule: string }[][];
}

const VERDICTS: Record<string, [string, string]> = {
  agree: ['同意', 'Agree'],
  'agree-with-comments': ['原则同意，有修改意见', 'Agree with comments'],
  disagree: ['不同意', 'Disagree'],
  'deemed-consent': ['逾期未复，视为无不同意见', 'Deemed consent'],
  'request-new-limit': ['商请延期', 'Asked for more time'],
};

const ACTS: Record<string, [string, string]> = { review: ['审核', 'Review'], 'sign-off': ['审签', 'Sign-off'], issue: ['签发', 'Issue'] };

/** A document's number once issued, its text, the countersign replies and its signatures. */
export function DocumentPanel({ details, reference }: { details: DocumentDetails; reference: Reference }) {
  const i18n = useI18n();
  const replies = (details.countersign ?? []).flat();
  return (
    <div class="document">
      <p>
        {i18n.t('documentNumber')}：<strong data-doc-number>{details.number ?? (i18n.lang === 'zh' ? '（印发时编号）' : '(numbered at issuance)')}</strong>
        {details.issuedAt && <span class="muted"> · {formatTime(details.issuedAt, i18n.lang)}</span>}
      </p>
      {details.draft?.body && (
        <details open>
          <summary>
            {i18n.t('body')}
            {details.draft.version ? `（v${details.draft.version}）` : ''}
          </summary>
          <div class="doc-body">{details.draft.body}</div>
        </details>
      )}
      {replies.length > 0 && (
        <ul class="replies">
          {replies.map((r) => (
            <li>
              {unitName(reference, r.unitId)}：<b>{i18n.pick(...(VERDICTS[r.verdict] ?? [r.verdict, r.verdict]))}</b>
              {r.text && `——${r.text}`} <span class="muted">{formatTime(r.at, i18n.lang)} · {r.rule}</span>
            </li>
          ))}
        </ul>
      )}
      {details.signatures && details.signatures.length > 0 && (
        <>
          <h3>{i18n.t('signatures')}</h3>
          <ul class="signatures">
            {details.signatures.map((s) => (
              <li>
                {nameOf(reference, s.by)}
                {s.onBehalfOf && `（${i18n.t('onBehalfOf', { name: nameOf(reference, s.onBehalfOf) })}）`} · {i18n.pick(...(ACTS[s.act] ?? [s.act, s.act]))}
                {s.opinion && `：${s.opinion}`} <span class="muted">{formatTime(s.at, i18n.lang)} · {s.rule}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
