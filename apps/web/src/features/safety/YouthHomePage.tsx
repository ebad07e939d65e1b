import { SAFETY_PLAN_SECTIONS, type TCheckIn, type TMentorFlag, type TSafetyPlan, type TYouthHome } from '@mentorbridge/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, v1 } from '../../api.ts';
import { CrisisPanel } from '../../components/CrisisPanel.tsx';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { TextArea } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { formatDate } from '../../format.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { useRefreshSafety, useYouthHome } from './queries.ts';
import { RatingScale, useDomainLabel } from './RatingScale.tsx';

/** Where a youth lands: crisis help, their weekly check-in, their shared safety plan, and "flag my mentor". */
export function YouthHomePage() {
  const { t } = useTranslation();
  const home = useYouthHome();
  usePageTitle(t('safety.home.title'));
  if (home.isPending) return <Loading />;
  if (home.error) {
    return (
      <>
        <h1>{t('safety.home.title')}</h1>
        {isApiError(home.error, 'NOT_FOUND') ? <p>{t('safety.home.noRecord')}</p> : <QueryError error={home.error} retry={() => void home.refetch()} />}
      </>
    );
  }
  const h = home.data;
  return (
    <>
      <h1>{t('safety.home.greeting', { name: h.firstName })}</h1>
      <CrisisPanel resources={h.crisis} />
      <CheckInCard home={h} />
      {h.safetyPlan ? <SharedPlan plan={h.safetyPlan} /> : null}
      <FlagMentorCard home={h} />
    </>
  );
}

