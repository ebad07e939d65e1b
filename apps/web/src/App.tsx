import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, Navigate, useRouteError } from 'react-router';
import { usePageTitle } from './components/page.tsx';
import { SignInPage } from './features/auth/SignInPage.tsx';
import { AppShell } from './features/shell/AppShell.tsx';
import { YouthListPage } from './features/youth/YouthListPage.tsx';

function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/youth">{t('notFound.home')}</Link>
      </p>
    </>
  );
}

/** Any error while rendering or loading a screen (e.g. a screen's code could not be downloaded). */
function ErrorPage({ inShell = false }: { inShell?: boolean }) {
  const { t } = useTranslation();
  const error = useRouteError();
  usePageTitle(t('errorPage.title'));
  if (error) console.error(error);
  const content = (
    <>
      <h1>{t('errorPage.title')}</h1>
      <p>{t('errorPage.body')}</p>
      <div className="actions">
        <button type="button" className="button primary" onClick={() => window.location.reload()}>
          {t('errorPage.reload')}
        </button>
        <a className="button secondary" href="/youth">
          {t('errorPage.home')}
        </a>
      </div>
    </>
  );
  return inShell ? (
    content
  ) : (
    <main id="main" className="page-center">
      {content}
    </main>
  );
}

/** Shown while the code of the first screen loads. */
function StartingUp() {
  return (
    <main id="main" className="page-center">
      <p className="loading" role="status">
        Mentorbridge…
      </p>
    </main>
  );
}

// Screens other than sign-in and the youth list load on first use, to keep the first download small on phones.
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage />, errorElement: <ErrorPage /> },
  {
    path: '/invite',
    errorElement: <ErrorPage />,
    lazy: () => import('./features/auth/InvitePage.tsx').then((m) => ({ Component: m.InvitePage })),
    hydrateFallbackElement: <StartingUp />,
  },
  {
    element: <AppShell />,
    errorElement: <ErrorPage />,
    hydrateFallbackElement: <StartingUp />,
    children: [
      {
        // Errors inside a screen keep the header and navigation.
        errorElement: <ErrorPage inShell />,
        children: [
          { index: true, element: <Navigate to="/youth" replace /> },
          { path: 'youth', element: <YouthListPage /> },
          {
            path: 'youth/new',
            lazy: () => import('./features/youth/NewYouthPage.tsx').then((m) => ({ Component: m.NewYouthPage })),
          },
          {
            path: 'youth/:id',
            lazy: () =>
              import('./features/youth/YouthProfilePage.tsx').then((m) => ({ Component: m.YouthProfilePage })),
          },
          {
            path: 'staff',
            lazy: () => import('./features/staff/StaffListPage.tsx').then((m) => ({ Component: m.StaffListPage })),
          },
          {
            path: 'staff/:userId',
            lazy: () =>
              import('./features/staff/StaffProfilePage.tsx').then((m) => ({ Component: m.StaffProfilePage })),
          },
          {
            path: 'audit',
            lazy: () => import('./features/audit/AuditPage.tsx').then((m) => ({ Component: m.AuditPage })),
          },
          {
            path: 'members',
            lazy: () => import('./features/members/MembersPage.tsx').then((m) => ({ Component: m.MembersPage })),
          },
          {
            path: 'account',
            lazy: () => import('./features/account/AccountPage.tsx').then((m) => ({ Component: m.AccountPage })),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
