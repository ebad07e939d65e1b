import type { TCheckInHistory } from '@mentorbridge/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.ts';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDate } from '../../format.ts';
import { useCheckIns } from './queries.ts';
import { useDomainLabel } from './RatingScale.tsx';

/** Trend arrows read as words for screen readers; lower ratings are better. */
export function TrendMark({ direction }: { direction: 'better' | 'worse' | 'same' | undefined }) {
  const { t } = useTranslation();
  if (!direction) return null;
  const symbol = direction === 'better' ? '↓' : direction === 'worse' ? '↑' : '→';
  return (
    <span className={`trend trend-${direction}`}>
      <span aria-hidden="true">{symbol}</span>
      <span className="visually-hidden">{t(`safety.trend.${direction}`)}</span>
    </span>
  );
}

/** A youth's weekly check-ins: the latest with its trend, then the recent history. */
export function CheckInsSection({ youthId }: { youthId: string }) {
  const { t } = useTranslation();
  const checkIns = useCheckIns(youthId);
  if (isApiError(checkIns.error, 'FORBIDDEN')) return null;
  return (
    <section className="card" aria-labelledby="checkins-heading" id="check-ins">
      <h2 id="checkins-heading">{t('safety.checkIns.title')}</h2>
      {checkIns.isPending ? (
        <Loading />
      ) : checkIns.error ? (
        <QueryError error={checkIns.error} retry={() => void checkIns.refetch()} />
      ) : checkIns.data.items.length === 0 ? (
        <p>{t('safety.checkIns.none')}</p>
      ) : (
        <CheckInTable data={checkIns.data} />
      )}
    </section>
  );
}

function CheckInTable({ data }: { data: TCheckInHistory }) {
  const { t } = useTranslation();
  const domainLabel = useDomainLabel();
  const domains = [...new Set([...data.domains, ...data.items.flatMap((i) => Object.keys(i.ratings))])];
  const latest = data.items[0]!;
  return (
    <>
      {latest.needToTalk ? (
        <p className="alert alert-warning">{t('safety.checkIns.latestNeedsTalk', { date: formatDate(latest.createdAt) })}</p>
      ) : null}
      {latest.comment ? (
        <blockquote className="youth-words">
          <p>{latest.comment}</p>
        </blockquote>
      ) : null}
      <p className="hint">{t('safety.checkIn.scaleHint')}</p>
      <ScrollTable labelledBy="checkins-heading">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('safety.checkIns.date')}</th>
              {domains.map((d) => (
                <th scope="col" key={d}>
                  {domainLabel(d)}
                </th>
              ))}
              <th scope="col">{t('safety.checkIns.talk')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((c, i) => (
              <tr key={c.id}>
                <th scope="row">{formatDate(c.createdAt)}</th>
                {domains.map((d) => (
                  <td key={d} className={`num rating-${c.ratings[d] ?? 0}`}>
                    {c.ratings[d] ?? '–'} {i === 0 ? <TrendMark direction={data.trend[d]} /> : null}
                  </td>
                ))}
                <td>{c.needToTalk ? t('common.yes') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}
