import { TIMER_KINDS, type TTimerKind, type TTimerState, type TYouthTimers } from '@mentorbridge/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.ts';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { useYouthTimers } from './queries.ts';

/** Overdue timers said in words with a warning sign, never by colour alone. */
export function OverdueBadges({ overdue }: { overdue: readonly TTimerKind[] }) {
  const { t } = useTranslation();
  if (overdue.length === 0) {
    return <span className="badge badge-active">{t('care.timers.allOnTrack')}</span>;
  }
  return (
    <ul className="badge-list">
      {overdue.map((k) => (
        <li key={k}>
          <span className="badge badge-danger">
            <span aria-hidden="true">⚠ </span>
            {t('care.timers.overdueKind', { name: t(`care.timers.kinds.${k}`) })}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** One timer as a short sentence: overdue (with days), due on a date, or not required. */
export function TimerText({ state }: { state: TTimerState }) {
  const { t } = useTranslation();
  if (!state.applicable) return <span className="muted">{t('care.timers.notRequired')}</span>;
  const last = state.lastOn ? t('care.timers.lastOn', { date: formatDate(state.lastOn) }) : t('care.timers.never');
  if (state.overdue) {
    return (
      <span className="timer-overdue">
        <strong>
          <span aria-hidden="true">⚠ </span>
          {t('care.timers.overdueSince', { date: formatDate(state.due) })}
        </strong>
        <span className="small"> · {last}</span>
      </span>
    );
  }
  return (
    <span>
      {state.due ? t('care.timers.dueOn', { date: formatDate(state.due) }) : t('care.timers.onTrack')}
      <span className="small muted"> · {last}</span>
    </span>
  );
}

export function UnsignedText({ notes }: { notes: TYouthTimers['unsignedNotes'] }) {
  const { t } = useTranslation();
  if (notes.count === 0) return <span>{t('care.timers.noUnsigned')}</span>;
  const text = t('care.timers.unsignedCount', {
    count: notes.count,
    formatted: formatNumber(notes.count),
    overdue: formatNumber(notes.overdue),
  });
  return notes.overdue > 0 ? (
    <strong className="timer-overdue">
      <span aria-hidden="true">⚠ </span>
      {text}
    </strong>
  ) : (
    <span>{text}</span>
  );
}

/** The compliance timers of one youth, as a list of sentences. */
export function TimersPanel({ youthId }: { youthId: string }) {
  const { t } = useTranslation();
  const timers = useYouthTimers(youthId);
  if (isApiError(timers.error, 'FORBIDDEN')) return null;
  return (
    <section className="card" aria-labelledby="timers-heading">
      <h2 id="timers-heading">{t('care.timers.title')}</h2>
      {timers.isPending ? (
        <Loading />
      ) : timers.error ? (
        <QueryError error={timers.error} retry={() => void timers.refetch()} />
      ) : (
        <>
          {timers.data.episodeId ? null : <p className="muted">{t('care.timers.noEpisode')}</p>}
          <dl className="details compact">
            {TIMER_KINDS.map((k) => (
              <div key={k}>
                <dt>{t(`care.timers.kinds.${k}`)}</dt>
                <dd>
                  {k === 'unsignedNotes' ? (
                    <UnsignedText notes={timers.data.unsignedNotes} />
                  ) : (
                    <TimerText state={timers.data[k]} />
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}

/** The calendar day (yyyy-mm-dd) of an instant in the user's time zone. */
export const localDay = (iso: string): string => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
