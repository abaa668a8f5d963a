import { useMemo, useState } from 'preact/hooks';
import { api, ApiError, newIdempotencyKey } from '../api/client';
import type { Me } from '../api/types';
import { SchemaForm } from '../forms/schema-form';
import { serverFieldErrors, validate, type FieldErrors } from '../forms/validate';
import { navigate } from '../hooks/use-route';
import { useReference } from '../hooks/use-reference';
import { useUnitSuggestions } from '../hooks/use-unit-suggestions';
import { useI18n } from '../i18n/i18n';

type StartForm = Me['startForms'][number];

/** Filled in from who is signing in, not asked for. */
const FROM_THE_PERSON = ['jurisdiction', 'idempotencyKey'];

function StartFormView({ form, me }: { form: StartForm; me: Me }) {
  const i18n = useI18n();
  const reference = useReference();
  const suggestionsFor = useUnitSuggestions(reference);
  const properties = form.schema.properties ?? {};
  const [value, setValue] = useState<Record<string, unknown>>(() => ('leadUnit' in properties ? { leadUnit: me.user.unitId } : {}));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  // One key per form shown: a double click or a retry after a lost answer starts one process.
  const key = useMemo(newIdempotencyKey, [form.kind]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = { ...value, ...('jurisdiction' in properties ? { jurisdiction: me.user.jurisdiction } : {}) };
    const found = validate(form.schema, body, i18n);
    setErrors(found);
    if (Object.keys(found).length > 0) return setMessage(i18n.t('fixFields'));
    setSending(true);
    setMessage(undefined);
    try {
      const started = await api<{ id: string }>('POST', form.path, body, { 'Idempotency-Key': key });
      navigate(`/p/${encodeURIComponent(started.id)}`);
    } catch (err) {
      setSending(false);
      if (err instanceof ApiError && err.problem.errors?.length) {
        setErrors(serverFieldErrors(err.problem.errors, Object.keys(properties), i18n));
        setMessage(i18n.lang === 'zh' ? i18n.t('fixFields') : `${i18n.t('serverError')}${err.problem.detail ?? ''}`);
      } else setMessage(`${i18n.t('serverError')}${(err as Error).message}`);
    }
  };

  return (
    <form class="card start-form" onSubmit={submit} noValidate aria-label={i18n.pick(form.label, form.labelEn)}>
      <h2>{i18n.pick(form.label, form.labelEn)}</h2>
      <SchemaForm schema={form.schema} value={value} errors={errors} idPrefix={`start-${form.kind}`} hidden={FROM_THE_PERSON} suggestionsFor={suggestionsFor} onChange={setValue} />
      {errors[''] && <p class="error-text" role="alert">{errors[''].join('；')}</p>}
      {message && (
        <p class="notice notice-error" role="alert">
          {message}
        </p>
      )}
      <button type="submit" class="primary" disabled={sending}>
        {sending ? i18n.t('loading') : i18n.t('start')}
      </button>
    </form>
  );
}

/** 发起: the processes the person's roles may start, each form rendered from the start route's own schema. */
export function StartPage({ me, kind }: { me: Me; kind?: string }) {
  const i18n = useI18n();
  const form = me.startForms.find((f) => f.kind === kind);
  return (
    <section>
      <h1>{i18n.t('startTitle')}</h1>
      {me.startForms.length === 0 ? (
        <p class="empty">{i18n.t('startNone')}</p>
      ) : (
        <nav class="filters" aria-label={i18n.t('startChoose')}>
          {me.startForms.map((f) => (
            <a class={f.kind === kind ? 'chip active' : 'chip'} href={`#/start/${f.kind}`} aria-current={f.kind === kind ? 'page' : undefined}>
              {i18n.pick(f.label, f.labelEn)}
            </a>
          ))}
        </nav>
      )}
      {form && <StartFormView key={form.kind} form={form} me={me} />}
    </section>
  );
}
