import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useAlertIndicator } from './queries.ts';

/**
 * The shell's alert indicator: while any acute alert within reach is unacknowledged, a banner on every screen links
 * to it (polled every few seconds, so a new one shows up wherever the user is).
 */
export function AlertBanner() {
  const { t } = useTranslation();
  const location = useLocation();
  const indicator = useAlertIndicator();
  const acute = indicator.data?.open.acute ?? 0;
  if (acute === 0) return null;
  // On the alerts screens the banner would only repeat what the page shows.
  if (location.pathname === '/alerts' || location.pathname.startsWith('/alerts/')) return null;
  return (
    <div className="alert alert-error alert-banner" role="alert">
      <p className="alert-title">{t('alerts.banner.title', { count: acute })}</p>
      <p>
        <Link to="/alerts?status=open&severity=acute">
          {acute === 1 ? t('alerts.banner.openOne') : t('alerts.banner.openAll')}
        </Link>
      </p>
    </div>
  );
}

/** The count beside "Alerts" in the navigation: unacknowledged alerts of any severity. */
export function useOpenAlertCount(): number {
  const indicator = useAlertIndicator();
  return (indicator.data?.open.acute ?? 0) + (indicator.data?.open.nonAcute ?? 0);
}
