import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { usePermissions } from '../../session.tsx';
import { AlertList } from './AlertList.tsx';
import { useYouthAlerts } from './queries.ts';

/** The youth profile's "Safety alerts": what is open now, and on request the closed ones. */
export function YouthAlertsSection({ youthId }: { youthId: string }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [showClosed, setShowClosed] = useState(false);
  const enabled = can('alert.read');
  const alerts = useYouthAlerts(youthId, { status: showClosed ? undefined : 'active', pageSize: 20 }, enabled);
  if (!enabled) return null;
  return (
    <section aria-labelledby="youth-alerts-h">
      <div className="section-head">
        <h2 id="youth-alerts-h">{t('alerts.youthSection')}</h2>
      </div>
      {alerts.isPending ? (
        <Loading />
      ) : alerts.error ? (
        <QueryError error={alerts.error} retry={() => void alerts.refetch()} />
      ) : alerts.data.items.length === 0 ? (
        <p>{showClosed ? t('alerts.youthNone') : t('alerts.youthNoneOpen')}</p>
      ) : (
        <AlertList alerts={alerts.data.items} showYouth={false} />
      )}
      <p>
        <button type="button" className="button secondary" onClick={() => setShowClosed((s) => !s)}>
          {showClosed ? t('alerts.showOpenOnly') : t('alerts.showAll')}
        </button>
      </p>
    </section>
  );
}
