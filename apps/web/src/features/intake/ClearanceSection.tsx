import type { TClearanceStatus } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { TextArea, TextField } from '../../components/fields.tsx';
import { fieldErrors } from '../../errors.ts';
import { formatDate, formatDateTime, todayIso } from '../../format.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { usePermissions } from '../../session.tsx';
import { intakeKeys, useClearance } from './queries.ts';

/**
 * A mentor's clearance to practise (screening and pre-match training done): the latest, who cleared them and when,
 * and a form for staff managers to record a new clearance. The "mentor cleared" gate reads it.
 */
export function ClearanceSection({ userId, isMentor }: { userId: string; isMentor: boolean }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const clearance = useClearance(userId, isMentor);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (!isMentor) return null;
  const canWrite = can('mentor_clearance.write');

  return (
    <section className="card" aria-labelledby="clearance-heading">
      <div className="section-head">
        <h2 id="clearance-heading">{t('intake.clearance.title')}</h2>
        {canWrite && !adding ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setMessage(null);
              setAdding(true);
            }}
          >
            {t('intake.clearance.record')}
          </button>
        ) : null}
      </div>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      {adding ? (
        <ClearanceForm
          userId={userId}
          onDone={(c) => {
            setAdding(false);
            setMessage(t('intake.clearance.saved', { date: formatDate(c.latest?.clearedOn ?? null, 'long') }));
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      {clearance.isPending ? (
        <Loading />
      ) : clearance.error ? (
        <QueryError error={clearance.error} retry={() => void clearance.refetch()} />
      ) : clearance.data.latest ? (
        <p>
          <span className="badge badge-active">
            <span aria-hidden="true">✓ </span>
            {t('intake.clearance.cleared')}
          </span>{' '}
          {t('intake.clearance.latest', {
            date: formatDate(clearance.data.latest.clearedOn, 'long'),
            name: clearance.data.latest.clearedBy?.name ?? t('common.notRecorded'),
          })}
          {clearance.data.latest.note ? <span className="muted"> — {clearance.data.latest.note}</span> : null}
        </p>
      ) : (
        <p>
          <span className="badge badge-danger">
            <span aria-hidden="true">⚠ </span>
            {t('intake.clearance.notCleared')}
          </span>{' '}
          {t('intake.clearance.notClearedBody')}
        </p>
      )}
      {clearance.data && clearance.data.history.length > 1 ? (
        <details className="intake-details">
          <summary>{t('intake.clearance.history', { count: clearance.data.history.length })}</summary>
          <ul>
            {clearance.data.history.map((c) => (
              <li key={c.id}>
                {t('intake.clearance.latest', {
                  date: formatDate(c.clearedOn, 'long'),
                  name: c.clearedBy?.name ?? t('common.notRecorded'),
                })}
                {c.revokedAt ? ` · ${t('intake.clearance.revoked', { date: formatDateTime(c.revokedAt) })}` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function ClearanceForm({
  userId,
  onDone,
  onCancel,
}: {
  userId: string;
  onDone: (c: TClearanceStatus) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [clearedOn, setClearedOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const [id] = useState(newId);
  const idempotency = useIdempotencyKey();
  const p = 'clearance';
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1<TClearanceStatus>(`/staff/${encodeURIComponent(userId)}/clearance`, {
        method: 'POST',
        body,
        idempotencyKey: idempotency.keyFor(body),
      }),
    onSuccess: (c) => {
      queryClient.setQueryData(intakeKeys.clearance(userId), c);
      onDone(c);
    },
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    save.mutate({ id, clearedOn, note: note.trim() || null });
  };
  const errors = fieldErrors({}, save.error);
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label={t('intake.clearance.record')}>
      <FormError
        error={save.error}
        idPrefix={p}
        fieldLabels={{ clearedOn: t('intake.fields.clearedOn'), note: t('intake.fields.clearanceNote') }}
      />
      <TextField
        id={`${p}-clearedOn`}
        type="date"
        label={t('intake.fields.clearedOn')}
        value={clearedOn}
        onChange={setClearedOn}
        required
        max={todayIso()}
        error={errors.clearedOn}
      />
      <TextArea
        id={`${p}-note`}
        label={t('intake.fields.clearanceNote')}
        hint={t('intake.clearance.noteHint')}
        value={note}
        onChange={setNote}
        maxLength={500}
        rows={2}
        error={errors.note}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('intake.clearance.save')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
