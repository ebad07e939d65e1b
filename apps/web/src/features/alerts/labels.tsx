import type { TAlert } from '@mentorbridge/core';
import { useTranslation } from 'react-i18next';

/**
 * Reasons arrive as machine codes ("contact_note.safety_concern", "phq9.item9=2"): known codes read as plain
 * words; anything else falls back to what raised the alert, with the code for the record.
 */
export const useReasonText = () => {
  const { t } = useTranslation();
  return (code: string, source: TAlert['source']): string => {
    const [key = '', value] = code.split('=');
    const fallback = t('alerts.reasonFallback', { source: t(`alerts.sources.${source}`), code });
    return t(`alerts.reasons.${key.replace(/[.:]/g, '_')}`, { value, defaultValue: fallback });
  };
};

export function SeverityBadge({ severity }: { severity: TAlert['severity'] }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${severity === 'acute' ? 'badge-danger' : 'badge-warning'}`}>
      {t(`alerts.severity.${severity}`)}
    </span>
  );
}

export function AlertStatusBadge({ status }: { status: TAlert['status'] }) {
  const { t } = useTranslation();
  const tone = status === 'open' ? 'badge-danger' : status === 'acknowledged' ? 'badge-info' : 'badge-inactive';
  return <span className={`badge ${tone}`}>{t(`alerts.status.${status}`)}</span>;
}
