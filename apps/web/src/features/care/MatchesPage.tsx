import type { TWaitingYouth } from '@mentorbridge/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { localDay } from './timers.tsx';
import { displayName } from '../youth/queries.ts';
import { MatchActions, MatchForm } from './MatchForms.tsx';
import { MatchStatusBadge } from './MatchSection.tsx';
import { useMatchesDashboard } from './queries.ts';

/**
 * Matching (R-2.13–2.15, R-3.4): pick a youth waiting for a match, see mentors' availability, create the match
 * with its agreement; pause, resume, close or re-match the open ones.
 */
export function MatchesPage() {
  const { t } = useTranslation();
  usePageTitle(t('care.matches.title'));
  const dashboard = useMatchesDashboard();
  const [selected, setSelected] = useState<TWaitingYouth | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <h1>{t('care.matches.title')}</h1>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      {dashboard.isPending ? (
        <Loading />
      ) : dashboard.error ? (
        <QueryError error={dashboard.error} retry={() => void dashboard.refetch()} />
      ) : (
        <>
          <section aria-labelledby="waiting-heading" className="card">
            <h2 id="waiting-heading">
              {t('care.matches.waiting', {
                count: dashboard.data.waiting.length,
                formatted: formatNumber(dashboard.data.waiting.length),
              })}
            </h2>
            {dashboard.data.waiting.length === 0 ? (
              <p>{t('care.matches.noneWaiting')}</p>
            ) : (
              <ul className="person-list">
                {dashboard.data.waiting.map((w) => (
                  <li key={w.youthId} className="person">
                    <p className="card-title">
                      <Link to={`/youth/${w.youthId}`}>{displayName(w)}</Link>
                    </p>
                    <p className="small">
                      {t('care.matches.admittedOn', {
                        date: formatDate(w.admittedOn),
                        count: w.daysWaiting,
                        formatted: formatNumber(w.daysWaiting),
                      })}
                      {w.primaryLanguage ? ` · ${w.primaryLanguage}` : ''}
                      {w.interpreterNeeded ? ` · ${t('care.matches.interpreter')}` : ''}
                    </p>
                    {selected?.youthId === w.youthId ? (
                      <MatchForm
                        youthId={w.youthId}
                        isPrimary
                        initialLanguage={w.primaryLanguage ?? undefined}
                        onDone={(m) => {
                          setSelected(null);
                          setMessage(t('care.matches.matched', { youth: displayName(w), mentor: m.mentorName }));
                        }}
                        onCancel={() => setSelected(null)}
                      />
                    ) : (
                      <button
                        type="button"
                        className="button primary small"
                        onClick={() => {
                          setMessage(null);
                          setSelected(w);
                        }}
                      >
                        {t('care.matches.findMentor')}
                        <span className="visually-hidden"> {displayName(w)}</span>
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="open-matches-heading">
            <h2 id="open-matches-heading">
              {t('care.matches.open', {
                count: dashboard.data.matches.length,
                formatted: formatNumber(dashboard.data.matches.length),
              })}
            </h2>
            {dashboard.data.matches.length === 0 ? (
              <p>{t('care.matches.noneOpen')}</p>
            ) : (
              <ScrollTable labelledBy="open-matches-heading">
                <table className="care-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('care.compliance.youth')}</th>
                      <th scope="col">{t('care.match.mentor')}</th>
                      <th scope="col">{t('care.matches.status')}</th>
                      <th scope="col">{t('care.match.since')}</th>
                      <th scope="col">{t('care.matches.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {dashboard.data.matches.map((m) => {
                      const youthName = displayName({
                        firstName: m.youthFirstName,
                        lastName: m.youthLastName,
                        preferredName: m.youthPreferredName,
                      });
                      return (
                        <tr key={m.id}>
                          <th scope="row">
                            <Link to={`/youth/${m.youthId}`}>{youthName}</Link>
                          </th>
                          <td>{m.mentorName}</td>
                          <td>
                            <MatchStatusBadge match={m} />
                          </td>
                          <td>{formatDate(localDay(m.startedAt))}</td>
                          <td>
                            <MatchActions match={m} label={`${youthName} · ${m.mentorName}`} />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </ScrollTable>
            )}
          </section>
        </>
      )}
    </>
  );
}
