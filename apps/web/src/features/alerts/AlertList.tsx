import type { TAlert } from '@mentorbridge/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../format.ts';
import { AlertStatusBadge, SeverityBadge, useReasonText } from './labels.tsx';

/** Alerts as tappable cards, most urgent first (the server's order). */
export function AlertList({ alerts, showYouth = true }: { alerts: TAlert[]; showYouth?: boolean }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  return (
    <ul className="cards alert-list">
      {alerts.map((a) => (
        <li key={a.id} className="card">
          <p className="card-title">
            <Link to={`/alerts/${a.id}`}>
              {showYouth ? a.youthName : t(`alerts.sources.${a.source}`)}
              <span className="visually-hidden">
                {' '}
                — {t(`alerts.severity.${a.severity}`)}, {t(`alerts.status.${a.status}`)}
              </span>
            </Link>
          </p>
          <p className="badges" aria-hidden="true">
            <SeverityBadge severity={a.severity} />
            <AlertStatusBadge status={a.status} />
            {a.escalationLevel > 0 ? (
              <span className="badge badge-warning">{t('alerts.escalatedTo', { level: a.escalationLevel })}</span>
            ) : null}
          </p>
          <p>{a.reasons.map((r) => reasonText(r, a.source)).join(' · ')}</p>
          <p className="small muted">
            {t('alerts.raisedAt', { when: formatDateTime(a.raisedAt) })}
            {a.status === 'closed' && a.disposition
              ? ` · ${t(`alerts.dispositions.${a.disposition}`)}`
              : a.acknowledgedByName
                ? ` · ${t('alerts.acknowledgedBy', { name: a.acknowledgedByName })}`
                : ''}
          </p>
        </li>
      ))}
    </ul>
  );
}
