import { useEffect, useState } from 'preact/hooks';
import { setToken } from '../api/session';
import { useI18n } from '../i18n/i18n';

interface DevJurisdiction {
  id: string;
  name: string;
  users: { id: string; name: string; unitName: string; roles: string[] }[];
}

/**
 * Sign-in. On a development server the dev issuer lists sample people to sign in as; everywhere a
 * token from the government's own sign-on can be pasted (or handed over as #token=…).
 */
export function SignInPage({ onSignedIn }: { onSignedIn(): void }) {
  const i18n = useI18n();
  const [dev, setDev] = useState<DevJurisdiction[] | undefined>();
  const [jurisdiction, setJurisdiction] = useState<string>('');
  const [token, setTokenText] = useState('');
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    // Answers only on a development server; elsewhere a 404 and only the token form shows.
    fetch('/v1/dev/users')
      .then((res) => (res.ok ? res.json() : undefined))
      .then((body: { jurisdictions: DevJurisdiction[] } | undefined) => {
        if (!body) return;
        setDev(body.jurisdictions);
        setJurisdiction(body.jurisdictions[0]?.id ?? '');
      })
      .catch(() => undefined);
  }, []);

  const signInAs = async (userId: string) => {
    const res = await fetch('/v1/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
    if (!res.ok) return setError(`HTTP ${res.status}`);
    setToken(((await res.json()) as { token: string }).token);
    onSignedIn();
  };

  const people = dev?.find((j) => j.id === jurisdiction)?.users ?? [];
  return (
    <section class="sign-in">
      <h1>{i18n.t('signInTitle')}</h1>
      {dev && (
        <div class="card">
          <h2>{i18n.t('devSignIn')}</h2>
          <div class="field">
            <label for="dev-jurisdiction">{i18n.t('jurisdiction')}</label>
            <select id="dev-jurisdiction" value={jurisdiction} onChange={(e) => setJurisdiction(e.currentTarget.value)}>
              {dev.map((j) => (
                <option value={j.id}>{j.name}</option>
              ))}
            </select>
          </div>
          <ul class="people">
            {people.map((p) => (
              <li>
                <button type="button" class="person" data-user={p.id} onClick={() => void signInAs(p.id)}>
                  <b>{p.name}</b>
                  <span class="muted small">
                    {p.unitName} · {p.roles.join(', ')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          if (!token.trim()) return;
          setToken(token.trim().replace(/^Bearer\s+/i, ''));
          onSignedIn();
        }}
      >
        <h2>{i18n.t('tokenSignIn')}</h2>
        <div class="field">
          <label for="token">{i18n.t('token')}</label>
          <textarea id="token" rows={3} class="mono" autoComplete="off" value={token} onInput={(e) => setTokenText(e.currentTarget.value)} />
          <small class="hint">{i18n.t('tokenHelp')}</small>
        </div>
        {error && <p class="notice notice-error">{error}</p>}
        <button type="submit" class="primary">
          {i18n.t('signIn')}
        </button>
      </form>
    </section>
  );
}
