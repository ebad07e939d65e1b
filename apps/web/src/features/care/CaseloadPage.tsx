import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { formatDate } from '../../format.ts';
import { displayName } from '../youth/queries.ts';
import { MatchStatusBadge } from './MatchSection.tsx';
import { useCaseloadDashboard } from './queries.ts';
import { OverdueBadges } from './timers.tsx';

/** The mentor's caseload: each youth with next visit, last contact and timers. */
export function CaseloadPage() {
  const { t } = useTranslation();
  usePageTitle(t('care.caseload.title'));
  const caseload = useCaseloadDashboard();
  return (
    <>
      <div className="page-head">
        <h1>{t('care.caseload.title')}</h1>
        <Link to="/today" className="button secondary">
          {t('care.caseload.todayLink')}
        </Link>
      </div>
      {caseload.isPending ? (
        <Loading />
      ) : caseload.error ? (
        <QueryError error={caseload.error} retry={() => void caseload.refetch()} />
      ) : caseload.data.items.length === 0 ? (
        <p>{t('care.caseload.none')}</p>
      ) : (
        <ul className="cards">
          {caseload.data.items.map((y) => (
            <li key={y.youthId} className="card tap-card">
              <p className="card-title">
                <Link to={`/youth/${y.youthId}`}>{displayName(y)}</Link>
                {y.pronouns ? <span className="pronouns"> ({y.pronouns})</span> : null}
              </p>
              <p className="identity-line">
                <MatchStatusBadge match={{ status: y.matchStatus, isPrimary: y.isPrimary }} />
              </p>
              <dl className="details compact">
                <div>
                  <dt>{t('care.caseload.nextVisit')}</dt>
                  <dd>
                    {y.nextVisitOn
                      ? `${formatDate(y.nextVisitOn)}${y.nextVisitTime ? ` · ${y.nextVisitTime}` : ''}`
                      : t('care.caseload.noneScheduled')}
                  </dd>
                </div>
                <div>
                  <dt>{t('care.caseload.lastContact')}</dt>
                  <dd>{y.lastContactOn ? formatDate(y.lastContactOn) : t('care.timers.never')}</dd>
                </div>
              </dl>
              <OverdueBadges overdue={y.timers.overdue} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
