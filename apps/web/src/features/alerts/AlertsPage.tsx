import { ALERT_SEVERITIES } from '@mentorbridge/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { SelectField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { AlertList } from './AlertList.tsx';
import { useAlerts } from './queries.ts';

const STATUS_FILTERS = ['active', 'open', 'acknowledged', 'closed', 'all'] as const;

/** Every alert within reach, most urgent first: unacknowledged acute alerts at the top. */
export function AlertsPage() {
  const { t } = useTranslation();
  usePageTitle(t('alerts.title'));
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'active';
  const severity = params.get('severity') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const alerts = useAlerts({
    status: status === 'all' ? undefined : status,
    severity: severity || undefined,
    page,
    pageSize: 20,
  });
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('alerts.title')}</h1>
      </div>
      <p className="muted">{t('alerts.intro')}</p>
      <form className="filter-grid" role="search" aria-label={t('alerts.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="alerts-status"
          label={t('alerts.filterStatus')}
          value={status}
          onChange={(v) => setFilter('status', v === 'active' ? '' : v)}
          options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`alerts.statusFilter.${s}`) }))}
        />
        <SelectField
          id="alerts-severity"
          label={t('alerts.filterSeverity')}
          value={severity}
          onChange={(v) => setFilter('severity', v)}
          emptyLabel={t('alerts.anySeverity')}
          options={ALERT_SEVERITIES.map((s) => ({ value: s, label: t(`alerts.severity.${s}`) }))}
        />
      </form>
      <section aria-labelledby="alerts-list-h">
        <h2 id="alerts-list-h">
          {alerts.data ? t('alerts.count', { count: alerts.data.total }) : t('alerts.listTitle')}
        </h2>
        {alerts.isPending ? (
          <Loading />
        ) : alerts.error ? (
          <QueryError error={alerts.error} retry={() => void alerts.refetch()} />
        ) : alerts.data.items.length === 0 ? (
          <p>{t('alerts.none')}</p>
        ) : (
          <>
            <AlertList alerts={alerts.data.items} />
            <Pagination
              page={alerts.data.page}
              pageSize={alerts.data.pageSize}
              total={alerts.data.total}
              onPage={(p) => {
                const next = new URLSearchParams(params);
                next.set('page', String(p));
                setParams(next);
              }}
              label={t('alerts.pages')}
            />
          </>
        )}
      </section>
    </>
  );
}
