import { useState } from 'preact/hooks';
import { api, ApiError, newIdempotencyKey } from '../api/client';
import type { Action, Process, Task } from '../api/types';
import { SchemaForm } from '../forms/schema-form';
import { serverFieldErrors, validate, type FieldErrors } from '../forms/validate';
import { useI18n } from '../i18n/i18n';
import { actionLabel, stepLabel } from '../i18n/labels';
import { serverText } from '../i18n/server-text';

interface Props {
  processId: string;
  task: Task;
  /** After the action was applied: the process as the API now reports it. */
  onActed(state: Process): void;
  /** After a 409: someone else acted first; the page reloads the process. */
  onConflict(): void;
  suggestionsFor?(name: string): { value: string; label: string }[] | undefined;
}

type Phase = { kind: 'editing' } | { kind: 'confirming' } | { kind: 'sending' };

/**
 * Acting on one open task: choose an allowed action, fill in its form (rendered from the served
 * JSON Schema, or free JSON where none is served), check it in the page, confirm a final action,
 * then send it. The server's field errors appear beside their fields; a 409 says someone was first.
 */
export function ActionForm({ processId, task, onActed, onConflict, suggestionsFor }: Props) {
  const i18n = useI18n();
  const [chosen, setChosen] = useState<Action | undefined>(task.actions.length === 1 ? task.actions[0] : undefined);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [json, setJson] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'conflict'; text: string } | undefined>();
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const prefix = `act-${task.id}`;
  const schema = chosen?.inputSchema;
  const fields = Object.keys(schema?.properties ?? {});

  const choose = (action: Action) => {
    setChosen(action);
    setData({});
    setErrors({});
    setMessage(undefined);
    setPhase({ kind: 'editing' });
  };

  /** The action's data from the form (or the JSON box), or undefined with the errors shown. */
  const collect = (): Record<string, unknown> | undefined | false => {
    if (schema) {
      const found = validate(schema, data, i18n);
      setErrors(found);
      if (Object.keys(found).length > 0) {
        setMessage({ kind: 'error', text: i18n.t('fixFields') });
        return false;
      }
      return Object.keys(data).length ? data : undefined;
    }
    if (!json.trim()) return undefined;
    try {
      const parsed = JSON.parse(json);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      return parsed as Record<string, unknown>;
    } catch {
      setErrors({ data: [i18n.t('invalidJson')] });
      return false;
    }
  };

  const send = async (payload: Record<string, unknown> | undefined) => {
    if (!chosen) return;
    setPhase({ kind: 'sending' });
    try {
      const state = await api<Process>(
        'POST',
        task.actionsUrl ?? `/v1/processes/${encodeURIComponent(processId)}/tasks/${task.id}/actions`,
        { action: chosen.name, ...(comment.trim() ? { comment: comment.trim() } : {}), ...(payload ? { data: payload } : {}) },
        { 'Idempotency-Key': newIdempotencyKey() },
      );
      setPhase({ kind: 'editing' });
      onActed(state);
    } catch (err) {
      setPhase({ kind: 'editing' });
      if (!(err instanceof ApiError)) {
        setMessage({ kind: 'error', text: `${i18n.t('serverError')}${(err as Error).message}` });
        return;
      }
      if (err.status === 409) {
        setMessage({ kind: 'conflict', text: i18n.t('conflict') });
        onConflict();
        return;
      }
      if (err.status === 400 && err.problem.errors?.length) {
        const byField = serverFieldErrors(err.problem.errors, schema ? [...fields, 'comment'] : ['comment'], i18n);
        if (!schema && byField['']) {
          // Without a form the data box is where its errors belong.
          byField.data = byField[''];
          delete byField[''];
        }
        setErrors(byField);
        // The fields say what is wrong, in the page's language; the problem's detail is English.
        setMessage({ kind: 'error', text: i18n.lang === 'zh' ? i18n.t('fixFields') : `${i18n.t('serverError')}${err.problem.detail ?? err.message}` });
        return;
      }
      setMessage({ kind: 'error', text: `${err.status === 403 ? i18n.t('forbidden') : i18n.t('serverError')}${serverText(err.problem.detail ?? err.message, i18n)}` });
    }
  };

  const submit = (e: Event) => {
    e.preventDefault();
    setMessage(undefined);
    const payload = collect();
    if (payload === false) return;
    if (chosen?.final && phase.kind !== 'confirming') {
      setPhase({ kind: 'confirming' });
      return;
    }
    void send(payload);
  };

  return (
    <form class="action-form" onSubmit={submit} aria-label={`${i18n.t('act')}：${stepLabel(task, i18n)}`} noValidate>
      <fieldset class="action-choice">
        <legend>{i18n.t('chooseAction')}</legend>
        {task.actions.map((action) => (
          <label class={`choice${chosen?.name === action.name ? ' chosen' : ''}${action.final ? ' final' : ''}`}>
            <input type="radio" name={`${prefix}-action`} value={action.name} checked={chosen?.name === action.name} onChange={() => choose(action)} />
            {actionLabel(action, i18n)}
          </label>
        ))}
      </fieldset>

      {chosen && (
        <div class="action-body">
          {schema ? (
            <SchemaForm schema={schema} value={data} errors={errors} idPrefix={prefix} suggestionsFor={suggestionsFor} onChange={setData} />
          ) : (
            <div class={`field${errors.data ? ' field-error' : ''}`}>
              <label for={`${prefix}-data`}>{i18n.t('freeFormData')}</label>
              <textarea id={`${prefix}-data`} name="data" class="mono" rows={3} placeholder='{"summary": "…"}' value={json} onInput={(e) => setJson(e.currentTarget.value)} aria-describedby={`${prefix}-data-hint`} aria-invalid={errors.data ? true : undefined} />
              <small id={`${prefix}-data-hint`} class="hint">
                {i18n.t('freeFormHelp')}
              </small>
              {errors.data && (
                <p class="error-text" role="alert" data-field="data">
                  {errors.data.join('；')}
                </p>
              )}
            </div>
          )}
          <div class={`field${errors.comment ? ' field-error' : ''}`}>
            <label for={`${prefix}-comment`}>{i18n.t('comment')}</label>
            <textarea id={`${prefix}-comment`} name="comment" rows={2} maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
            {errors.comment && (
              <p class="error-text" role="alert" data-field="comment">
                {errors.comment.join('；')}
              </p>
            )}
          </div>
          {errors[''] && (
            <p class="error-text" role="alert">
              {errors[''].join('；')}
            </p>
          )}
          {phase.kind === 'confirming' ? (
            <div class="confirm" role="alertdialog" aria-labelledby={`${prefix}-confirm`}>
              <p id={`${prefix}-confirm`}>{i18n.t('confirmFinal', { action: actionLabel(chosen, i18n) })}</p>
              <button type="submit" class="primary" autoFocus>
                {i18n.t('confirm')}
              </button>
              <button type="button" onClick={() => setPhase({ kind: 'editing' })}>
                {i18n.t('cancel')}
              </button>
            </div>
          ) : (
            <button type="submit" class="primary" disabled={phase.kind === 'sending'}>
              {phase.kind === 'sending' ? i18n.t('loading') : `${i18n.t('submit')}：${actionLabel(chosen, i18n)}`}
            </button>
          )}
        </div>
      )}
      {message && (
        <p class={message.kind === 'conflict' ? 'notice notice-conflict' : 'notice notice-error'} role="alert">
          {message.text}
        </p>
      )}
    </form>
  );
}
