import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { displayName } from '../youth/queries.ts';
import { useTodayDashboard } from './queries.ts';
import { OverdueBadges } from './timers.tsx';

const timeRange = (start: string | null, end: string | null) => (start ? (end ? `${start}–${end}` : start) : '');

/** The mentor's landing page, phone first: today's visits, notes past their deadline, youth needing attention. */
export function TodayPage() {
  const { t } = useTranslation();
  usePageTitle(t('care.today.title'));
  const today = useTodayDashboard();
  return (
    <>
      <div className="page-head">
        <h1>{t('care.today.title')}</h1>
        <Link to="/caseload" className="button secondary">
          {t('care.today.caseloadLink')}
        </Link>
      </div>
      {today.isPending ? (
        <Loading />
      ) : today.error ? (
        <QueryError error={today.error} retry={() => void today.refetch()} />
      ) : (
        <>
          <p className="muted">{formatDate(today.data.today, 'long')}</p>
          <section aria-labelledby="today-visits">
            <h2 id="today-visits">{t('care.today.visits')}</h2>
            {today.data.visits.length === 0 ? (
              <p>{t('care.today.noVisits')}</p>
            ) : (
              <ul className="cards">
                {today.data.visits.map((v) => (
                  <li key={v.contactId} className="card tap-card">
                    <p className="card-title">
                      <Link to={`/youth/${v.youthId}`}>{displayName(v)}</Link>
                    </p>
                    <p>
                      {timeRange(v.startTime, v.endTime) || t('care.today.noTime')}
                      {v.setting ? ` · ${t(`care.setting.${v.setting as 'home'}`)}` : ''}
                      {v.kind === 'collateral' ? ` · ${t('care.timeline.collateral')}` : ''}
                    </p>
                    <p className="small">
                      {t(`care.contactStatus.${v.status}`)}
                      {v.status === 'completed' ? ` · ${t(`care.noteStatus.${v.noteStatus}`)}` : ''}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="today-notes">
            <h2 id="today-notes">{t('care.today.overdueNotes')}</h2>
            {today.data.overdueNotes.length === 0 ? (
              <p>{t('care.today.noOverdueNotes')}</p>
            ) : (
              <ul className="cards">
                {today.data.overdueNotes.map((n) => (
                  <li key={n.contactId} className="card tap-card">
                    <p className="card-title">
                      <Link to={`/youth/${n.youthId}`}>{displayName(n)}</Link>
                    </p>
                    <p>
                      <span className="badge badge-danger">
                        <span aria-hidden="true">⚠ </span>
                        {t('care.today.noteLate', { date: formatDateTime(n.deadline) })}
                      </span>
                    </p>
                    <p className="small">
                      {t('care.today.contactOn', { date: formatDate(n.date) })} · {t(`care.noteStatus.${n.noteStatus}`)}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="today-attention">
            <h2 id="today-attention">{t('care.today.attention')}</h2>
            {today.data.attention.length === 0 ? (
              <p>{t('care.today.noAttention')}</p>
            ) : (
              <ul className="cards">
                {today.data.attention.map((a) => (
                  <li key={a.youthId} className="card tap-card">
                    <p className="card-title">
                      <Link to={`/youth/${a.youthId}`}>{displayName(a)}</Link>
                    </p>
                    <OverdueBadges overdue={a.overdue} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
