import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { SelectField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { usePermissions } from '../../session.tsx';
import { usePrograms } from '../youth/queries.ts';
import { TrendMark } from './CheckInsSection.tsx';
import { useLatestCheckIns, useTopChallenges } from './queries.ts';
import { useDomainLabel } from './RatingScale.tsx';

/** Check-ins at a glance: each youth's latest with its trend; for program managers, the program's top challenges. */
export function CheckInsPage() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  usePageTitle(t('safety.checkIns.pageTitle'));
  return (
    <>
      <h1>{t('safety.checkIns.pageTitle')}</h1>
      {can('check_in.aggregate') ? <TopChallenges /> : null}
      <LatestList />
    </>
  );
}

function LatestList() {
  const { t } = useTranslation();
  const domainLabel = useDomainLabel();
  const latest = useLatestCheckIns();
  return (
    <section className="card" aria-labelledby="latest-heading">
      <h2 id="latest-heading">{t('safety.checkIns.latestTitle')}</h2>
      {latest.isPending ? (
        <Loading />
      ) : latest.error ? (
        <QueryError error={latest.error} retry={() => void latest.refetch()} />
      ) : latest.data.length === 0 ? (
        <p>{t('safety.checkIns.noYouth')}</p>
      ) : (
        <ul className="person-list">
          {latest.data.map((y) => (
            <li key={y.youthId} className="person">
              <h3>
                <Link to={`/youth/${y.youthId}#check-ins`}>{y.youthName}</Link>
              </h3>
              {y.latest ? (
                <>
                  <p className="muted">
                    {t('safety.checkIns.latestOn', { date: formatDate(y.latest.createdAt) })}
                    {y.latest.needToTalk ? <span className="badge badge-danger"> {t('safety.checkIns.wantsToTalk')}</span> : null}
                  </p>
                  <ul className="chips">
                    {Object.entries(y.latest.ratings).map(([d, v]) => (
                      <li key={d} className={`chip rating-${v}`}>
                        {domainLabel(d)}: {v} <TrendMark direction={y.trend[d]} />
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p className="muted">{t('safety.checkIns.noneYet')}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TopChallenges() {
  const { t } = useTranslation();
  const domainLabel = useDomainLabel();
  const programs = usePrograms();
  const [programId, setProgramId] = useState('');
  const [days, setDays] = useState('28');
  const top = useTopChallenges(programId, Number(days), true);
  return (
    <section className="card" aria-labelledby="challenges-heading">
      <h2 id="challenges-heading">{t('safety.challenges.title')}</h2>
      <div className="filter-grid">
        <SelectField
          id="challenges-program"
          label={t('safety.challenges.program')}
          value={programId}
          onChange={setProgramId}
          emptyLabel={t('safety.challenges.allPrograms')}
          options={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
        <SelectField
          id="challenges-days"
          label={t('safety.challenges.period')}
          value={days}
          onChange={setDays}
          options={['7', '28', '90'].map((d) => ({ value: d, label: t('safety.challenges.days', { count: Number(d) }) }))}
        />
      </div>
      {top.isPending ? (
        <Loading />
      ) : top.error ? (
        <QueryError error={top.error} retry={() => void top.refetch()} />
      ) : (
        <>
          <p>
            {t('safety.challenges.summary', {
              checkIns: formatNumber(top.data.checkIns),
              youth: formatNumber(top.data.youthCount),
              talk: formatNumber(top.data.needToTalk),
            })}
          </p>
          <ScrollTable labelledBy="challenges-heading">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('safety.challenges.area')}</th>
                  <th scope="col">{t('safety.challenges.challenging')}</th>
                  <th scope="col">{t('safety.challenges.serious')}</th>
                  <th scope="col">{t('safety.challenges.average')}</th>
                </tr>
              </thead>
              <tbody>
                {top.data.domains.map((d) => (
                  <tr key={d.domain}>
                    <th scope="row">{domainLabel(d.domain)}</th>
                    <td className="num">{formatNumber(d.challenging)}</td>
                    <td className="num">{formatNumber(d.serious)}</td>
                    <td className="num">{d.average === null ? '–' : formatNumber(d.average)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
    </section>
  );
}
