import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { auth, isApiError } from '../../api.ts';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { LanguageSwitcher } from '../../components/LanguageSwitcher.tsx';
import { markSignedIn, useMe, useOrganization } from '../../session.tsx';

export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const { organizationId, setOrganizationId } = useOrganization();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const firstRender = useRef(true);
  const orgSelectId = useId();

  // Keep the chosen organization valid for this user.
  useEffect(() => {
    const data = me.data;
    if (!data) return;
    if (data.organizations.some((o) => o.id === organizationId)) return;
    const next = data.activeOrganizationId ?? data.organizations[0]?.id ?? null;
    if (next !== organizationId) {
      setOrganizationId(next, { keepData: organizationId === null && next === data.activeOrganizationId });
    }
  }, [me.data, organizationId, setOrganizationId]);

  // A stale organization id (e.g. from another account on this browser) is dropped and /me asked again.
  useEffect(() => {
    const e = me.error;
    if (!e || !organizationId) return;
    if (isApiError(e) && [400, 403, 404].includes(e.status) && e.code !== 'TWO_FACTOR_REQUIRED')
      setOrganizationId(null);
  }, [me.error, organizationId, setOrganizationId]);

  // On navigation: close the menu and move focus to the new page's content.
  // Runs on path change only.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  const signOut = async () => {
    try {
      await auth('/sign-out');
    } catch {
      // the session may already be gone; sign out locally anyway
    }
    markSignedIn(false);
    queryClient.clear();
    void navigate('/sign-in?reason=signed-out', { replace: true });
  };

  const twoFactorError = isApiError(me.error, 'TWO_FACTOR_REQUIRED');
  // An organization id this user no longer belongs to is being dropped (see above): still loading.
  const staleOrganization =
    Boolean(organizationId) && isApiError(me.error) && [400, 403, 404].includes(me.error.status) && !twoFactorError;
  if (me.isPending || staleOrganization || (me.error && isApiError(me.error, 'UNAUTHENTICATED'))) {
    return (
      <main id="main" className="page-center">
        <h1 className="visually-hidden">{t('app.name')}</h1>
        <Loading />
      </main>
    );
  }
  if (me.error && !twoFactorError) {
    return (
      <main id="main" className="page-center">
        <h1>{t('app.name')}</h1>
        <QueryError error={me.error} retry={() => void me.refetch()} />
      </main>
    );
  }

  const data = me.data;
  const activeOrg = data?.organizations.find((o) => o.id === (organizationId ?? data.activeOrganizationId));
  const twoFactorBlocked =
    twoFactorError || (activeOrg?.twoFactorRequired === true && data?.user.twoFactorEnabled === false);
  if (twoFactorBlocked && location.pathname !== '/account') {
    return <Navigate to="/account?reason=two-factor" replace />;
  }
  const permissions = new Set(data?.permissions ?? []);
  const navItems = twoFactorBlocked
    ? []
    : [
        ...(permissions.has('youth_home.read') ? [{ to: '/me', label: t('safety.nav.home') }] : []),
        ...(permissions.has('dashboard.mentor')
          ? [
              { to: '/today', label: t('care.nav.today') },
              { to: '/caseload', label: t('care.nav.caseload') },
            ]
          : []),
        ...(permissions.has('dashboard.supervisor') ? [{ to: '/team', label: t('care.nav.team') }] : []),
        ...(permissions.has('dashboard.program') ? [{ to: '/compliance', label: t('care.nav.compliance') }] : []),
        ...(permissions.has('match.write') ? [{ to: '/matches', label: t('care.nav.matches') }] : []),
        ...(permissions.has('dashboard.mentor') ? [{ to: '/schedule', label: t('notes.nav.schedule') }] : []),
        ...(permissions.has('note.review') ? [{ to: '/review', label: t('notes.nav.review') }] : []),
        ...(permissions.has('supervision.write') ? [{ to: '/supervision', label: t('notes.nav.supervision') }] : []),
        ...(permissions.has('referral.list') ? [{ to: '/referrals', label: t('intake.nav.referrals') }] : []),
        ...(permissions.has('dashboard.mentor') || permissions.has('dashboard.supervisor') || permissions.has('check_in.aggregate')
          ? [{ to: '/check-ins', label: t('safety.nav.checkIns') }]
          : []),
        ...(permissions.has('mentor_flag.read') ? [{ to: '/mentor-flags', label: t('safety.nav.flags') }] : []),
        ...(permissions.has('mandated_report.list')
          ? [{ to: '/mandated-reports', label: t('safety.nav.reports') }]
          : []),
        { to: '/youth', label: t('nav.youth') },
        { to: '/staff', label: t('nav.staff') },
        ...(permissions.has('rule_set.read') ? [{ to: '/programs', label: t('intake.nav.programs') }] : []),
        ...(permissions.has('member.list') ? [{ to: '/members', label: t('nav.members') }] : []),
        ...(permissions.has('audit.read') ? [{ to: '/audit', label: t('nav.audit') }] : []),
      ];
  const organizations = data?.organizations ?? [];
  // Screens wait until the organization they act in is settled, so their first call carries X-Organization-Id.
  const organizationReady = organizations.length === 0 || organizations.some((o) => o.id === organizationId);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <div className="bar">
          <Link to="/youth" className="brand">
            {t('app.name')}
          </Link>
          <button
            ref={menuButton}
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="app-menu"
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span aria-hidden="true">☰ </span>
            {t('nav.menu')}
          </button>
        </div>
        {/* Escape closes the open menu (phones); the menu's own controls stay the interactive elements */}
        <div
          id="app-menu"
          className={`menu${menuOpen ? ' open' : ''}`}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && menuOpen) {
              setMenuOpen(false);
              menuButton.current?.focus();
            }
          }}
        >
          {navItems.length > 0 ? (
            <nav aria-label={t('nav.main')}>
              <ul className="nav-list">
                {navItems.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to}>{item.label}</NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <div className="tools">
            {organizations.length > 1 ? (
              <div className="inline-field">
                <label htmlFor={orgSelectId}>{t('nav.organization')}</label>
                <select
                  id={orgSelectId}
                  value={activeOrg?.id ?? ''}
                  onChange={(e) => {
                    setOrganizationId(e.target.value);
                    void navigate('/youth');
                  }}
                >
                  {organizations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : activeOrg ? (
              <p className="org-name">
                <span className="visually-hidden">{t('nav.organization')}: </span>
                {activeOrg.name}
              </p>
            ) : null}
            <LanguageSwitcher />
            <NavLink to="/account" className="tool-link">
              {t('nav.account')}
            </NavLink>
            <button type="button" className="button secondary" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {!organizationReady ? (
          <Loading />
        ) : organizations.length === 0 && data && location.pathname !== '/account' ? (
          <>
            <h1>{t('app.name')}</h1>
            <p>{t('nav.noOrganization')}</p>
          </>
        ) : (
          <Outlet />
        )}
      </main>
      <footer className="app-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
