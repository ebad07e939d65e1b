import { HUB_CONTACT_MODES, ZCreateHubContact } from '@mentorbridge/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, v1 } from '../../api.ts';
import { Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { Checkbox, Fieldset, SelectField, TextArea, TextField } from '../../components/fields.tsx';
import { fieldErrors, zodFieldErrors } from '../../errors.ts';
import { formatDate, formatNumber, todayIso } from '../../format.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { CareFormError } from './MatchForms.tsx';
import { useHubContacts, useRefreshCare, useYouthGoals } from './queries.ts';

/** Contacts with the youth's hub (R-1.21–1.22): date, mode, participants, summary, goals discussed, duration. */
export function HubContactsSection({ youthId, canWrite }: { youthId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const contacts = useHubContacts(youthId);
  const goals = useYouthGoals(youthId);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (isApiError(contacts.error, 'FORBIDDEN')) return null;
  const goalTitle = new Map((goals.data?.items ?? []).map((g) => [g.id, g.title]));
  return (
    <section className="card" aria-labelledby="hub-contacts-heading" id="hub-contacts">
      <div className="section-head">
        <h2 id="hub-contacts-heading">{t('care.hub.title')}</h2>
        {canWrite && !adding ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setMessage(null);
              setAdding(true);
            }}
          >
            {t('care.hub.add')}
          </button>
        ) : null}
      </div>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      {adding ? (
        <HubContactForm
          youthId={youthId}
          goals={(goals.data?.items ?? []).filter((g) => g.status === 'active')}
          onDone={() => {
            setAdding(false);
            setMessage(t('care.hub.added'));
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      {contacts.isPending ? (
        <Loading />
      ) : contacts.error ? (
        <QueryError error={contacts.error} retry={() => void contacts.refetch()} />
      ) : contacts.data.length === 0 ? (
        <p>{t('care.hub.none')}</p>
      ) : (
        <ul className="person-list">
          {contacts.data.map((h) => (
            <li key={h.id} className="person">
              <h3>
                {formatDate(h.contactOn)} · {t(`care.hubMode.${h.mode}`)}
              </h3>
              <p>{h.summary}</p>
              <dl className="details compact">
                {h.participants ? (
                  <div>
                    <dt>{t('care.hub.participants')}</dt>
                    <dd>{h.participants}</dd>
                  </div>
                ) : null}
                {h.durationMinutes ? (
                  <div>
                    <dt>{t('care.hub.duration')}</dt>
                    <dd>{t('care.hub.minutes', { count: h.durationMinutes, formatted: formatNumber(h.durationMinutes) })}</dd>
                  </div>
                ) : null}
                {h.goalIds.length ? (
                  <div>
                    <dt>{t('care.hub.goals')}</dt>
                    <dd>
                      <ul className="plain">
                        {h.goalIds.map((id) => (
                          <li key={id}>{goalTitle.get(id) ?? t('care.hub.goalHidden')}</li>
                        ))}
                      </ul>
                    </dd>
                  </div>
                ) : null}
                {h.loggedByName ? (
                  <div>
                    <dt>{t('care.hub.loggedBy')}</dt>
                    <dd>{h.loggedByName}</dd>
                  </div>
                ) : null}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function HubContactForm({
  youthId,
  goals,
  onDone,
  onCancel,
}: {
  youthId: string;
  goals: { id: string; title: string }[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshCare();
  const prefix = 'hub-contact-new';
  const [values, setValues] = useState({
    contactOn: todayIso(),
    mode: '',
    participants: '',
    summary: '',
    goalIds: [] as string[],
    durationMinutes: '',
  });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [recordId] = useState(newId);
  const idempotency = useIdempotencyKey();
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1(`/youth/${youthId}/hub-contacts`, { method: 'POST', body, idempotencyKey: idempotency.keyFor(body) }),
    onSuccess: () => {
      void refresh();
      onDone();
    },
  });
  const labels = {
    contactOn: t('care.hub.contactOn'),
    mode: t('care.hub.mode'),
    participants: t('care.hub.participants'),
    summary: t('care.hub.summary'),
    goalIds: t('care.hub.goals'),
    durationMinutes: t('care.hub.duration'),
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const body = {
      id: recordId,
      contactOn: values.contactOn,
      mode: values.mode,
      participants: values.participants.trim() || null,
      summary: values.summary.trim(),
      goalIds: values.goalIds,
      durationMinutes: values.durationMinutes ? Number(values.durationMinutes) : null,
    };
    const parsed = ZCreateHubContact.safeParse(body);
    const errors = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    setClientErrors(errors);
    if (Object.keys(errors).length) {
      document.getElementById(`${prefix}-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    save.mutate(body);
  };
  const errors = fieldErrors(clientErrors, save.error);
  return (
    <form className="subform" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{t('care.hub.addTitle')}</h3>
      <CareFormError error={save.error} labels={labels} idPrefix={prefix} />
      <div className="grid-2">
        <TextField
          id={`${prefix}-contactOn`}
          type="date"
          label={labels.contactOn}
          value={values.contactOn}
          max={todayIso()}
          onChange={(v) => setValues((s) => ({ ...s, contactOn: v }))}
          required
          error={errors.contactOn}
        />
        <SelectField
          id={`${prefix}-mode`}
          label={labels.mode}
          value={values.mode}
          onChange={(v) => setValues((s) => ({ ...s, mode: v }))}
          emptyLabel={t('common.choose')}
          options={HUB_CONTACT_MODES.map((m) => ({ value: m, label: t(`care.hubMode.${m}`) }))}
          required
          error={errors.mode}
        />
        <TextField
          id={`${prefix}-participants`}
          label={labels.participants}
          hint={t('care.hub.participantsHint')}
          value={values.participants}
          onChange={(v) => setValues((s) => ({ ...s, participants: v }))}
          maxLength={500}
          error={errors.participants}
        />
        <TextField
          id={`${prefix}-durationMinutes`}
          type="number"
          inputMode="numeric"
          min={1}
          max={600}
          label={labels.durationMinutes}
          value={values.durationMinutes}
          onChange={(v) => setValues((s) => ({ ...s, durationMinutes: v }))}
          error={errors.durationMinutes}
        />
      </div>
      <TextArea
        id={`${prefix}-summary`}
        label={labels.summary}
        hint={t('care.hub.summaryHint')}
        value={values.summary}
        onChange={(v) => setValues((s) => ({ ...s, summary: v }))}
        required
        maxLength={4000}
        error={errors.summary}
      />
      {goals.length ? (
        <Fieldset id={`${prefix}-goalIds`} legend={labels.goalIds} error={errors.goalIds}>
          {goals.map((g) => (
            <Checkbox
              key={g.id}
              id={`${prefix}-goal-${g.id}`}
              label={g.title}
              checked={values.goalIds.includes(g.id)}
              onChange={(on) =>
                setValues((s) => ({
                  ...s,
                  goalIds: on ? [...s.goalIds, g.id] : s.goalIds.filter((x) => x !== g.id),
                }))}
            />
          ))}
        </Fieldset>
      ) : null}
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('care.hub.save')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
