import { LEGAL_AUTHORITIES, type TGuardian, ZCreateGuardian, ZUpdateGuardian } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { Checkbox, SelectField, TextField } from '../../components/fields.tsx';
import { errorText, fieldErrors, zodFieldErrors } from '../../errors.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { useGuardians, youthKeys } from './queries.ts';

type Authority = (typeof LEGAL_AUTHORITIES)[number];
type Values = {
  firstName: string;
  lastName: string;
  relationship: string;
  legalAuthority: Authority | '';
  phone: string;
  email: string;
  preferredLanguage: string;
  livesWithYouth: boolean;
};

const empty: Values = {
  firstName: '',
  lastName: '',
  relationship: '',
  legalAuthority: '',
  phone: '',
  email: '',
  preferredLanguage: '',
  livesWithYouth: true,
};
const fromGuardian = (g: TGuardian): Values => ({
  firstName: g.firstName,
  lastName: g.lastName,
  relationship: g.relationship,
  legalAuthority: g.legalAuthority,
  phone: g.phone ?? '',
  email: g.email ?? '',
  preferredLanguage: g.preferredLanguage ?? '',
  livesWithYouth: g.livesWithYouth,
});
const toBody = (v: Values) => ({
  firstName: v.firstName.trim(),
  lastName: v.lastName.trim(),
  relationship: v.relationship.trim(),
  legalAuthority: v.legalAuthority,
  phone: v.phone.trim() || null,
  email: v.email.trim() || null,
  preferredLanguage: v.preferredLanguage.trim() || null,
  livesWithYouth: v.livesWithYouth,
});

