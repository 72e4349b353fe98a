import { QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NotFound } from '../ui/ReadFailed';
import { StatusAnnouncer } from '../ui/StatusAnnouncer';
import { Layout } from './Layout';
import { queryClient } from './query-client';
import { commonPages, homeOf, publicPages, roleAreas } from './routes';
import { navigate, useLocation } from './router';
import { useMe } from './session';

function Loading() {
  const { t } = useTranslation();
  return <p className="loading">{t('common.loading')}</p>;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

function SignedInPages({ role }: { role: string }) {
  const { pathname } = useLocation();
  const area = roleAreas[role];
  if (pathname === '/' || pathname === '/sign-in') return <Redirect to={homeOf(role)} />;
  const Common = commonPages[pathname];
  if (Common) return <Common />;
  if (area && (pathname === area.prefix || pathname.startsWith(`${area.prefix}/`))) return <area.area />;
  return <NotFound />;
}

function Pages() {
  const { pathname } = useLocation();
  const me = useMe();
  const { t } = useTranslation();
  const Public = publicPages[pathname];
  if (Public && pathname !== '/sign-in') return <Public />;
  if (me.isPending) return <Loading />;
  if (me.isError && Public) return <Public />;
  if (me.isError)
    return (
      <main className="page">
        <StatusAnnouncer tone="error">{t('common.unreachable')}</StatusAnnouncer>
      </main>
    );
  if (!me.data) {
    if (Public) return <Public />;
    const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + window.location.search)}`;
    return <Redirect to={`/sign-in${next}`} />;
  }
  return (
    <Layout me={me.data}>
      <SignedInPages role={me.data.user.role} />
    </Layout>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Suspense fallback={<Loading />}>
        <Pages />
      </Suspense>
    </QueryClientProvider>
  );
}
