import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, useRouteError } from 'react-router';
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
          {
            index: true,
            lazy: () => import('./features/care/HomeRedirect.tsx').then((m) => ({ Component: m.HomeRedirect })),
          },
          {
            path: 'today',
            lazy: () => import('./features/care/TodayPage.tsx').then((m) => ({ Component: m.TodayPage })),
          },
          {
            path: 'caseload',
            lazy: () => import('./features/care/CaseloadPage.tsx').then((m) => ({ Component: m.CaseloadPage })),
          },
          {
            path: 'team',
            lazy: () => import('./features/care/TeamPage.tsx').then((m) => ({ Component: m.TeamPage })),
          },
          {
            path: 'compliance',
            lazy: () => import('./features/care/CompliancePage.tsx').then((m) => ({ Component: m.CompliancePage })),
          },
          {
            path: 'matches',
            lazy: () => import('./features/care/MatchesPage.tsx').then((m) => ({ Component: m.MatchesPage })),
          },
          {
            path: 'schedule',
            lazy: () => import('./features/notes/SchedulePage.tsx').then((m) => ({ Component: m.SchedulePage })),
          },
          {
            path: 'contacts/:contactId',
            lazy: () => import('./features/notes/NotePage.tsx').then((m) => ({ Component: m.NotePage })),
          },
          {
            path: 'review',
            lazy: () => import('./features/notes/ReviewQueuePage.tsx').then((m) => ({ Component: m.ReviewQueuePage })),
          },
          {
            path: 'supervision',
            lazy: () => import('./features/notes/SupervisionPage.tsx').then((m) => ({ Component: m.SupervisionPage })),
          },
          {
            path: 'referrals',
            lazy: () => import('./features/intake/ReferralsPage.tsx').then((m) => ({ Component: m.ReferralsPage })),
          },
          {
            path: 'referrals/new',
            lazy: () => import('./features/intake/ReferYouthPage.tsx').then((m) => ({ Component: m.ReferYouthPage })),
          },
          {
            path: 'referrals/:referralId',
            lazy: () =>
              import('./features/intake/ReferralDetailPage.tsx').then((m) => ({ Component: m.ReferralDetailPage })),
          },
          {
            path: 'programs',
            lazy: () => import('./features/intake/ProgramsPage.tsx').then((m) => ({ Component: m.ProgramsPage })),
          },
          {
            path: 'programs/:programId',
            lazy: () =>
              import('./features/intake/ProgramSettingsPage.tsx').then((m) => ({ Component: m.ProgramSettingsPage })),
          },
          {
            path: 'me',
            lazy: () => import('./features/safety/YouthHomePage.tsx').then((m) => ({ Component: m.YouthHomePage })),
          },
          {
            path: 'check-ins',
            lazy: () => import('./features/safety/CheckInsPage.tsx').then((m) => ({ Component: m.CheckInsPage })),
          },
          {
            path: 'mandated-reports',
            lazy: () =>
              import('./features/safety/MandatedReportsPage.tsx').then((m) => ({ Component: m.MandatedReportsPage })),
          },
          {
            path: 'mandated-reports/:reportId',
            lazy: () =>
              import('./features/safety/MandatedReportsPage.tsx').then((m) => ({ Component: m.MandatedReportPage })),
          },
          {
            path: 'mentor-flags',
            lazy: () => import('./features/safety/MentorFlagsPage.tsx').then((m) => ({ Component: m.MentorFlagsPage })),
          },
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