export function GuardiansSection({ youthId, canEdit }: { youthId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const guardians = useGuardians(youthId);
  const [mode, setMode] = useState<{ kind: 'add' } | { kind: 'edit'; id: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: youthKeys.guardians(youthId) });

  const remove = useMutation({
    mutationFn: (id: string) => v1<void>(`/youth/${youthId}/guardians/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      setConfirming(null);
      setMessage(t('guardians.removed'));
      void refresh();
    },
  });

  return (
    <section className="card" aria-labelledby="guardians-heading">
      <div className="section-head">
        <h2 id="guardians-heading">{t('guardians.title')}</h2>
        {canEdit && mode?.kind !== 'add' ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setMessage(null);
              setMode({ kind: 'add' });
            }}
          >
            {t('guardians.add')}
          </button>
        ) : null}
      </div>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      {mode?.kind === 'add' ? (
        <GuardianForm
          youthId={youthId}
          onDone={(text) => {
            setMode(null);
            setMessage(text);
            void refresh();
          }}
          onCancel={() => setMode(null)}
        />
      ) : null}
      {guardians.isPending ? (
        <Loading />
      ) : guardians.error ? (
        <QueryError error={guardians.error} retry={() => void guardians.refetch()} />
      ) : guardians.data.length === 0 ? (
        <p>{t('guardians.none')}</p>
      ) : (
        <ul className="person-list">
          {guardians.data.map((g) => (
            <li key={g.id} className="person">
              {mode?.kind === 'edit' && mode.id === g.id ? (
                <GuardianForm
                  youthId={youthId}
                  guardian={g}
                  onDone={(text) => {
                    setMode(null);
                    setMessage(text);
                    void refresh();
                  }}
                  onCancel={() => setMode(null)}
                />
              ) : (
                <>
                  <h3>
                    {g.firstName} {g.lastName}
                  </h3>
                  <dl className="details compact">
                    <div>
                      <dt>{t('guardians.fields.relationship')}</dt>
                      <dd>{g.relationship}</dd>
                    </div>
                    <div>
                      <dt>{t('guardians.fields.legalAuthority')}</dt>
                      <dd>{t(`guardians.authority.${g.legalAuthority}`)}</dd>
                    </div>
                    {g.phone ? (
                      <div>
                        <dt>{t('guardians.fields.phone')}</dt>
                        <dd>
                          <a href={`tel:${g.phone}`}>{g.phone}</a>
                        </dd>
                      </div>
                    ) : null}
                    {g.email ? (
                      <div>
                        <dt>{t('guardians.fields.email')}</dt>
                        <dd>{g.email}</dd>
                      </div>
                    ) : null}
                    {g.preferredLanguage ? (
                      <div>
                        <dt>{t('guardians.fields.preferredLanguage')}</dt>
                        <dd>{g.preferredLanguage}</dd>
                      </div>
                    ) : null}
                    <div>
                      <dt>{t('guardians.fields.livesWithYouth')}</dt>
                      <dd>{g.livesWithYouth ? t('common.yes') : t('common.no')}</dd>
                    </div>
                  </dl>
                  {canEdit ? (
                    confirming === g.id ? (
                      <div className="confirm">
                        <p>{t('guardians.confirmRemove', { name: `${g.firstName} ${g.lastName}` })}</p>
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
                            onClick={() => remove.mutate(g.id)}
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
                            setMode({ kind: 'edit', id: g.id });
                          }}
                        >
                          {t('common.edit')}
                          <span className="visually-hidden">
                            {' '}
                            {g.firstName} {g.lastName}
                          </span>
                        </button>
                        <button
                          type="button"
                          className="button secondary small"
                          onClick={() => {
                            setMessage(null);
                            setConfirming(g.id);
                          }}
                        >
                          {t('common.remove')}
                          <span className="visually-hidden">
                            {' '}
                            {g.firstName} {g.lastName}
                          </span>
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

function GuardianForm({
  youthId,
  guardian,
  onDone,
  onCancel,
}: {
  youthId: string;
  guardian?: TGuardian;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(guardian ? fromGuardian(guardian) : empty);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [recordId] = useState(newId);
  const idempotency = useIdempotencyKey();
  const prefix = guardian ? `guardian-${guardian.id}` : 'guardian-new';
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((s) => ({ ...s, [k]: v }));

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      guardian
        ? v1(`/youth/${youthId}/guardians/${guardian.id}`, { method: 'PATCH', body })
        : v1(`/youth/${youthId}/guardians`, { method: 'POST', body, idempotencyKey: idempotency.keyFor(body) }),
    onSuccess: () => onDone(guardian ? t('guardians.saved') : t('guardians.added')),
  });

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const body = guardian ? { ...toBody(values), version: guardian.version } : { ...toBody(values), id: recordId };
    const parsed = guardian ? ZUpdateGuardian.safeParse(body) : ZCreateGuardian.safeParse(body);
    const errors = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    setClientErrors(errors);
    if (Object.keys(errors).length === 0) save.mutate(body);
    else document.getElementById(`${prefix}-${Object.keys(errors)[0]}`)?.focus();
  };

  const errors = fieldErrors(clientErrors, save.error);
  const labels = {
    firstName: t('guardians.fields.firstName'),
    lastName: t('guardians.fields.lastName'),
    relationship: t('guardians.fields.relationship'),
    legalAuthority: t('guardians.fields.legalAuthority'),
    phone: t('guardians.fields.phone'),
    email: t('guardians.fields.email'),
    preferredLanguage: t('guardians.fields.preferredLanguage'),
    livesWithYouth: t('guardians.fields.livesWithYouth'),
  };

  return (
    <form
      className="subform"
      onSubmit={submit}
      noValidate
      aria-label={guardian ? t('guardians.editTitle') : t('guardians.addTitle')}
    >
      <h3>{guardian ? t('guardians.editTitle') : t('guardians.addTitle')}</h3>
      {isApiError(save.error, 'VERSION_CONFLICT') ? (
        <div className="alert alert-warning" role="alert">
          <p>{t('guardians.conflict')}</p>
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
          id={`${prefix}-firstName`}
          label={labels.firstName}
          value={values.firstName}
          onChange={(v) => set('firstName', v)}
          required
          maxLength={100}
          autoComplete="off"
          error={errors.firstName}
        />
        <TextField
          id={`${prefix}-lastName`}
          label={labels.lastName}
          value={values.lastName}
          onChange={(v) => set('lastName', v)}
          required
          maxLength={100}
          autoComplete="off"
          error={errors.lastName}
        />
        <TextField
          id={`${prefix}-relationship`}
          label={labels.relationship}
          hint={t('guardians.relationshipHint')}
          value={values.relationship}
          onChange={(v) => set('relationship', v)}
          required
          maxLength={60}
          error={errors.relationship}
        />
        <SelectField
          id={`${prefix}-legalAuthority`}
          label={labels.legalAuthority}
          value={values.legalAuthority}
          onChange={(v) => set('legalAuthority', v as Authority | '')}
          required
          emptyLabel={t('common.choose')}
          options={LEGAL_AUTHORITIES.map((a) => ({ value: a, label: t(`guardians.authority.${a}`) }))}
          error={errors.legalAuthority}
        />
        <TextField
          id={`${prefix}-phone`}
          type="tel"
          label={labels.phone}
          value={values.phone}
          onChange={(v) => set('phone', v)}
          maxLength={40}
          autoComplete="off"
          error={errors.phone}
        />
        <TextField
          id={`${prefix}-email`}
          type="email"
          label={labels.email}
          value={values.email}
          onChange={(v) => set('email', v)}
          autoComplete="off"
          error={errors.email}
        />
        <TextField
          id={`${prefix}-preferredLanguage`}
          label={labels.preferredLanguage}
          value={values.preferredLanguage}
          onChange={(v) => set('preferredLanguage', v)}
          maxLength={60}
          error={errors.preferredLanguage}
        />
      </div>
      <Checkbox
        id={`${prefix}-livesWithYouth`}
        label={labels.livesWithYouth}
        checked={values.livesWithYouth}
        onChange={(v) => set('livesWithYouth', v)}
        error={errors.livesWithYouth}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : guardian ? t('common.saveChanges') : t('guardians.addButton')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
