import { REVIEW_MODES, type TReviewQueueItem, type TSupervisionAssignment } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { formatDate, formatDateTime, formatList } from '../../format.ts';
import { useMe } from '../../session.tsx';
import { NoteStatusBadges } from './badges.tsx';
import { notesKeys, timeRange, useAssignments, useReviewQueue } from './queries.ts';
import { ReviewActions } from './ReviewActions.tsx';

/** The supervisor's review queue: oldest first, each note readable in place, one action away from done. */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('notes.queue.title'));
  const [page, setPage] = useState(1);
  const queue = useReviewQueue(page);
  const [message, setMessage] = useState<string | null>(null);
  const focusIndex = useRef<number | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  // After a review, focus moves to the note that took the reviewed one's place (or the heading when none is left).
  useEffect(() => {
    if (focusIndex.current == null || !queue.data || queue.isFetching) return;
    const next = queue.data.items[focusIndex.current] ?? queue.data.items.at(-1);
    focusIndex.current = null;
    if (next) document.getElementById(`queue-${next.contactId}`)?.focus();
    else listHeading.current?.focus();
  }, [queue.data, queue.isFetching]);

  return (
    <>
      <div className="page-head">
        <h1>{t('notes.queue.title')}</h1>
      </div>
      <p className="muted">{t('notes.queue.intro')}</p>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      <section aria-labelledby="queue-h">
        <h2 id="queue-h" ref={listHeading} tabIndex={-1}>
          {queue.data ? t('notes.queue.count', { count: queue.data.total }) : t('notes.queue.listTitle')}
        </h2>
        {queue.isPending ? (
          <Loading />
        ) : queue.error ? (
          <QueryError error={queue.error} retry={() => void queue.refetch()} />
        ) : queue.data.items.length === 0 ? (
          <p>{t('notes.queue.empty')}</p>
        ) : (
          <>
            <ol className="queue">
              {queue.data.items.map((item, index) => (
                <QueueItem
                  key={item.contactId}
                  item={item}
                  onDone={(action) => {
                    focusIndex.current = index;
                    setMessage(
                      t(`notes.queue.done.${action}`, { name: item.youthName, date: formatDate(item.date) }),
                    );
                  }}
                />
              ))}
            </ol>
            <Pagination
              page={queue.data.page}
              pageSize={queue.data.pageSize}
              total={queue.data.total}
              onPage={setPage}
              label={t('notes.queue.pages')}
            />
          </>
        )}
      </section>
      <ReviewModes />
    </>
  );
}

