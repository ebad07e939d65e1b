import { MENTOR_FLAG_OUTCOMES, type TMentorFlag } from '@mentorbridge/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { RadioGroup, SelectField, TextArea } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { formatDateTime } from '../../format.ts';
import { useMentorFlags, useRefreshSafety } from './queries.ts';

/** Flagged mentors: each flag suspends the mentor's contact with the youth until a manager reviews it. */
export function MentorFlagsPage() {
  const { t } = useTranslation();
  usePageTitle(t('safety.flags.pageTitle'));
  const [status, setStatus] = useState('open');
  const flags = useMentorFlags(status);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <h1>{t('safety.flags.pageTitle')}</h1>
      <p>{t('safety.flags.intro')}</p>
      <div className="filter-grid">
        <SelectField
          id="flags-status"
          label={t('safety.flags.statusFilter')}
          value={status}
          onChange={setStatus}
          options={(['open', 'reviewed', 'all'] as const).map((s) => ({ value: s, label: t(`safety.flags.status.${s}`) }))}
        />
      </div>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      <section className="card" aria-labelledby="flags-heading">
        <h2 id="flags-heading" className="visually-hidden">
          {t('safety.flags.pageTitle')}
        </h2>
        {flags.isPending ? (
          <Loading />
        ) : flags.error ? (
          <QueryError error={flags.error} retry={() => void flags.refetch()} />
        ) : flags.data.length === 0 ? (
          <p>{t('safety.flags.none')}</p>
        ) : (
          <ul className="person-list">
            {flags.data.map((f) => (
              <FlagItem key={f.id} flag={f} onReviewed={() => setMessage(t('safety.flags.reviewed'))} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function FlagItem({ flag, onReviewed }: { flag: TMentorFlag; onReviewed: () => void }) {
  const { t } = useTranslation();
  const [reviewing, setReviewing] = useState(false);
  return (
    <li className="person">
      <h3>{t('safety.flags.itemTitle', { mentor: flag.mentorName, youth: flag.youthName })}</h3>
      <p className="muted">
        {formatDateTime(flag.createdAt)} ·{' '}
        <Link to={`/youth/${flag.youthId}`}>{t('safety.flags.openYouth')}</Link>
      </p>
      {flag.reason ? (
        <blockquote className="youth-words">
          <p>{flag.reason}</p>
        </blockquote>
      ) : (
        <p className="muted">{t('safety.flags.noReason')}</p>
      )}
      {flag.status === 'reviewed' ? (
        <p>
          {t('safety.flags.reviewLine', {
            outcome: t(`safety.flags.outcomes.${flag.outcome}`),
            name: flag.reviewedByName ?? '',
            date: formatDateTime(flag.reviewedAt),
          })}
          {flag.reviewNote ? ` — ${flag.reviewNote}` : ''}
        </p>
      ) : reviewing ? (
        <ReviewForm
          flag={flag}
          onDone={() => {
            setReviewing(false);
            onReviewed();
          }}
          onCancel={() => setReviewing(false)}
        />
      ) : (
        <button type="button" className="button primary" onClick={() => setReviewing(true)}>
          {t('safety.flags.review')}
        </button>
      )}
    </li>
  );
}

function ReviewForm({ flag, onDone, onCancel }: { flag: TMentorFlag; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshSafety();
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const prefix = `review-${flag.id}`;
  const review = useMutation({
    mutationFn: () =>
      v1<TMentorFlag>(`/mentor-flags/${flag.id}/review`, {
        method: 'POST',
        body: { outcome, reviewNote: note.trim() || null },
      }),
    onSuccess: () => {
      void refresh();
      onDone();
    },
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!outcome) {
      setError(t('validation.choose'));
      return;
    }
    setError(undefined);
    review.mutate();
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h4 id={`${prefix}-title`}>{t('safety.flags.reviewTitle')}</h4>
      <FormError error={review.error} />
      <RadioGroup
        id={`${prefix}-outcome`}
        legend={t('safety.flags.outcome')}
        name={`${prefix}-outcome`}
        value={outcome}
        onChange={setOutcome}
        options={MENTOR_FLAG_OUTCOMES.map((o) => ({ value: o, label: t(`safety.flags.outcomeOptions.${o}`) }))}
        error={error}
      />
      <TextArea id={`${prefix}-note`} label={t('safety.flags.note')} value={note} onChange={setNote} maxLength={2000} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={review.isPending}>
          {t('safety.flags.saveReview')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
