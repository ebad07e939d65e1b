import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { Checkbox } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDate } from '../../format.ts';
import { textIn } from './MeasureForm.tsx';
import { useOverdue } from './queries.ts';

/** Scheduled measures (baseline, every N weeks, discharge) overdue for the youth within the user's reach. */
export function OverduePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const [includeDue, setIncludeDue] = useState(false);
  const overdue = useOverdue(includeDue);
  const id = useId();
  usePageTitle(t('measures.overdue.title'));
  return (
    <>
      <h1>{t('measures.overdue.title')}</h1>
      <p>{t('measures.overdue.intro')}</p>
      <Checkbox id="overdue-include-due" label={t('measures.overdue.includeDue')} checked={includeDue} onChange={setIncludeDue} />
      {overdue.isPending ? <Loading /> : null}
      {overdue.error ? <QueryError error={overdue.error} retry={() => void overdue.refetch()} /> : null}
      {overdue.data && overdue.data.items.length === 0 ? <p>{t('measures.overdue.none')}</p> : null}
      {overdue.data && overdue.data.items.length > 0 ? (
        <ScrollTable labelledBy={id}>
          <table>
            <caption id={id}>{t('measures.overdue.caption', { date: formatDate(overdue.data.asOf) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('measures.overdue.youth')}</th>
                <th scope="col">{t('measures.instrument')}</th>
                <th scope="col">{t('measures.overdue.point')}</th>
                <th scope="col">{t('measures.overdue.due')}</th>
                <th scope="col">{t('measures.overdue.status')}</th>
              </tr>
            </thead>
            <tbody>
              {overdue.data.items.map((m) => (
                <tr key={`${m.episodeId}-${m.instrumentId}-${m.scheduleKey}`}>
                  <td>
                    <Link to={`/youth/${m.youthId}#measures`}>{m.youthName}</Link>
                  </td>
                  <td>{textIn(m.instrumentTitle, lang)}</td>
                  <td>
                    {m.kind === 'interval'
                      ? t('measures.overdue.week', { week: m.scheduleKey.replace('week_', '') })
                      : t(`measures.overdue.kinds.${m.kind}`)}
                  </td>
                  <td>{formatDate(m.dueOn)}</td>
                  <td>
                    {m.status === 'overdue' ? (
                      <span className="badge badge-warning">{t('measures.overdue.daysOverdue', { count: m.daysOverdue })}</span>
                    ) : (
                      t('measures.overdue.dueNow')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      ) : null}
    </>
  );
}