function QueueItem({
  item,
  onDone,
}: {
  item: TReviewQueueItem;
  onDone: (action: 'approve' | 'cosign' | 'return') => void;
}) {
  const { t } = useTranslation();
  const headingId = `queue-${item.contactId}`;
  const summary = `${item.youthName}, ${formatDate(item.date)}`;
  return (
    <li className="card queue-item">
      <article aria-labelledby={headingId}>
        <h3 id={headingId} tabIndex={-1}>
          <Link to={`/contacts/${item.contactId}`}>{item.youthName}</Link>{' '}
          <span className="muted">
            · {formatDate(item.date)} {timeRange(item.startTime, item.endTime)}
          </span>
        </h3>
        <p className="identity-line">
          <span>{t('notes.queue.by', { name: item.mentorName, at: formatDateTime(item.signedAt) })}</span>
          <NoteStatusBadges
            contact={{
              status: 'completed',
              noteStatus: 'signed',
              kind: item.kind,
              signedLate: item.signedLate,
              overdue: false,
              billable: item.billable,
              billingUnits: item.billingUnits,
              safetyConcern: item.safetyConcern,
            }}
          />
          {item.revision > 1 ? (
            <span className="badge badge-info">{t('notes.queue.revision', { revision: item.revision })}</span>
          ) : null}
        </p>
        {item.safetyConcern ? (
          <div className="alert alert-error">
            <p className="alert-title">{t('notes.queue.safety')}</p>
            <p className="pre-line">{item.safetyDetail}</p>
          </div>
        ) : null}
        <dl className="details compact">
          <div>
            <dt>{t('notes.fields.goals')}</dt>
            <dd>{formatList(item.goals.map((g) => g.title)) || t('common.notRecorded')}</dd>
          </div>
          <div>
            <dt>{t('notes.queue.work')}</dt>
            <dd>
              {formatList([
                ...item.activities.map((a) => t(`notes.activities.${a}`)),
                ...item.skills.map((s) => t(`notes.skills.${s}`)),
              ]) || t('common.notRecorded')}
            </dd>
          </div>
          <div>
            <dt>{item.kind === 'session' ? t('notes.fields.youthResponse') : t('notes.fields.summary')}</dt>
            <dd className="pre-line">{item.youthResponse}</dd>
          </div>
          {item.plan ? (
            <div>
              <dt>{t('notes.fields.plan')}</dt>
              <dd className="pre-line">{item.plan}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('notes.fields.setting')}</dt>
            <dd>
              {[
                item.setting ? t(`notes.settings.${item.setting}`) : '',
                item.modality ? t(`notes.modalities.${item.modality}`) : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </div>
        </dl>
        <p className="small muted">
          {item.reviewRequired === 'cosign' ? t('notes.queue.needsCosign') : t('notes.queue.needsApproval')}
        </p>
        <ReviewActions
          contactId={item.contactId}
          version={item.version}
          required={item.reviewRequired}
          label={summary}
          onDone={(_next, action) => onDone(action)}
        />
      </article>
    </li>
  );
}

/** Per supervisee: approve every note, co-sign every note, or review a sample. */
function ReviewModes() {
  const { t } = useTranslation();
  const me = useMe();
  const assignments = useAssignments();
  const mine = (assignments.data ?? []).filter((a) => a.supervisorUserId === me.data?.user.id);
  return (
    <section className="card" aria-labelledby="modes-h">
      <h2 id="modes-h">{t('notes.modes.title')}</h2>
      <p className="muted">{t('notes.modes.intro')}</p>
      {assignments.isPending ? (
        <Loading />
      ) : assignments.error ? (
        <QueryError error={assignments.error} retry={() => void assignments.refetch()} />
      ) : mine.length === 0 ? (
        <p>{t('notes.modes.none')}</p>
      ) : (
        <ul className="person-list">
          {mine.map((a) => (
            <li key={a.mentorUserId} className="person">
              <ReviewModeForm assignment={a} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ReviewModeForm({ assignment: a }: { assignment: TSupervisionAssignment }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<string>(a.reviewMode);
  const [percent, setPercent] = useState(String(a.samplePercent));
  const [saved, setSaved] = useState(false);
  const [percentError, setPercentError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (body: { mode: string; samplePercent: number }) =>
      v1<TSupervisionAssignment[]>(`/supervision-assignments/${a.mentorUserId}/review-mode`, { method: 'PUT', body }),
    onSuccess: () => {
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: notesKeys.assignments });
    },
  });
  const id = `mode-${a.mentorUserId}`;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    setSaved(false);
    const n = Number(percent);
    if (mode === 'sample' && !(Number.isInteger(n) && n >= 1 && n <= 100)) {
      setPercentError(t('notes.modes.percentRange'));
      document.getElementById(`${id}-percent`)?.focus();
      return;
    }
    setPercentError(undefined);
    save.mutate({ mode, samplePercent: mode === 'sample' ? n : 100 });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('notes.modes.formLabel', { name: a.mentorName })}>
      <h3>{a.mentorName}</h3>
      <FormError error={save.error} />
      {saved ? <StatusMessage>{t('notes.modes.saved')}</StatusMessage> : null}
      <div className="grid-2">
        <SelectField
          id={`${id}-mode`}
          label={t('notes.modes.mode')}
          value={mode}
          onChange={(v) => {
            setSaved(false);
            setMode(v);
          }}
          options={REVIEW_MODES.map((m) => ({ value: m, label: t(`notes.modes.modes.${m}`) }))}
        />
        {mode === 'sample' ? (
          <TextField
            id={`${id}-percent`}
            label={t('notes.modes.percent')}
            inputMode="numeric"
            value={percent}
            onChange={setPercent}
            maxLength={3}
            error={percentError}
          />
        ) : null}
      </div>
      <button type="submit" className="button secondary" disabled={save.isPending}>
        {save.isPending ? t('common.saving') : t('notes.modes.save')}
      </button>
    </form>
  );
}
