import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../ui/Icon';
import { LanguagePicker } from './LanguagePicker';
import { OutboxStatus } from './OutboxStatus';
import { roleAreas } from './routes';
import { Link, useLocation } from './router';
import { signOut, type Me } from './session';

/** After a navigation, focus goes to the new page's heading, so a screen reader starts there. */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = window.setTimeout(() => document.querySelector<HTMLElement>('main h1')?.focus(), 0);
    return () => window.clearTimeout(timer);
  }, [pathname]);
}

function Brand() {
  return (
    <span className="brand">
      <img src="/icon.svg" alt="" width="28" height="28" /> Proxima
    </span>
  );
}

/** The frame of the pages reached without a session: the name, the language, the page. */
export function PublicFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip" href="#main">
        {t('common.skip')}
      </a>
      <header className="top">
        <Brand />
        <LanguagePicker signedIn={false} />
      </header>
      <main id="main" className="page page-narrow">
        {children}
      </main>
    </>
  );
}

/** The signed-in frame: who and which organisation, the role's menu, the language, signing out. */
export function Layout({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useTranslation();
  useFocusOnNavigation();
  const nav = [
    ...(roleAreas[me.user.role]?.nav ?? []),
    { to: '/seasons', label: 'nav.seasons' },
    { to: '/account', label: 'nav.account' },
  ];
  return (
    <>
      <a className="skip" href="#main">
        {t('common.skip')}
      </a>
      <header className="top">
        <Brand />
        <p className="who">
          <Icon name="person" /> <span dir="ltr">{me.user.email}</span>
          {me.organisation && (
            <>
              {' · '}
              <span className="organisation">{me.organisation.name}</span>
            </>
          )}
        </p>
        <LanguagePicker signedIn />
        <button type="button" className="secondary" onClick={() => void signOut()}>
          {t('account.signOut')}
        </button>
      </header>
      <nav className="menu" aria-label={t('nav.label')}>
        <ul>
          {nav.map((item) => (
            <li key={item.to}>
              <Link to={item.to}>{t(item.label)}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <OutboxStatus />
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}
