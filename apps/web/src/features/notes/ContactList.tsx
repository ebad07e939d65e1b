import type { TContact, TContactSummary } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { v1 } from '../../api.ts';
import { FormError } from '../../components/feedback.tsx';
import { RadioGroup, TextField } from '../../components/fields.tsx';
import { formatDate, todayIso } from '../../format.ts';
import { NoteStatusBadges } from './badges.tsx';
import { timeRange } from './queries.ts';

/** The words on a contact's main link: what the mentor does next with it. */
export const noteActionKey = (c: TContactSummary) => {
  if (c.status === 'cancelled' || c.status === 'no_show') return 'open' as const;
  if (c.noteStatus === 'returned') return 'revise' as const;
  if (c.noteStatus === 'draft' && c.date <= todayIso()) return c.status === 'completed' ? 'continue' : 'document';
  return 'open' as const;
};

/** Contacts as tap-friendly cards, with cancel and no-show for visits still scheduled. */
export function ContactList({
  items,
  canWrite,
  showYouth,
  onChanged,
}: {
  items: TContactSummary[];
  canWrite: boolean;
  showYouth: boolean;
  onChanged: (message: string) => void;
}) {
  return (
    <ul className="cards">
      {items.map((c) => (
        <ContactCard key={c.id} contact={c} canWrite={canWrite} showYouth={showYouth} onChanged={onChanged} />
      ))}
    </ul>
  );
}

function ContactCard({
  contact: c,
  canWrite,
  showYouth,
  onChanged,
}: {
  contact: TContactSummary;
  canWrite: boolean;
  showYouth: boolean;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<null | 'cancel' | 'no-show'>(null);
  const action = noteActionKey(c);
  const when = `${formatDate(c.date, 'long')} ${timeRange(c.startTime, c.endTime)}`;
  const open = c.status === 'scheduled' && c.noteStatus === 'draft';
  return (
    <li className="card tap-card contact-card">
      <p className="card-title">
        <Link to={`/contacts/${c.id}`}>
          {showYouth ? `${c.youthName} · ` : ''}
          {when}
        </Link>
      </p>
      <p className="small">
        {[
          c.kind === 'collateral' && c.collateralWith ? t(`notes.collateralWith.${c.collateralWith}`) : null,
          c.setting ? t(`notes.settings.${c.setting}`) : null,
          c.seriesId ? t('notes.sessions.weekly') : null,
          showYouth ? null : c.mentorName,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <p>
        <NoteStatusBadges contact={c} />
      </p>
      {c.statusReason ? <p className="small muted">{c.statusReason}</p> : null}
      <div className="actions">
        {action !== 'open' ? (
          <Link to={`/contacts/${c.id}`} className="button primary">
            {t(`notes.sessions.actions.${action}`)}
            <span className="visually-hidden"> · {when}</span>
          </Link>
        ) : null}
        {canWrite && open ? (
          <>
            <button
              type="button"
              className="button secondary small"
              aria-expanded={mode === 'cancel'}
              onClick={() => setMode(mode === 'cancel' ? null : 'cancel')}
            >
              {t('notes.sessions.cancel')}
              <span className="visually-hidden"> · {when}</span>
            </button>
            {c.date <= todayIso() ? (
              <button
                type="button"
                className="button secondary small"
                aria-expanded={mode === 'no-show'}
                onClick={() => setMode(mode === 'no-show' ? null : 'no-show')}
              >
                {t('notes.sessions.noShow')}
                <span className="visually-hidden"> · {when}</span>
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      {mode ? (
        <CloseContactForm
          contact={c}
          mode={mode}
          onCancel={() => setMode(null)}
          onDone={(message) => {
            setMode(null);
            onChanged(message);
          }}
        />
      ) : null}
    </li>
  );
}

function CloseContactForm({
  contact: c,
  mode,
  onCancel,
  onDone,
}: {
  contact: TContactSummary;
  mode: 'cancel' | 'no-show';
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [scope, setScope] = useState('occurrence');
  const [error, setError] = useState<string | undefined>();
  const id = `close-${c.id}`;
  const close = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1<TContactSummary[] | TContact>(`/contacts/${c.id}/${mode}`, { method: 'POST', body }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['notes', 'contacts'] });
      void queryClient.invalidateQueries({ queryKey: ['care'] });
      onDone(
        mode === 'no-show'
          ? t('notes.sessions.noShowDone')
          : t('notes.sessions.cancelDone', { count: Array.isArray(result) ? result.length : 1 }),
      );
    },
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!reason.trim()) {
      setError(t('validation.required'));
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setError(undefined);
    close.mutate(
      mode === 'cancel'
        ? { reason: reason.trim(), scope, version: c.version }
        : { reason: reason.trim(), version: c.version },
    );
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label={mode === 'cancel' ? t('notes.sessions.cancelTitle') : t('notes.sessions.noShowTitle')}>
      <FormError error={close.error} />
      {mode === 'cancel' && c.seriesId ? (
        <RadioGroup
          id={`${id}-scope`}
          legend={t('notes.sessions.scope')}
          name={`${id}-scope`}
          value={scope}
          onChange={setScope}
          options={[
            { value: 'occurrence', label: t('notes.sessions.scopeOccurrence') },
            { value: 'series-from-here', label: t('notes.sessions.scopeSeries') },
          ]}
        />
      ) : null}
      <TextField
        id={`${id}-reason`}
        label={t('notes.sessions.reason')}
        value={reason}
        onChange={setReason}
        maxLength={500}
        error={error}
        required
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={close.isPending}>
          {close.isPending
            ? t('common.saving')
            : mode === 'cancel'
              ? t('notes.sessions.cancelSubmit')
              : t('notes.sessions.noShowSubmit')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('notes.sessions.keep')}
        </button>
      </div>
    </form>
  );
}
