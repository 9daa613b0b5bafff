/**
 * Who is logged in, for the whole page: asks /api/auth/me at start, after a login, when the window
 * comes back into focus and after any 401 of the API (session expired or revoked → the login form
 * with 会话已过期，请重新登录). Holds the login and change-password forms and the administrator's
 * drawers. Logging out reloads the page, so nothing of the session stays in memory.
 */
import { App as AntApp } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { fetchMe, login as apiLogin, logout as apiLogout, type Me } from '../../api/auth-api.ts';
import { onUnauthorized } from '../../api/client.ts';
import { AccountContext, type AccountState, type LoginReason } from './account-context.ts';
import { useAccountI18n } from './account-i18n.ts';
import { AccountTheme } from './AccountTheme.tsx';
import { canImport, canManageUsers, canReadAudit, loginPromptAfter } from './permissions.ts';
import './account.css';

// The login and change-password dialogs (antd Form and its validator) load when first opened.
const LoginModal = lazy(() => import('./LoginModal.tsx').then((m) => ({ default: m.LoginModal })));
const ChangePasswordModal = lazy(() => import('./ChangePasswordModal.tsx').then((m) => ({ default: m.ChangePasswordModal })));
const UsersDrawer = lazy(() => import('../admin/UsersDrawer.tsx'));
const AuditDrawer = lazy(() => import('../admin/AuditDrawer.tsx'));
const ImportDrawer = lazy(() => import('../imports/ImportDrawer.tsx'));

/** When /me cannot be asked (server down), the page behaves as for an anonymous visitor: the map shows its own error. */
const unknownMe: Me = { user: null, anonymousRead: true, grants: [], passwordPolicy: { mode: 'length', minLength: 12 } };

export function AccountProvider({ children }: { children: ReactNode }) {
  return (
    <AntApp component={false}>
      <AccountProviderInner>{children}</AccountProviderInner>
    </AntApp>
  );
}

function AccountProviderInner({ children }: { children: ReactNode }) {
  const { message } = AntApp.useApp();
  const { t } = useAccountI18n();
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [loginOpen, setLoginOpen] = useState(false);
  const [loginReason, setLoginReason] = useState<LoginReason>(null);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [usersOpen, setUsersOpen] = useState(false);
  const [auditOpen, setAuditOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  // The drawers load their code on first use and stay mounted afterwards (closing animates; content is destroyed when hidden).
  const [drawersUsed, setDrawersUsed] = useState({ users: false, audit: false, import: false, login: false, password: false });
  const meRef = useRef<Me | null>(null);
  const closeAll = useCallback(() => {
    setPasswordOpen(false);
    setUsersOpen(false);
    setAuditOpen(false);
    setImportOpen(false);
  }, []);

  const refresh = useCallback(async () => {
    let next: Me;
    try {
      next = await fetchMe();
    } catch {
      next = meRef.current ?? unknownMe;
    }
    meRef.current = next;
    setMe(next);
    setLoading(false);
    return next;
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Someone was logged in and is not any more: say so and offer the login form (or the login screen).
  const checkSession = useCallback(async () => {
    const previous = meRef.current;
    const now = await refresh();
    const prompt = loginPromptAfter(previous, now);
    if (prompt === 'expired') closeAll();
    if (prompt === 'expired' || (prompt === 'required' && now.anonymousRead)) {
      setLoginReason(prompt);
      setLoginOpen(now.anonymousRead); // without anonymous read the gate shows the full login screen
    }
  }, [refresh, closeAll]);

  // Any 401 of the API: the session ended (idle or absolute timeout, logout elsewhere, disabled by the administrator).
  const checking = useRef(false);
  useEffect(
    () =>
      onUnauthorized(() => {
        if (checking.current) return;
        checking.current = true;
        void checkSession().finally(() => {
          checking.current = false;
        });
      }),
    [checkSession],
  );

  // Back to the window: check that the session still lives (no request needed to find out it ended).
  const lastFocusCheck = useRef(0);
  useEffect(() => {
    const onVisible = () => {
      // focus and visibilitychange come together: one question is enough
      if (Date.now() - lastFocusCheck.current < 5000) return;
      if (document.visibilityState === 'visible' && meRef.current?.user) {
        lastFocusCheck.current = Date.now();
        void refresh().then((now) => {
          if (!now.user) {
            closeAll();
            setLoginReason('expired');
            setLoginOpen(now.anonymousRead);
          }
        });
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', onVisible);
    };
  }, [refresh, closeAll]);

  const login = useCallback(
    async (username: string, password: string) => {
      const { user } = await apiLogin(username, password);
      await refresh();
      setLoginOpen(false);
      setLoginReason(null);
      message.success(t('login.welcome', { name: user.displayName }));
    },
    [refresh, message, t],
  );

  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } catch (err) {
      message.error(t('logout.failed', { message: err instanceof Error ? err.message : String(err) }));
      return;
    }
    // A fresh page: no data, form or drawer of the session stays in memory.
    window.location.reload();
  }, [message, t]);

  const value = useMemo<AccountState>(
    () => ({
      me,
      loading,
      loginReason,
      refresh,
      openLogin: (reason: LoginReason = null) => {
        setLoginReason(reason);
        setDrawersUsed((d) => ({ ...d, login: true }));
        setLoginOpen(true);
      },
      login,
      logout,
      openChangePassword: () => {
        setDrawersUsed((d) => ({ ...d, password: true }));
        setPasswordOpen(true);
      },
      openUsers: () => {
        setDrawersUsed((d) => ({ ...d, users: true }));
        setUsersOpen(true);
      },
      openAudit: () => {
        setDrawersUsed((d) => ({ ...d, audit: true }));
        setAuditOpen(true);
      },
      openImport: () => {
        setDrawersUsed((d) => ({ ...d, import: true }));
        setImportOpen(true);
      },
    }),
    [me, loading, loginReason, refresh, login, logout],
  );

  const loggedIn = !!me?.user;
  return (
    <AccountContext.Provider value={value}>
      {children}
      <AccountTheme>
        <Suspense fallback={null}>
          {drawersUsed.login && <LoginModal open={loginOpen && !loggedIn} reason={loginReason} onCancel={() => setLoginOpen(false)} />}
          {drawersUsed.password && <ChangePasswordModal open={passwordOpen && loggedIn} onClose={() => setPasswordOpen(false)} />}
          {canManageUsers(me) && drawersUsed.users && <UsersDrawer open={usersOpen} onClose={() => setUsersOpen(false)} />}
          {canReadAudit(me) && drawersUsed.audit && <AuditDrawer open={auditOpen} onClose={() => setAuditOpen(false)} />}
          {canImport(me) && drawersUsed.import && <ImportDrawer open={importOpen} onClose={() => setImportOpen(false)} />}
        </Suspense>
      </AccountTheme>
    </AccountContext.Provider>
  );
}
