import { Navigate } from 'react-router';
import { Loading } from '../../components/feedback.tsx';
import { usePermissions } from '../../session.tsx';

/** Where a signed-in user lands: mentors on Today, supervisors on Team, program managers on the compliance board. */
export function HomeRedirect() {
  const { can, me } = usePermissions();
  if (!me) return <Loading />;
  const to = can('youth_home.read')
    ? '/me'
    : can('dashboard.mentor')
      ? '/today'
      : can('dashboard.supervisor')
        ? '/team'
        : can('dashboard.program')
          ? '/compliance'
          : '/youth';
  return <Navigate to={to} replace />;
}