function CheckInCard({ home }: { home: TYouthHome }) {
  const { t } = useTranslation();
  const domainLabel = useDomainLabel();
  const refresh = useRefreshSafety();
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const [recordId, setRecordId] = useState(newId);
  const [done, setDone] = useState<TCheckIn | null>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  const idempotency = useIdempotencyKey();
  const send = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1<TCheckIn>(`/youth/${home.youthId}/check-ins`, { method: 'POST', body, idempotencyKey: idempotency.keyFor(body) }),
    onSuccess: (c) => {
      setDone(c);
      setRatings({});
      setComment('');
      setRecordId(newId());
      void refresh();
    },
  });
  const submit = (needToTalk: boolean) => {
    if (!needToTalk && Object.keys(ratings).length === 0) {
      setClientError(t('safety.checkIn.rateOne'));
      document.getElementById(`checkin-${home.checkInDomains[0]}`)?.focus();
      return;
    }
    setClientError(null);
    setDone(null);
    send.mutate({ id: recordId, ratings, needToTalk, comment: comment.trim() || null });
  };
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    submit(false);
  };
  return (
    <section className="card" aria-labelledby="checkin-heading">
      <h2 id="checkin-heading">{t('safety.checkIn.title')}</h2>
      <p className="muted">
        {home.lastCheckInAt
          ? t('safety.checkIn.last', { date: formatDate(home.lastCheckInAt, 'long') })
          : t('safety.checkIn.first')}
      </p>
      {done ? (
        <StatusMessage>{done.needToTalk ? t('safety.checkIn.sentTalk') : t('safety.checkIn.sent')}</StatusMessage>
      ) : null}
      <div className="talk-block">
        <button type="button" className="button primary big" disabled={send.isPending} onClick={() => submit(true)}>
          {t('safety.checkIn.needToTalk')}
        </button>
        <p className="hint">{t('safety.checkIn.needToTalkHint')}</p>
      </div>
      <form onSubmit={onSubmit} noValidate aria-labelledby="checkin-heading">
        <FormError error={send.error} />
        {clientError ? (
          <p className="alert alert-error" role="alert">
            {clientError}
          </p>
        ) : null}
        <p className="hint">{t('safety.checkIn.scaleHint')}</p>
        {home.checkInDomains.map((d) => (
          <RatingScale
            key={d}
            id={`checkin-${d}`}
            legend={domainLabel(d)}
            value={ratings[d] ?? null}
            onChange={(v) => setRatings((r) => ({ ...r, [d]: v }))}
          />
        ))}
        <TextArea
          id="checkin-comment"
          label={t('safety.checkIn.comment')}
          hint={t('safety.checkIn.commentHint')}
          value={comment}
          onChange={setComment}
          maxLength={1000}
        />
        <div className="actions">
          <button type="submit" className="button primary" disabled={send.isPending}>
            {send.isPending ? t('common.sending') : t('safety.checkIn.send')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function PlanSections({ plan }: { plan: TSafetyPlan }) {
  const { t } = useTranslation();
  return (
    <>
      <ol className="plan-steps">
        {SAFETY_PLAN_SECTIONS.map((s) => (
          <li key={s}>
            <h3>{t(`safety.plan.sections.${s}`)}</h3>
            {plan.sections[s]?.length ? (
              <ul>
                {plan.sections[s]!.map((item, i) => (
                  <li key={i}>{item}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('safety.plan.emptySection')}</p>
            )}
          </li>
        ))}
      </ol>
      {plan.reasonsForLiving ? (
        <>
          <h3>{t('safety.plan.reasonsForLiving')}</h3>
          <p>{plan.reasonsForLiving}</p>
        </>
      ) : null}
    </>
  );
}

function SharedPlan({ plan }: { plan: TSafetyPlan }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="my-plan-heading">
      <h2 id="my-plan-heading">{t('safety.plan.mine')}</h2>
      <PlanSections plan={plan} />
    </section>
  );
}

function FlagMentorCard({ home }: { home: TYouthHome }) {
  const { t } = useTranslation();
  const refresh = useRefreshSafety();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [matchId, setMatchId] = useState(home.mentors[0]?.matchId ?? '');
  const [sent, setSent] = useState(false);
  const flag = useMutation({
    mutationFn: () =>
      v1<TMentorFlag>(`/youth/${home.youthId}/mentor-flags`, {
        method: 'POST',
        body: { matchId: matchId || undefined, reason: reason.trim() || null },
      }),
    onSuccess: () => {
      setSent(true);
      setOpen(false);
      setReason('');
      void refresh();
    },
  });
  if (home.mentors.length === 0) return null;
  const flaggable = home.mentors.filter((m) => !m.suspended);
  return (
    <section className="card" aria-labelledby="flag-heading">
      <h2 id="flag-heading">{t('safety.flag.title')}</h2>
      <p>{t('safety.flag.intro')}</p>
      {sent ? <StatusMessage>{t('safety.flag.sent')}</StatusMessage> : null}
      <ul className="plain">
        {home.mentors.map((m) => (
          <li key={m.matchId}>
            {m.mentorName}
            {m.suspended ? <span className="badge badge-info"> {t('safety.flag.underReview')}</span> : null}
          </li>
        ))}
      </ul>
      {flaggable.length === 0 ? null : open ? (
        <form
          className="subform"
          noValidate
          onSubmit={(ev) => {
            ev.preventDefault();
            flag.mutate();
          }}
        >
          <FormError error={flag.error} />
          {flaggable.length > 1 ? (
            <div className="field">
              <label htmlFor="flag-match">{t('safety.flag.which')}</label>
              <select id="flag-match" value={matchId} onChange={(e) => setMatchId(e.target.value)}>
                {flaggable.map((m) => (
                  <option key={m.matchId} value={m.matchId}>
                    {m.mentorName}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <TextArea
            id="flag-reason"
            label={t('safety.flag.reason')}
            hint={t('safety.flag.reasonHint')}
            value={reason}
            onChange={setReason}
            maxLength={1000}
          />
          <div className="actions">
            <button type="submit" className="button danger" disabled={flag.isPending}>
              {t('safety.flag.confirm')}
            </button>
            <button type="button" className="button secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button danger-outline" onClick={() => setOpen(true)}>
          {t('safety.flag.open')}
        </button>
      )}
    </section>
  );
}
