import type { TContactSummary } from '@mentorbridge/core';
import { useTranslation } from 'react-i18next';

type Badgeable = Pick<
  TContactSummary,
  'status' | 'noteStatus' | 'signedLate' | 'overdue' | 'billable' | 'billingUnits' | 'safetyConcern' | 'kind'
>;

/** A contact's state in words (never by colour alone): contact status, note status, late, overdue, units, safety. */
export function NoteStatusBadges({ contact: c, units = true }: { contact: Badgeable; units?: boolean }) {
  const { t } = useTranslation();
  const closed = c.status === 'cancelled' || c.status === 'no_show';
  return (
    <span className="badges">
      {closed || c.status === 'scheduled' ? (
        <span className={`badge badge-contact-${c.status}`}>{t(`notes.contactStatus.${c.status}`)}</span>
      ) : null}
      {!closed && c.status !== 'scheduled' ? (
        <span className={`badge badge-note-${c.noteStatus}`}>{t(`notes.noteStatus.${c.noteStatus}`)}</span>
      ) : null}
      {c.kind === 'collateral' ? <span className="badge badge-info">{t('notes.kind.collateral')}</span> : null}
      {c.overdue ? (
        <span className="badge badge-danger">
          <span aria-hidden="true">⚠ </span>
          {t('notes.badges.overdue')}
        </span>
      ) : null}
      {c.signedLate ? <span className="badge badge-warning">{t('notes.badges.late')}</span> : null}
      {c.safetyConcern ? (
        <span className="badge badge-danger">
          <span aria-hidden="true">⚑ </span>
          {t('notes.badges.safety')}
        </span>
      ) : null}
      {units && c.billable ? (
        <span className="badge badge-info">{t('notes.badges.units', { count: c.billingUnits })}</span>
      ) : null}
    </span>
  );
}
