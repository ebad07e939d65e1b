import type { TContact } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, v1 } from '../../api.ts';
import { FormError } from '../../components/feedback.tsx';
import { TextArea, TextField } from '../../components/fields.tsx';
import { notesKeys } from './queries.ts';

type Mode = null | 'cosign' | 'return';

/**
 * A supervisor's review of one signed note: one-click approve, co-sign with an attestation and their password, or
 * return with a comment for the mentor.
 */
export function ReviewActions({
  contactId,
  version,
  required,
  onDone,
  label,
}: {
  contactId: string;
  version: number;
  required: 'approve' | 'cosign';
  onDone: (next: TContact, action: 'approve' | 'cosign' | 'return') => void;
  /** Names the note in button labels for screen readers (many notes on one page). */
  label?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const uid = useId().replace(/:/g, '');
  const [mode, setMode] = useState<Mode>(null);
  const [comment, setComment] = useState('');
  const [attestation, setAttestation] = useState(() => t('notes.review.defaultAttestation'));
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const review = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1<TContact>(`/contacts/${contactId}/review`, { method: 'POST', body: { ...body, version } }),
    onSuccess: (next, body) => {
      queryClient.setQueryData(notesKeys.contact(next.id), next);
      void queryClient.invalidateQueries({ queryKey: ['notes', 'review-queue'] });
      void queryClient.invalidateQueries({ queryKey: ['notes', 'contacts'] });
      setPassword('');
      onDone(next, body.action as 'approve' | 'cosign' | 'return');
    },
  });

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: Record<string, string> = {};
    if (mode === 'return' && !comment.trim()) errors.comment = t('notes.review.commentRequired');
    if (mode === 'cosign' && !attestation.trim()) errors.attestation = t('notes.review.attestationRequired');
    if (mode === 'cosign' && !password) errors.password = t('notes.sign.passwordMissing');
    setFieldErrors(errors);
    const first = Object.keys(errors)[0];
    if (first) {
      document.getElementById(`${uid}-${first}`)?.focus();
      return;
    }
    if (mode === 'return') review.mutate({ action: 'return', comment: comment.trim() });
    if (mode === 'cosign') review.mutate({ action: 'cosign', attestation: attestation.trim(), password });
  };

  const suffix = label ? <span className="visually-hidden">: {label}</span> : null;
  const wrongPassword = isApiError(review.error, 'REAUTH_FAILED');
  const licence = isApiError(review.error, 'LICENCE_NOT_CURRENT') || isApiError(review.error, 'LICENCE_REQUIRED');
  return (
    <div className="review-actions">
      {review.error && !wrongPassword ? (
        licence ? (
          <p className="alert alert-error" role="alert">
            {t('notes.review.licence')}
          </p>
        ) : (
          <FormError error={review.error} />
        )
      ) : null}
      <div className="actions">
        <button
          type="button"
          className={`button ${required === 'approve' ? 'primary' : 'secondary'}`}
          disabled={review.isPending}
          onClick={() => {
            setMode(null);
            review.mutate({ action: 'approve' });
          }}
        >
          {t('notes.review.approve')}
          {suffix}
        </button>
        <button
          type="button"
          className={`button ${required === 'cosign' ? 'primary' : 'secondary'}`}
          aria-expanded={mode === 'cosign'}
          onClick={() => {
            review.reset();
            setMode(mode === 'cosign' ? null : 'cosign');
          }}
        >
          {t('notes.review.cosign')}
          {suffix}
        </button>
        <button
          type="button"
          className="button secondary"
          aria-expanded={mode === 'return'}
          onClick={() => {
            review.reset();
            setMode(mode === 'return' ? null : 'return');
          }}
        >
          {t('notes.review.return')}
          {suffix}
        </button>
      </div>
      {mode ? (
        <form className="subform" onSubmit={submit} noValidate>
          {mode === 'return' ? (
            <TextArea
              id={`${uid}-comment`}
              label={t('notes.review.comment')}
              hint={t('notes.review.commentHint')}
              value={comment}
              onChange={setComment}
              rows={3}
              maxLength={2000}
              error={fieldErrors.comment}
              required
            />
          ) : (
            <>
              <TextArea
                id={`${uid}-attestation`}
                label={t('notes.review.attestation')}
                value={attestation}
                onChange={setAttestation}
                rows={3}
                maxLength={1000}
                error={fieldErrors.attestation}
                required
              />
              <TextField
                id={`${uid}-password`}
                type="password"
                label={t('notes.sign.password')}
                value={password}
                onChange={setPassword}
                autoComplete="current-password"
                error={fieldErrors.password ?? (wrongPassword ? t('notes.sign.wrongPassword') : undefined)}
                required
              />
            </>
          )}
          <div className="actions">
            <button type="submit" className="button primary" disabled={review.isPending}>
              {review.isPending
                ? t('common.saving')
                : mode === 'return'
                  ? t('notes.review.returnSubmit')
                  : t('notes.review.cosignSubmit')}
            </button>
            <button type="button" className="button secondary" onClick={() => setMode(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
