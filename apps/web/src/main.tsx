import './i18n/index.ts';
import './styles.css';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { router } from './App.tsx';
import { type ApiError, isApiError, onApiError } from './api.ts';
import { markSignedIn, OrganizationProvider, wasSignedIn } from './session.tsx';

const PUBLIC_PATHS = ['/sign-in', '/invite', '/kiosk'];
/** Self-report links (/r/<token>) are answered without an account. */
const isPublicPath = (pathname: string) => PUBLIC_PATHS.includes(pathname) || pathname.startsWith('/r/');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Retry only what may succeed on a second try: network failures and server errors.
      retry: (count, error) => count < 2 && isApiError(error) && (error.status === 0 || error.status >= 500),
      // Reads of youth records are audited: do not re-read just because the window regained focus.
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
  queryCache: new QueryCache(),
  mutationCache: new MutationCache(),
});

const handleSessionError = (error: ApiError) => {
  const { pathname, search } = router.state.location;
  if (isPublicPath(pathname)) return;
  if (error.code === 'UNAUTHENTICATED') {
    const expired = wasSignedIn();
    markSignedIn(false);
    const next = encodeURIComponent(`${pathname}${search}`);
    void router.navigate(`/sign-in?${expired ? 'reason=expired&' : ''}next=${next}`, { replace: true });
    // Drop every record held in memory once the page has left the signed-in screens.
    setTimeout(() => queryClient.clear(), 0);
  } else if (error.code === 'TWO_FACTOR_REQUIRED' && pathname !== '/account') {
    void router.navigate('/account?reason=two-factor', { replace: true });
  }
};
onApiError(handleSessionError);

const root = document.getElementById('root');
if (!root) throw new Error('No #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <OrganizationProvider>
        <RouterProvider router={router} />
      </OrganizationProvider>
    </QueryClientProvider>
  </StrictMode>,
);
