import type { TEligibilityFinding, TReferralStatus } from '@mentorbridge/core';
import { useTranslation } from 'react-i18next';

const STATUS_CLASS: Record<TReferralStatus, string> = {
  received: 'badge-info',
  screening: 'badge-info',
  accepted: 'badge-active',
  waitlisted: 'badge-priority',
  declined: 'badge-inactive',
  admitted: 'badge-active',
};

export function ReferralStatusBadge({ status }: { status: TReferralStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${STATUS_CLASS[status]}`}>{t(`intake.referralStatus.${status}`)}</span>;
}

/** A check that passed or failed, said in words and with a symbol (never by colour alone). */
export function MetMark({ met }: { met: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${met ? 'badge-active' : 'badge-danger'}`}>
      <span aria-hidden="true">{met ? '✓ ' : '✗ '}</span>
      {met ? t('intake.met') : t('intake.notMet')}
    </span>
  );
}

const FINDING_CODES = ['age', 'coverage', 'living_situation', 'hub', 'admission_criteria', 'exclusions'] as const;
type FindingCode = (typeof FINDING_CODES)[number];
const isFindingCode = (code: string): code is FindingCode => (FINDING_CODES as readonly string[]).includes(code);

/** Every eligibility finding: what was checked, whether it was met, and the detail the check recorded. */
export function EligibilityFindings({ findings, label }: { findings: TEligibilityFinding[]; label: string }) {
  const { t } = useTranslation();
  return (
    <ul className="intake-checklist" aria-label={label}>
      {findings.map((f) => (
        <li key={f.code}>
          <MetMark met={f.met} />{' '}
          <strong>{isFindingCode(f.code) ? t(`intake.findings.${f.code}`) : f.code}</strong>
          <span className="muted small"> — {f.detail}</span>
        </li>
      ))}
    </ul>
  );
}
