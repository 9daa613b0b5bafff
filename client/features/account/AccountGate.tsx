/**
 * The gate of the page: while /api/auth/me is asked, a spinner; when anonymous read is off and nobody
 * is logged in, a full login screen instead of the map (the map would only get 401 answers); else the app.
 */
import { Layout, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { rootName } from '../../app-state/root-area.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';
import { useAccount } from './account-context.ts';
import { useAccountI18n } from './account-i18n.ts';
import { pageMode } from './permissions.ts';

// The form (antd Form and its validator) is a chunk of its own: the map's first screen never needs it.
const LoginForm = lazy(() => import('./LoginForm.tsx').then((m) => ({ default: m.LoginForm })));

export function AccountGate({ header, children }: { header: ReactNode; children: ReactNode }) {
  const { me, loading, loginReason } = useAccount();
  const mode = pageMode(me, loading);
  if (mode === 'app') return <>{children}</>;
  return (
    <Layout className="app-layout login-page">
      {header}
      {mode === 'loading' ? (
        <div className="login-page__body" aria-busy="true">
          <Spin size="large" />
        </div>
      ) : (
        <LoginScreen reason={loginReason} />
      )}
    </Layout>
  );
}

function LoginScreen({ reason }: { reason: 'expired' | 'required' | null }) {
  const { t } = useAccountI18n();
  const { t: tApp, lang } = useI18n();
  return (
    <main className="login-page__body" data-testid="login-screen">
      <section className="login-card" aria-labelledby="login-card-title">
        <header className="login-card__header">
          <h2 id="login-card-title" className="login-card__title">
            {t('login.title')}
          </h2>
          <p className="login-card__subtitle">
            {tApp('app.title')}
            {rootName(lang) && ` · ${rootName(lang)}`}
          </p>
        </header>
        <p className="login-card__note">{t('login.screenNote')}</p>
        <Suspense fallback={<Spin />}>
          <LoginForm reason={reason === 'expired' ? 'expired' : null} />
        </Suspense>
        <p className="login-card__security">{t('login.security')}</p>
      </section>
    </main>
  );
}
