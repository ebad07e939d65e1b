import type { TTimelineItem } from '@mentorbridge/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.ts';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { formatDate } from '../../format.ts';
import { useTimeline } from './queries.ts';

/** One event in words: the kind, then its codes translated, then its short label. */
function TimelineText({ item }: { item: TTimelineItem }) {
  const { t } = useTranslation();
  const code = item.code ?? '';
  switch (item.kind) {
    case 'referral':
      return <>{t('care.timeline.referral', { status: t(`care.referralStatus.${code as 'received'}`), agency: item.label ?? '' })}</>;
    case 'admission':
      return <>{t('care.timeline.admission')}</>;
    case 'discharge':
      return <>{t('care.timeline.discharge', { reason: code ? t(`care.dischargeReason.${code as 'other'}`) : '' })}</>;
    case 'consent':
      return (
        <>
          {t(`care.consentKind.${code as 'guardian_agreement'}`)}
          {item.secondaryCode === 'withdrawn' ? ` · ${t('care.timeline.withdrawn')}` : ''}
        </>
      );
    case 'match_started':
      return (
        <>
          {t(code === 'primary' ? 'care.timeline.matchPrimary' : 'care.timeline.matchSecondary', {
            name: item.label ?? '',
          })}
        </>
      );
    case 'match_closed':
      return (
        <>
          {t('care.timeline.matchClosed', {
            name: item.label ?? '',
            reason: item.secondaryCode ? t(`care.closureReason.${item.secondaryCode as 'other'}`) : '',
          })}
        </>
      );
    case 'goal':
      return <>{t('care.timeline.goal', { title: item.label ?? '', status: t(`care.goalStatus.${code as 'active'}`) })}</>;
    case 'goal_progress':
      return (
        <>
          {t('care.timeline.progress', {
            title: item.label ?? '',
            level: item.level != null && item.level > 0 ? `+${item.level}` : String(item.level ?? ''),
          })}
        </>
      );
    case 'contact':
      return (
        <>
          {t(code === 'collateral' ? 'care.timeline.collateral' : 'care.timeline.session')} ·{' '}
          {t(`care.contactStatus.${(item.secondaryCode ?? 'scheduled') as 'scheduled'}`)}
          {item.noteStatus && item.secondaryCode === 'completed'
            ? ` · ${t(`care.noteStatus.${item.noteStatus}`)}`
            : ''}
        </>
      );
    case 'hub_contact':
      return <>{t('care.timeline.hubContact', { mode: t(`care.hubMode.${code as 'phone'}`) })}</>;
    default:
      return null;
  }
}

/** Everything that happened to the youth, newest first (R: "youth page with a timeline of everything"). */
export function TimelineSection({ youthId }: { youthId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const timeline = useTimeline(youthId, page);
  if (isApiError(timeline.error, 'FORBIDDEN')) return null;
  return (
    <section className="card" aria-labelledby="timeline-heading" id="timeline">
      <h2 id="timeline-heading">{t('care.timeline.title')}</h2>
      {timeline.isPending ? (
        <Loading />
      ) : timeline.error ? (
        <QueryError error={timeline.error} retry={() => void timeline.refetch()} />
      ) : timeline.data.items.length === 0 ? (
        <p>{t('care.timeline.none')}</p>
      ) : (
        <>
          <ol className="timeline">
            {timeline.data.items.map((item) => (
              <li key={`${item.kind}-${item.id}`}>
                <span className="timeline-date">{formatDate(item.on)}</span>{' '}
                <span className="timeline-kind">{t(`care.timeline.kinds.${item.kind}`)}</span>
                <div>
                  <TimelineText item={item} />
                </div>
              </li>
            ))}
          </ol>
          <Pagination
            label={t('care.timeline.pagination')}
            page={timeline.data.page}
            pageSize={timeline.data.pageSize}
            total={timeline.data.total}
            onPage={setPage}
          />
        </>
      )}
    </section>
  );
}
