import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { formatNumber } from '../../format.ts';
import { displayName } from '../youth/queries.ts';
import { useTeamDashboard } from './queries.ts';
import { OverdueBadges, TimerText } from './timers.tsx';

/** The supervisor's team view: each supervisee's caseload, notes, reviews, supervision and youth timers. */
export function TeamPage() {
  const { t } = useTranslation();
  usePageTitle(t('care.team.title'));
  const team = useTeamDashboard();
  return (
    <>
      <h1>{t('care.team.title')}</h1>
      {team.isPending ? (
        <Loading />
      ) : team.error ? (
        <QueryError error={team.error} retry={() => void team.refetch()} />
      ) : team.data.members.length === 0 ? (
        <p>{t('care.team.none')}</p>
      ) : (
        <ul className="cards">
          {team.data.members.map((m) => (
            <li key={m.mentorUserId} className="card">
              <h2 className="card-title">
                <Link to={`/staff/${m.mentorUserId}`}>{m.name}</Link>
              </h2>
              <dl className="details compact">
                <div>
                  <dt>{t('care.team.caseload')}</dt>
                  <dd>
                    {m.capacity == null
                      ? formatNumber(m.caseload)
                      : t('care.match.caseloadOf', {
                          caseload: formatNumber(m.caseload),
                          capacity: formatNumber(m.capacity),
                        })}
                  </dd>
                </div>
                <div>
                  <dt>{t('care.team.unsigned')}</dt>
                  <dd>
                    {formatNumber(m.unsignedNotes)}
                    {m.lateNotes > 0 ? (
                      <>
                        {' '}
                        <span className="badge badge-danger">
                          <span aria-hidden="true">⚠ </span>
                          {t('care.team.late', { count: m.lateNotes, formatted: formatNumber(m.lateNotes) })}
                        </span>
                      </>
                    ) : null}
                  </dd>
                </div>
                <div>
                  <dt>{t('care.team.awaitingReview')}</dt>
                  <dd>{formatNumber(m.awaitingReview)}</dd>
                </div>
                <div>
                  <dt>{t('care.timers.kinds.supervision')}</dt>
                  <dd>
                    <TimerText state={m.supervision} />
                  </dd>
                </div>
              </dl>
              <h3 className="small">{t('care.team.youthOverdue')}</h3>
              {m.youthOverdue.length === 0 ? (
                <p>{t('care.team.noYouthOverdue')}</p>
              ) : (
                <ul className="person-list">
                  {m.youthOverdue.map((y) => (
                    <li key={y.youthId} className="person">
                      <Link to={`/youth/${y.youthId}`}>{displayName(y)}</Link>
                      <OverdueBadges overdue={y.overdue} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
