import type { TMatch } from '@mentorbridge/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.ts';
import { Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { formatDate, formatList, formatNumber } from '../../format.ts';
import { MatchActions, MatchForm } from './MatchForms.tsx';
import { localDay } from './timers.tsx';
import { useYouthMatches } from './queries.ts';

export function MatchStatusBadge({ match }: { match: Pick<TMatch, 'status' | 'isPrimary'> }) {
  const { t } = useTranslation();
  return (
    <>
      <span className={`badge ${match.status === 'active' ? 'badge-active' : match.status === 'paused' ? 'badge-warning' : 'badge-inactive'}`}>
        {t(`care.matchStatus.${match.status}`)}
      </span>{' '}
      <span className="badge badge-info">{match.isPrimary ? t('care.match.primary') : t('care.match.secondary')}</span>
    </>
  );
}

/** The youth's matches: primary first, agreement, status, closure; the program manager's actions. */
export function MatchSection({
  youthId,
  canWrite,
  language,
}: {
  youthId: string;
  canWrite: boolean;
  language?: string | undefined;
}) {
  const { t } = useTranslation();
  const matches = useYouthMatches(youthId);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (isApiError(matches.error, 'FORBIDDEN')) return null;
  const open = (matches.data ?? []).filter((m) => m.status !== 'closed');
  const hasPrimary = open.some((m) => m.isPrimary);
  return (
    <section className="card" aria-labelledby="match-heading" id="match">
      <div className="section-head">
        <h2 id="match-heading">{t('care.match.title')}</h2>
        {canWrite && !adding && matches.data ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setMessage(null);
              setAdding(true);
            }}
          >
            {hasPrimary ? t('care.match.addSecondary') : t('care.match.addPrimary')}
          </button>
        ) : null}
      </div>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      {adding ? (
        <MatchForm
          youthId={youthId}
          isPrimary={!hasPrimary}
          initialLanguage={hasPrimary ? undefined : language}
          exclude={open.map((m) => m.mentorUserId)}
          onDone={(m) => {
            setAdding(false);
            setMessage(t('care.match.created', { name: m.mentorName }));
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      {matches.isPending ? (
        <Loading />
      ) : matches.error ? (
        <QueryError error={matches.error} retry={() => void matches.refetch()} />
      ) : matches.data.length === 0 ? (
        <p>{t('care.match.none')}</p>
      ) : (
        <ul className="person-list">
          {matches.data.map((m) => (
            <li key={m.id} className="person">
              <h3>{m.mentorName}</h3>
              <p className="identity-line">
                <MatchStatusBadge match={m} />
              </p>
              <dl className="details compact">
                <div>
                  <dt>{t('care.match.meetingFrequency')}</dt>
                  <dd>{m.meetingFrequency ? t(`care.frequency.${m.meetingFrequency as 'weekly'}`) : t('common.notRecorded')}</dd>
                </div>
                <div>
                  <dt>{t('care.match.expectedDuration')}</dt>
                  <dd>
                    {m.expectedDurationMonths
                      ? t('care.match.months', {
                          count: m.expectedDurationMonths,
                          formatted: formatNumber(m.expectedDurationMonths),
                        })
                      : t('common.notRecorded')}
                  </dd>
                </div>
                <div>
                  <dt>{t('care.match.agreementSignedOn')}</dt>
                  <dd>
                    {m.agreementSignedOn ? formatDate(m.agreementSignedOn) : (
                      <span className="badge badge-warning">
                        <span aria-hidden="true">⚠ </span>
                        {t('care.match.noAgreement')}
                      </span>
                    )}
                  </dd>
                </div>
                <div>
                  <dt>{t('care.match.since')}</dt>
                  <dd>{formatDate(localDay(m.startedAt))}</dd>
                </div>
                {m.status === 'closed' ? (
                  <>
                    <div>
                      <dt>{t('care.match.closedOn')}</dt>
                      <dd>
                        {formatDate(m.closedOn)}
                        {m.closureType ? ` · ${t(`care.closureType.${m.closureType as 'planned'}`)}` : ''}
                      </dd>
                    </div>
                    <div>
                      <dt>{t('care.match.reasons')}</dt>
                      <dd>{formatList(m.closureReasons.map((r) => t(`care.closureReason.${r as 'other'}`)))}</dd>
                    </div>
                  </>
                ) : null}
              </dl>
              {canWrite ? <MatchActions match={m} label={m.mentorName} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
