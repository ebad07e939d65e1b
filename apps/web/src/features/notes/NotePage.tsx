import type { TContact } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError, v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { TextArea } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { formatDate, formatDateTime, formatList, todayIso } from '../../format.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { NoteStatusBadges } from './badges.tsx';
import { NoteForm } from './NoteForm.tsx';
import { notesKeys, timeRange, useContact } from './queries.ts';
import { ReviewActions } from './ReviewActions.tsx';

/** One contact: the note form while the mentor writes it, otherwise the signed note with its whole history. */
export function NotePage() {
  const { contactId = '' } = useParams();
  const { t } = useTranslation();
  const contact = useContact(contactId);
  const [justSigned, setJustSigned] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const title = contact.data
    ? t('notes.page.title', { name: contact.data.youthName, date: formatDate(contact.data.date) })
    : t('notes.page.loadingTitle');
  usePageTitle(title);

  // A copy cached earlier in the session is not shown (nor edited) until the current note has been fetched.
  if (contact.isPending || (contact.isFetching && !contact.isFetchedAfterMount)) return <Loading />;
  if (contact.error) {
    return (
      <>
        <h1>{t('notes.page.loadingTitle')}</h1>
        {isApiError(contact.error, 'NOT_FOUND') ? (
          <p>{t('notes.page.notFound')}</p>
        ) : (
          <QueryError error={contact.error} retry={() => void contact.refetch()} />
        )}
      </>
    );
  }
  const c = contact.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/youth/${c.youthId}`}>{t('notes.page.backToYouth', { name: c.youthName })}</Link>
        {' · '}
        <Link to="/schedule">{t('notes.page.backToSchedule')}</Link>
      </p>
      <div className="card note-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {c.kind === 'collateral'
            ? t('notes.page.collateralHeading', { name: c.youthName })
            : t('notes.page.sessionHeading', { name: c.youthName })}
        </h1>
        <p className="identity-line">
          <span>
            {formatDate(c.date, 'long')} {timeRange(c.startTime, c.endTime)}
          </span>
          <NoteStatusBadges contact={c} />
        </p>
        <p className="muted small">{t('notes.page.mentor', { name: c.mentorName })}</p>
      </div>
      {justSigned ? <StatusMessage>{t('notes.page.signedMessage')}</StatusMessage> : null}
      {c.can.editNote && c.status === 'scheduled' && c.date > todayIso() ? (
        <section className="card" aria-labelledby="note-future-h">
          <h2 id="note-future-h">{t('notes.page.futureTitle')}</h2>
          <p>{t('notes.page.futureBody', { date: formatDate(c.date, 'long') })}</p>
        </section>
      ) : c.can.editNote ? (
        <NoteForm
          key={c.id}
          contact={c}
          onSigned={() => {
            setJustSigned(true);
            headingRef.current?.focus();
          }}
        />
      ) : (
        <NoteView contact={c} />
      )}
      {c.can.review ? (
        <section className="card" aria-labelledby="note-review-h">
          <h2 id="note-review-h">{t('notes.review.title')}</h2>
          <ReviewActions
            contactId={c.id}
            version={c.version}
            required={c.reviewRequired ?? 'approve'}
            onDone={() => headingRef.current?.focus()}
          />
        </section>
      ) : null}
      <NoteHistory contact={c} />
      <Addenda contact={c} />
    </>
  );
}

/** The note as written (read-only): for signed notes, and for staff who may see but not write a draft. */
function NoteView({ contact: c }: { contact: TContact }) {
  const { t } = useTranslation();
  const goals = c.goalOptions.filter((g) => c.goalIds.includes(g.id));
  const rows: [string, string][] = [
    [t('notes.fields.setting'), c.setting ? t(`notes.settings.${c.setting}`) : ''],
    [t('notes.fields.modality'), c.modality ? t(`notes.modalities.${c.modality}`) : ''],
    ...(c.kind === 'collateral'
      ? ([[t('notes.fields.collateralWith'), c.collateralWith ? t(`notes.collateralWith.${c.collateralWith}`) : '']] as [
          string,
          string,
        ][])
      : []),
    [t('notes.fields.participants'), c.participants ?? ''],
    [t('notes.fields.goals'), formatList(goals.map((g) => g.title))],
    [t('notes.fields.activities'), formatList(c.activities.map((a) => t(`notes.activities.${a}`)))],
    [t('notes.fields.skills'), formatList(c.skills.map((s) => t(`notes.skills.${s}`)))],
    [c.kind === 'session' ? t('notes.fields.youthResponse') : t('notes.fields.summary'), c.youthResponse ?? ''],
    [t('notes.fields.plan'), c.plan ?? ''],
    [
      t('notes.fields.safetyConcern'),
      c.safetyConcern == null ? '' : c.safetyConcern ? t('common.yes') : t('common.no'),
    ],
    ...(c.safetyConcern ? ([[t('notes.fields.safetyDetail'), c.safetyDetail ?? '']] as [string, string][]) : []),
    [t('notes.fields.mileage'), c.mileage == null ? '' : String(c.mileage)],
  ];
  return (
    <section className="card" aria-labelledby="note-view-h">
      <h2 id="note-view-h">{t('notes.page.noteHeading')}</h2>
      {c.noteStatus === 'draft' || c.noteStatus === 'returned' ? (
        <p className="alert alert-info">{t('notes.page.draftReadOnly', { name: c.mentorName })}</p>
      ) : null}
      {c.status === 'cancelled' || c.status === 'no_show' ? (
        <p className="alert alert-info">
          {t(`notes.contactStatus.${c.status}`)}
          {c.statusReason ? `: ${c.statusReason}` : ''}
        </p>
      ) : null}
      <dl className="details note-details">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className="pre-line">{value || <span className="muted">{t('common.notRecorded')}</span>}</dd>
          </div>
        ))}
      </dl>
      {c.signedAt ? (
        <dl className="details compact signature">
          <div>
            <dt>{t('notes.page.signedBy')}</dt>
            <dd>{t('notes.page.signedLine', { name: c.signedByName ?? '', at: formatDateTime(c.signedAt) })}</dd>
          </div>
          <div>
            <dt>{t('notes.page.billing')}</dt>
            <dd>
              {c.billable
                ? t('notes.page.billableUnits', { count: c.billingUnits })
                : c.kind === 'collateral'
                  ? t('notes.page.notBillableCollateral')
                  : t('notes.page.notBillable')}
            </dd>
          </div>
        </dl>
      ) : null}
    </section>
  );
}

/** Every signed revision and every review, oldest first: the history a return leaves behind. */
function NoteHistory({ contact: c }: { contact: TContact }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  if (!c.revisions.length && !c.reviews.length) return null;
  type Entry = { at: string; key: string; node: ReactNode };
  const entries: Entry[] = [
    ...c.revisions.map((r) => ({
      at: r.signedAt,
      key: `rev-${r.revision}`,
      node: (
        <>
          <p>
            <strong>{t('notes.history.signed', { revision: r.revision, name: r.signedByName })}</strong>{' '}
            <span className="muted">{formatDateTime(r.signedAt)}</span>
          </p>
          {c.revisions.length > 1 ? (
            <button
              type="button"
              className="button link small"
              aria-expanded={open === r.revision}
              onClick={() => setOpen(open === r.revision ? null : r.revision)}
            >
              {open === r.revision ? t('notes.history.hide') : t('notes.history.show', { revision: r.revision })}
            </button>
          ) : null}
          {open === r.revision ? <RevisionContent content={r.content} /> : null}
        </>
      ),
    })),
    ...c.reviews.map((r) => ({
      at: r.createdAt,
      key: r.id,
      node: (
        <>
          <p>
            <strong>{t(`notes.history.${r.action}`, { revision: r.revision, name: r.reviewerName })}</strong>{' '}
            <span className="muted">{formatDateTime(r.createdAt)}</span>
          </p>
          {r.comment ? <blockquote className="comment">{r.comment}</blockquote> : null}
          {r.attestation ? (
            <p className="small">
              {t('notes.history.attestation')}: {r.attestation}
            </p>
          ) : null}
          {r.credentials ? (
            <p className="small">
              {t('notes.history.credentials')}: {r.credentials}
            </p>
          ) : null}
        </>
      ),
    })),
  ].sort((a, b) => (a.at < b.at ? -1 : 1));
  return (
    <section className="card" aria-labelledby="note-history-h">
      <h2 id="note-history-h">{t('notes.history.title')}</h2>
      <ol className="history">
        {entries.map((e) => (
          <li key={e.key}>{e.node}</li>
        ))}
      </ol>
    </section>
  );
}

function RevisionContent({ content }: { content: Record<string, unknown> }) {
  const { t } = useTranslation();
  const str = (k: string) => (typeof content[k] === 'string' ? (content[k] as string) : '');
  return (
    <dl className="details compact revision">
      <div>
        <dt>{t('notes.fields.youthResponse')}</dt>
        <dd className="pre-line">{str('youthResponse')}</dd>
      </div>
      <div>
        <dt>{t('notes.fields.plan')}</dt>
        <dd className="pre-line">{str('plan')}</dd>
      </div>
      <div>
        <dt>{t('notes.fields.participants')}</dt>
        <dd>{str('participants')}</dd>
      </div>
    </dl>
  );
}

function Addenda({ contact: c }: { contact: TContact }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState('');
  const [recordId, setRecordId] = useState(newId);
  const [error, setError] = useState<string | undefined>();
  const idempotency = useIdempotencyKey();
  const add = useMutation({
    mutationFn: (body: { id: string; text: string }) =>
      v1(`/contacts/${c.id}/addenda`, { method: 'POST', body, idempotencyKey: idempotency.keyFor(body) }),
    onSuccess: () => {
      setValue('');
      setRecordId(newId());
      void queryClient.invalidateQueries({ queryKey: notesKeys.contact(c.id) });
    },
  });
  if (!c.addenda.length && !c.can.addendum) return null;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!value.trim()) {
      setError(t('validation.required'));
      document.getElementById('addendum-text')?.focus();
      return;
    }
    setError(undefined);
    add.mutate({ id: recordId, text: value.trim() });
  };
  return (
    <section className="card" aria-labelledby="addenda-h">
      <h2 id="addenda-h">{t('notes.addenda.title')}</h2>
      {c.addenda.length === 0 ? (
        <p className="muted">{t('notes.addenda.none')}</p>
      ) : (
        <ol className="history">
          {c.addenda.map((a) => (
            <li key={a.id}>
              <p>
                <strong>{a.authorName}</strong> <span className="muted">{formatDateTime(a.createdAt)}</span>
              </p>
              <p className="pre-line">{a.text}</p>
            </li>
          ))}
        </ol>
      )}
      {c.can.addendum ? (
        <form onSubmit={submit} noValidate className="subform">
          <FormError error={add.error} />
          <TextArea
            id="addendum-text"
            label={t('notes.addenda.add')}
            hint={t('notes.addenda.hint')}
            value={value}
            onChange={setValue}
            rows={3}
            maxLength={4000}
            error={error}
            required
          />
          <button type="submit" className="button primary" disabled={add.isPending}>
            {add.isPending ? t('common.saving') : t('notes.addenda.submit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
