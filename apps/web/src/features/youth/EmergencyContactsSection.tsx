import { type TEmergencyContact, ZCreateEmergencyContact, ZUpdateEmergencyContact } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { TextArea, TextField } from '../../components/fields.tsx';
import { errorText, fieldErrors, zodFieldErrors } from '../../errors.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { useEmergencyContacts, youthKeys } from './queries.ts';

type Values = { name: string; relationship: string; phone: string; notes: string };

export function EmergencyContactsSection({ youthId, canEdit }: { youthId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const contacts = useEmergencyContacts(youthId);
  const [mode, setMode] = useState<{ kind: 'add' } | { kind: 'edit'; id: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: youthKeys.contacts(youthId) });

  const remove = useMutation({
    mutationFn: (id: string) => v1<void>(`/youth/${youthId}/emergency-contacts/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      setConfirming(null);
      setMessage(t('contacts.removed'));
      void refresh();
    },
  });

  const done = (text: string) => {
    setMode(null);
    setMessage(text);
    void refresh();
  };

  return (
    <section className="card" aria-labelledby="contacts-heading">
      <div className="section-head">
        <h2 id="contacts-heading">{t('contacts.title')}</h2>
        {canEdit && mode?.kind !== 'add' ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setMessage(null);
              setMode({ kind: 'add' });
            }}
          >
            {t('contacts.add')}
          </button>
        ) : null}
      </div>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      {mode?.kind === 'add' ? <ContactForm youthId={youthId} onDone={done} onCancel={() => setMode(null)} /> : null}
      {contacts.isPending ? (
        <Loading />
      ) : contacts.error ? (
        <QueryError error={contacts.error} retry={() => void contacts.refetch()} />
      ) : contacts.data.length === 0 ? (
        <p>{t('contacts.none')}</p>
      ) : (
        <ul className="person-list">
          {contacts.data.map((c) => (
            <li key={c.id} className="person">
              {mode?.kind === 'edit' && mode.id === c.id ? (
                <ContactForm youthId={youthId} contact={c} onDone={done} onCancel={() => setMode(null)} />
              ) : (
                <>
                  <h3>{c.name}</h3>
                  <dl className="details compact">
                    <div>
                      <dt>{t('contacts.fields.relationship')}</dt>
                      <dd>{c.relationship}</dd>
                    </div>
                    <div>
                      <dt>{t('contacts.fields.phone')}</dt>
                      <dd>
                        <a href={`tel:${c.phone}`}>{c.phone}</a>
                      </dd>
                    </div>
                    {c.notes ? (
                      <div>
                        <dt>{t('contacts.fields.notes')}</dt>
                        <dd>{c.notes}</dd>
                      </div>
                    ) : null}
                  </dl>
                  {canEdit ? (
                    confirming === c.id ? (
                      <div className="confirm">
                        <p>{t('contacts.confirmRemove', { name: c.name })}</p>
                        {remove.error ? (
                          <p className="field-error" role="alert">
                            {errorText(t, remove.error)}
                          </p>
                        ) : null}
                        <div className="actions">
                          <button
                            type="button"
                            className="button danger"
                            disabled={remove.isPending}
                            onClick={() => remove.mutate(c.id)}
                          >
                            {t('common.remove')}
                          </button>
                          <button
                            type="button"
                            className="button secondary"
                            onClick={() => {
                              remove.reset();
                              setConfirming(null);
                            }}
                          >
                            {t('common.cancel')}
                          </button>
                        </div>
                      </div>
                    ) : (
                      <div className="actions">
                        <button
                          type="button"
                          className="button secondary small"
                          onClick={() => {
                            setMessage(null);
                            setMode({ kind: 'edit', id: c.id });
                          }}
                        >
                          {t('common.edit')}
                          <span className="visually-hidden"> {c.name}</span>
                        </button>
                        <button
                          type="button"
                          className="button secondary small"
                          onClick={() => {
                            setMessage(null);
                            setConfirming(c.id);
                          }}
                        >
                          {t('common.remove')}
                          <span className="visually-hidden"> {c.name}</span>
                        </button>
                      </div>
                    )
                  ) : null}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ContactForm({
  youthId,
  contact,
  onDone,
  onCancel,
}: {
  youthId: string;
  contact?: TEmergencyContact;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>({
    name: contact?.name ?? '',
    relationship: contact?.relationship ?? '',
    phone: contact?.phone ?? '',
    notes: contact?.notes ?? '',
  });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [recordId] = useState(newId);
  const idempotency = useIdempotencyKey();
  const prefix = contact ? `contact-${contact.id}` : 'contact-new';
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((s) => ({ ...s, [k]: v }));

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      contact
        ? v1(`/youth/${youthId}/emergency-contacts/${contact.id}`, { method: 'PATCH', body })
        : v1(`/youth/${youthId}/emergency-contacts`, {
            method: 'POST',
            body,
            idempotencyKey: idempotency.keyFor(body),
          }),
    onSuccess: () => onDone(contact ? t('contacts.saved') : t('contacts.added')),
  });

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const fields = {
      name: values.name.trim(),
      relationship: values.relationship.trim(),
      phone: values.phone.trim(),
      notes: values.notes.trim() || null,
    };
    const body = contact ? { ...fields, version: contact.version } : { ...fields, id: recordId };
    const parsed = contact ? ZUpdateEmergencyContact.safeParse(body) : ZCreateEmergencyContact.safeParse(body);
    const errors = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    setClientErrors(errors);
    if (Object.keys(errors).length === 0) save.mutate(body);
    else document.getElementById(`${prefix}-${Object.keys(errors)[0]}`)?.focus();
  };

  const errors = fieldErrors(clientErrors, save.error);
  const labels = {
    name: t('contacts.fields.name'),
    relationship: t('contacts.fields.relationship'),
    phone: t('contacts.fields.phone'),
    notes: t('contacts.fields.notes'),
  };

  return (
    <form
      className="subform"
      onSubmit={submit}
      noValidate
      aria-label={contact ? t('contacts.editTitle') : t('contacts.addTitle')}
    >
      <h3>{contact ? t('contacts.editTitle') : t('contacts.addTitle')}</h3>
      {isApiError(save.error, 'VERSION_CONFLICT') ? (
        <div className="alert alert-warning" role="alert">
          <p>{t('contacts.conflict')}</p>
        </div>
      ) : (
        <FormError error={save.error} fieldLabels={labels} idPrefix={prefix} />
      )}
      {Object.keys(clientErrors).length > 0 ? (
        <p className="visually-hidden" role="alert">
          {t('errors.fixFields', { count: Object.keys(clientErrors).length })}
        </p>
      ) : null}
      <div className="grid-2">
        <TextField
          id={`${prefix}-name`}
          label={labels.name}
          value={values.name}
          onChange={(v) => set('name', v)}
          required
          maxLength={200}
          autoComplete="off"
          error={errors.name}
        />
        <TextField
          id={`${prefix}-relationship`}
          label={labels.relationship}
          value={values.relationship}
          onChange={(v) => set('relationship', v)}
          required
          maxLength={60}
          error={errors.relationship}
        />
        <TextField
          id={`${prefix}-phone`}
          type="tel"
          label={labels.phone}
          value={values.phone}
          onChange={(v) => set('phone', v)}
          required
          maxLength={40}
          autoComplete="off"
          error={errors.phone}
        />
      </div>
      <TextArea
        id={`${prefix}-notes`}
        label={labels.notes}
        value={values.notes}
        onChange={(v) => set('notes', v)}
        maxLength={500}
        error={errors.notes}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : contact ? t('common.saveChanges') : t('contacts.addButton')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
