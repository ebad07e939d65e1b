import type { TYouthStatus } from '@mentorbridge/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../format.ts';

export function StatusBadge({ status }: { status: TYouthStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`youth.status.${status}`)}</span>;
}

/** An expired licence, said in words (and marked with a symbol), never by colour alone. */
export function LicenceExpiredFlag({ expiresOn }: { expiresOn: string | null }) {
  const { t } = useTranslation();
  return (
    <span className="badge badge-danger">
      <span aria-hidden="true">⚠ </span>
      {expiresOn ? t('staff.licenceExpiredOn', { date: formatDate(expiresOn) }) : t('staff.licenceExpired')}
    </span>
  );
}
