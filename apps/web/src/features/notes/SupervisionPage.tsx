import { SUPERVISION_FORMATS, type TSupervisionSession, type TYouthSummary } from '@mentorbridge/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type Page, v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { Checkbox, Fieldset, RadioGroup, TextArea, TextField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDate, formatDateTime, formatList, todayIso } from '../../format.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { useMe, usePermissions } from '../../session.tsx';
import { displayName } from '../youth/queries.ts';
import { useAssignments, useCompliance, useSupervisionSessions } from './queries.ts';

/** Supervision: cadence per mentor, recording a session, and signing it with the supervisor's credentials. */
export function SupervisionPage() {
  const { t } = useTranslation();
  usePageTitle(t('notes.supervision.title'));
  const { can } = usePermissions();
  const [message, setMessage] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  return (
    <>
      <div className="page-head">
        <h1>{t('notes.supervision.title')}</h1>
        {can('supervision.write') && !adding ? (
          <button
            type="button"
            className="button primary"
            onClick={() => {
              setMessage(null);
              setAdding(true);
            }}
          >
            {t('notes.supervision.record')}
          </button>
        ) : null}
      </div>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      {adding ? (
        <NewSessionForm
          onDone={() => {
            setAdding(false);
            setMessage(t('notes.supervision.recorded'));
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      <Compliance />
      <Sessions />
    </>
  );
}

function Compliance() {
  const { t } = useTranslation();
  const rows = useCompliance();
  return (
    <section className="card" aria-labelledby="compliance-h">
      <h2 id="compliance-h">{t('notes.supervision.compliance')}</h2>
      {rows.isPending ? (
        <Loading />
      ) : rows.error ? (
        <QueryError error={rows.error} retry={() => void rows.refetch()} />
      ) : rows.data.length === 0 ? (
        <p>{t('notes.supervision.noMentors')}</p>
      ) : (
        <ScrollTable labelledBy="compliance-h">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('notes.supervision.mentor')}</th>
                <th scope="col">{t('notes.supervision.last')}</th>
                <th scope="col">{t('notes.supervision.minutes')}</th>
                <th scope="col">{t('notes.supervision.due')}</th>
                <th scope="col">{t('notes.supervision.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.data.map((r) => (
                <tr key={r.mentorUserId}>
                  <th scope="row">
                    {r.mentorName}
                    <span className="block small muted">
                      {formatList(r.supervisors.map((s) => s.name)) || t('notes.supervision.noSupervisor')}
                    </span>
                  </th>
                  <td>{r.lastSessionOn ? formatDate(r.lastSessionOn) : t('notes.supervision.never')}</td>
                  <td className="nowrap">
                    {r.intervalDays
                      ? t('notes.supervision.minutesOf', {
                          minutes: r.minutesInWindow,
                          min: r.minMinutes,
                          days: r.intervalDays,
                        })
                      : t('notes.supervision.noCadence')}
                  </td>
                  <td>{r.dueOn ? formatDate(r.dueOn) : '—'}</td>
                  <td>
                    {r.overdue ? (
                      <span className="badge badge-danger">
                        <span aria-hidden="true">⚠ </span>
                        {t('notes.supervision.overdue')}
                      </span>
                    ) : !r.minutesMet ? (
                      <span className="badge badge-warning">{t('notes.supervision.short')}</span>
                    ) : (
                      <span className="badge badge-active">{t('notes.supervision.onTrack')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}

function Sessions() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const sessions = useSupervisionSessions(page);
  const me = useMe();
  return (
    <section className="card" aria-labelledby="sessions-h">
      <h2 id="sessions-h">{t('notes.supervision.sessions')}</h2>
      {sessions.isPending ? (
        <Loading />
      ) : sessions.error ? (
        <QueryError error={sessions.error} retry={() => void sessions.refetch()} />
      ) : sessions.data.items.length === 0 ? (
        <p>{t('notes.supervision.noSessions')}</p>
      ) : (
        <>
          <ul className="person-list">
            {sessions.data.items.map((s) => (
              <li key={s.id} className="person">
                <SessionItem session={s} mine={s.supervisorUserId === me.data?.user.id} />
              </li>
            ))}
          </ul>
          <Pagination
            page={sessions.data.page}
            pageSize={sessions.data.pageSize}
            total={sessions.data.total}
            onPage={setPage}
            label={t('notes.supervision.pages')}
          />
        </>
      )}
    </section>
  );
}

function SessionItem({ session: s, mine }: { session: TSupervisionSession; mine: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const sign = useMutation({
    mutationFn: () =>
      v1<TSupervisionSession>(`/supervision-sessions/${s.id}/sign`, {
        method: 'POST',
        body: { password, version: s.version },
      }),
    onSuccess: () => {
      setPassword('');
      void queryClient.invalidateQueries({ queryKey: ['notes', 'supervision-sessions'] });
      void queryClient.invalidateQueries({ queryKey: ['notes', 'compliance'] });
    },
  });
  const id = `session-${s.id}`;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    setMissing(!password);
    if (!password) {
      document.getElementById(`${id}-password`)?.focus();
      return;
    }
    sign.mutate();
  };
  const licence = isApiError(sign.error, 'LICENCE_NOT_CURRENT') || isApiError(sign.error, 'LICENCE_REQUIRED');
  return (
    <article aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        {formatDate(s.date, 'long')} · {t(`notes.supervision.formats.${s.format}`)}
        {s.remote ? ` · ${t('notes.supervision.remote')}` : ''}
      </h3>
      <p className="identity-line">
        {s.signedAt ? (
          <span className="badge badge-active">{t('notes.supervision.signed')}</span>
        ) : (
          <span className="badge badge-warning">{t('notes.supervision.unsigned')}</span>
        )}
        <span>{t('notes.supervision.minutesLong', { count: s.minutes })}</span>
      </p>
      <dl className="details compact">
        <div>
          <dt>{t('notes.supervision.supervisor')}</dt>
          <dd>{s.supervisorName}</dd>
        </div>
        <div>
          <dt>{t('notes.supervision.supervisees')}</dt>
          <dd>{formatList(s.supervisees.map((x) => x.name))}</dd>
        </div>
        <div>
          <dt>{t('notes.supervision.topics')}</dt>
          <dd className="pre-line">{s.topics}</dd>
        </div>
        {s.youthDiscussed.length ? (
          <div>
            <dt>{t('notes.supervision.youthDiscussed')}</dt>
            <dd>
              {formatList(s.youthDiscussed.map((y) => y.name ?? t('notes.supervision.youthOutOfReach')))}
            </dd>
          </div>
        ) : null}
        {s.actions ? (
          <div>
            <dt>{t('notes.supervision.actions')}</dt>
            <dd className="pre-line">{s.actions}</dd>
          </div>
        ) : null}
        {s.signedAt ? (
          <div>
            <dt>{t('notes.supervision.signature')}</dt>
            <dd>
              {t('notes.supervision.signatureLine', {
                name: s.supervisorName,
                at: formatDateTime(s.signedAt),
                credentials: s.signatureCredentials ?? '',
              })}
            </dd>
          </div>
        ) : null}
      </dl>
      {!s.signedAt && mine ? (
        <form className="subform" onSubmit={submit} noValidate aria-label={t('notes.supervision.signLabel')}>
          {licence ? (
            <p className="alert alert-error" role="alert">
              {t('notes.review.licence')}
            </p>
          ) : isApiError(sign.error, 'REAUTH_FAILED') ? null : (
            <FormError error={sign.error} />
          )}
          <TextField
            id={`${id}-password`}
            type="password"
            label={t('notes.sign.password')}
            hint={t('notes.supervision.signHint')}
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
            error={
              missing
                ? t('notes.sign.passwordMissing')
                : isApiError(sign.error, 'REAUTH_FAILED')
                  ? t('notes.sign.wrongPassword')
                  : undefined
            }
          />
          <button type="submit" className="button primary" disabled={sign.isPending}>
            {sign.isPending ? t('notes.sign.signing') : t('notes.supervision.sign')}
          </button>
        </form>
      ) : null}
    </article>
  );
}

type SessionValues = {
  superviseeUserIds: string[];
  date: string;
  minutes: string;
  format: string;
  remote: boolean;
  topics: string;
  youthDiscussed: string[];
  actions: string;
};

function NewSessionForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe();
  const assignments = useAssignments();
  const youth = useQuery({
    queryKey: ['notes', 'supervision-youth'],
    queryFn: ({ signal }) => v1<Page<TYouthSummary>>('/youth', { query: { pageSize: 100, status: 'active' }, signal }),
  });
  const [values, setValues] = useState<SessionValues>({
    superviseeUserIds: [],
    date: todayIso(),
    minutes: '60',
    format: 'individual',
    remote: false,
    topics: '',
    youthDiscussed: [],
    actions: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [recordId] = useState(newId);
  const idempotency = useIdempotencyKey();
  const set = <K extends keyof SessionValues>(k: K, v: SessionValues[K]) => setValues((s) => ({ ...s, [k]: v }));
  const toggle = (k: 'superviseeUserIds' | 'youthDiscussed', v: string) =>
    set(k, values[k].includes(v) ? values[k].filter((x) => x !== v) : [...values[k], v]);
  const supervisees = (assignments.data ?? []).filter((a) => a.supervisorUserId === me.data?.user.id);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1('/supervision-sessions', { method: 'POST', body, idempotencyKey: idempotency.keyFor(body) }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['notes', 'supervision-sessions'] });
      onDone();
    },
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (!values.superviseeUserIds.length) e.superviseeUserIds = t('notes.supervision.chooseSupervisee');
    if (!values.date) e.date = t('validation.date');
    else if (values.date > todayIso()) e.date = t('validation.dateInFuture');
    const minutes = Number(values.minutes);
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 600) e.minutes = t('notes.supervision.minutesRange');
    if (!values.topics.trim()) e.topics = t('validation.required');
    setErrors(e);
    const first = Object.keys(e)[0];
    if (first) {
      document.getElementById(`sup-${first}`)?.focus();
      return;
    }
    save.mutate({
      id: recordId,
      superviseeUserIds: values.superviseeUserIds,
      date: values.date,
      minutes,
      format: values.format,
      remote: values.remote,
      topics: values.topics.trim(),
      youthDiscussed: values.youthDiscussed,
      actions: values.actions.trim() || null,
    });
  };
  const labels = {
    superviseeUserIds: t('notes.supervision.supervisees'),
    date: t('notes.fields.date'),
    minutes: t('notes.supervision.minutesField'),
    topics: t('notes.supervision.topics'),
    youthDiscussed: t('notes.supervision.youthDiscussed'),
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="sup-new-h">
      <h2 id="sup-new-h">{t('notes.supervision.newTitle')}</h2>
      <FormError error={save.error} fieldLabels={labels} idPrefix="sup" />
      <Fieldset id="sup-superviseeUserIds" legend={labels.superviseeUserIds} error={errors.superviseeUserIds}>
        {supervisees.length === 0 ? <p className="muted">{t('notes.modes.none')}</p> : null}
        {supervisees.map((a) => (
          <Checkbox
            key={a.mentorUserId}
            id={`sup-mentor-${a.mentorUserId}`}
            label={a.mentorName}
            checked={values.superviseeUserIds.includes(a.mentorUserId)}
            onChange={() => toggle('superviseeUserIds', a.mentorUserId)}
          />
        ))}
      </Fieldset>
      <div className="grid-2">
        <TextField
          id="sup-date"
          type="date"
          label={labels.date}
          value={values.date}
          onChange={(v) => set('date', v)}
          max={todayIso()}
          error={errors.date}
          required
        />
        <TextField
          id="sup-minutes"
          label={labels.minutes}
          inputMode="numeric"
          value={values.minutes}
          onChange={(v) => set('minutes', v)}
          maxLength={3}
          error={errors.minutes}
          required
        />
      </div>
      <RadioGroup
        id="sup-format"
        legend={t('notes.supervision.format')}
        name="sup-format"
        value={values.format}
        onChange={(v) => set('format', v)}
        options={SUPERVISION_FORMATS.map((f) => ({ value: f, label: t(`notes.supervision.formats.${f}`) }))}
      />
      <Checkbox
        id="sup-remote"
        label={t('notes.supervision.remoteField')}
        checked={values.remote}
        onChange={(v) => set('remote', v)}
      />
      <TextArea
        id="sup-topics"
        label={labels.topics}
        hint={t('notes.supervision.topicsHint')}
        value={values.topics}
        onChange={(v) => set('topics', v)}
        rows={3}
        maxLength={4000}
        error={errors.topics}
        required
      />
      <Fieldset id="sup-youthDiscussed" legend={labels.youthDiscussed} error={errors.youthDiscussed}>
        {youth.isPending ? <Loading /> : null}
        <div className="columns">
          {(youth.data?.items ?? []).map((y) => (
            <Checkbox
              key={y.id}
              id={`sup-youth-${y.id}`}
              label={displayName(y)}
              checked={values.youthDiscussed.includes(y.id)}
              onChange={() => toggle('youthDiscussed', y.id)}
            />
          ))}
        </div>
      </Fieldset>
      <TextArea
        id="sup-actions"
        label={t('notes.supervision.actions')}
        value={values.actions}
        onChange={(v) => set('actions', v)}
        rows={2}
        maxLength={4000}
      />
      <p className="hint">{t('notes.supervision.signLater')}</p>
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('notes.supervision.save')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
