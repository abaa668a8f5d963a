import { useEffect, useState } from 'preact/hooks';
import { api, whenSignedOut } from './api/client';
import { clearToken, getToken, takeTokenFromAddress } from './api/session';
import type { Me } from './api/types';
import { registerStatutoryHolidays } from './format/served-statutory-holidays';
import { forgetReference } from './hooks/use-reference';
import { navigate, useRoute } from './hooks/use-route';
import { useI18n } from './i18n/i18n';
import { CalendarPage } from './pages/calendar-page';
import { DonePage } from './pages/done-page';
import { InboxPage } from './pages/inbox-page';
import { OfficeBoardPage } from './pages/office-board-page';
import { ProcessPage } from './pages/process-page';
import { SignInPage } from './pages/sign-in-page';
import { StartPage } from './pages/start-page';
import { SupervisionBoardPage } from './pages/supervision-board-page';

const SUPERVISION_ROLES = ['supervision-office', 'chief', 'executive-vice-chief', 'vice-chief', 'secretary-general', 'office-director'];
const OFFICE_ROLES = ['office-director', 'office-deputy-director', 'office-staff', 'secretary-general'];

function Page({ path, me }: { path: string; me: Me }) {
  const i18n = useI18n();
  const [, section, ...rest] = path.split('/');
  switch (section) {
    case 'inbox':
      return <InboxPage />;
    case 'done':
      return <DonePage userId={me.user.id} />;
    case 'p':
      return <ProcessPage key={rest.join('/')} id={decodeURIComponent(rest.join('/'))} userId={me.user.id} />;
    case 'start':
      return <StartPage me={me} kind={rest[0]} />;
    case 'supervision':
      return <SupervisionBoardPage />;
    case 'documents':
      return <OfficeBoardPage />;
    case 'calendar':
      return <CalendarPage me={me} />;
    default:
      return (
        <p>
          {i18n.t('notFound')} · <a href="#/inbox">{i18n.t('backToInbox')}</a>
        </p>
      );
  }
}

/** The workbench: sign-in, then the header with its sections and the page the address names. */
export function App() {
  const i18n = useI18n();
  const path = useRoute();
  const [me, setMe] = useState<Me | undefined>();
  const [signedIn, setSignedIn] = useState(() => takeTokenFromAddress() || Boolean(getToken()));

  useEffect(() => whenSignedOut(() => (setSignedIn(false), setMe(undefined))), []);
  useEffect(() => {
    if (!signedIn) return;
    api<Me>('GET', '/v1/workbench/me').then(
      (loaded) => {
        registerStatutoryHolidays(loaded.statutoryHolidays ?? {});
        setMe(loaded);
      },
      () => setSignedIn(false),
    );
  }, [signedIn]);

  if (!signedIn) {
    return (
      <div class="shell">
        <header class="bar">
          <span class="brand">{i18n.t('appTitle')}</span>
          <button type="button" class="link" onClick={() => i18n.setLang(i18n.lang === 'zh' ? 'en' : 'zh')}>
            {i18n.t('language')}
          </button>
        </header>
        <main>
          <SignInPage
            onSignedIn={() => {
              forgetReference();
              setSignedIn(true);
              navigate('/inbox');
            }}
          />
        </main>
      </div>
    );
  }
  if (!me) return <p class="muted">{i18n.t('loading')}</p>;

  const roles = me.user.roles;
  const sections = [
    { path: '/inbox', label: i18n.t('inbox') },
    { path: '/done', label: i18n.t('done') },
    ...(me.startForms.length ? [{ path: '/start', label: i18n.t('start') }] : []),
    ...(roles.some((r) => SUPERVISION_ROLES.includes(r)) ? [{ path: '/supervision', label: i18n.t('supervisionBoard') }] : []),
    ...(roles.some((r) => OFFICE_ROLES.includes(r)) ? [{ path: '/documents', label: i18n.t('officeBoard') }] : []),
    { path: '/calendar', label: i18n.t('calendar') },
  ];
  return (
    <div class="shell">
      <header class="bar">
        <span class="brand">{i18n.t('appTitle')}</span>
        <nav class="sections" aria-label={i18n.t('appTitle')}>
          {sections.map((s) => (
            <a href={`#${s.path}`} aria-current={path.startsWith(s.path) ? 'page' : undefined}>
              {s.label}
            </a>
          ))}
        </nav>
        <span class="who" data-user={me.user.id}>
          {me.user.name}
          <span class="muted small"> · {me.user.unitName}</span>
        </span>
        <button type="button" class="link" onClick={() => i18n.setLang(i18n.lang === 'zh' ? 'en' : 'zh')}>
          {i18n.t('language')}
        </button>
        <button
          type="button"
          class="link"
          onClick={() => {
            clearToken();
            forgetReference();
            setMe(undefined);
            setSignedIn(false);
          }}
        >
          {i18n.t('signOut')}
        </button>
      </header>
      <main>
        <Page path={path} me={me} />
      </main>
    </div>
  );
}
