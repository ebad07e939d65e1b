import { HUB_TYPES, type THubService, type THubServiceList, ZCreateHubService } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { Checkbox, RadioGroup, TextField } from '../../components/fields.tsx';
import { errorText, fieldErrors, zodFieldErrors } from '../../errors.ts';
import { formatDate, todayIso } from '../../format.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { intakeKeys, useHubServices } from './queries.ts';

/** A youth's hub services (ICC / IHT / OP): which is active, which coordinates care, and the suggested one. */
export function HubServicesSection({ youthId, canEdit }: { youthId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const hubs = useHubServices(youthId);
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<{ kind: 'add' } | { kind: 'edit'; id: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: intakeKeys.hubServices(youthId) });

  const coordinate = useMutation({
    mutationFn: (h: THubService) =>
      v1<THubService>(`/youth/${youthId}/hub-services/${h.id}`, {
        method: 'PATCH',
        body: { coordinating: true, version: h.version },
      }),
    onSuccess: (h) => {
      setMessage(t('intake.hubs.nowCoordinating', { type: t(`intake.hubTypes.${h.type}`) }));
      void refresh();
    },
  });

  const data: THubServiceList | undefined = hubs.data;
  const suggested = data?.items.find((h) => h.id === data.suggestedCoordinatingId);
  const coordinator = data?.items.find((h) => h.coordinating && h.active);

  return (
    <section className="card" aria-labelledby="hub-services-heading">
      <div className="section-head">
        <h2 id="hub-services-heading">{t('intake.hubs.title')}</h2>
        {canEdit && mode?.kind !== 'add' ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setMessage(null);
              setMode({ kind: 'add' });
            }}
          >
            {t('intake.hubs.add')}
          </button>
        ) : null}
      </div>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      {coordinate.error ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, coordinate.error)}
        </p>
      ) : null}
      {mode?.kind === 'add' ? (
        <HubForm
          youthId={youthId}
          onDone={(text) => {
            setMode(null);
            setMessage(text);
            void refresh();
          }}
          onCancel={() => setMode(null)}
        />
      ) : null}
      {hubs.isPending ? (
        <Loading />
      ) : hubs.error ? (
        <QueryError error={hubs.error} retry={() => void hubs.refetch()} />
      ) : hubs.data.items.length === 0 ? (
        <p>{t('intake.hubs.none')}</p>
      ) : (
        <>
          {!coordinator && hubs.data.items.some((h) => h.active) ? (
            <p className="alert alert-warning">{t('intake.hubs.noCoordinator')}</p>
          ) : null}
          {suggested && coordinator && suggested.id !== coordinator.id ? (
            <div className="alert alert-info">
              <p>
                {t('intake.hubs.suggestion', {
                  type: t(`intake.hubTypes.${suggested.type}`),
                  agency: suggested.agency,
                })}
              </p>
              {canEdit ? (
                <button
                  type="button"
                  className="button secondary small"
                  disabled={coordinate.isPending}
                  onClick={() => coordinate.mutate(suggested)}
                >
                  {t('intake.hubs.makeCoordinating')}
                  <span className="visually-hidden">: {suggested.agency}</span>
                </button>
              ) : null}
            </div>
          ) : null}
          <ul className="person-list">
            {hubs.data.items.map((h) => (
              <li key={h.id} className="person">
                {mode?.kind === 'edit' && mode.id === h.id ? (
                  <HubEditForm
                    youthId={youthId}
                    hub={h}
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
                      {t(`intake.hubTypesLong.${h.type}`)} · {h.agency}
                    </h3>
                    <p className="stack-row">
                      <span className={`badge ${h.active ? 'badge-active' : 'badge-inactive'}`}>
                        {h.active ? t('intake.hubs.active') : t('intake.hubs.ended')}
                      </span>
                      {h.coordinating && h.active ? (
                        <span className="badge badge-info">{t('intake.hubs.coordinating')}</span>
                      ) : null}
                    </p>
                    <dl className="details compact">
                      <div>
                        <dt>{t('intake.fields.clinician')}</dt>
                        <dd>{h.clinicianName}</dd>
                      </div>
                      {h.phone ? (
                        <div>
                          <dt>{t('intake.fields.phone')}</dt>
                          <dd>
                            <a href={`tel:${h.phone}`}>{h.phone}</a>
                          </dd>
                        </div>
                      ) : null}
                      {h.email ? (
                        <div>
                          <dt>{t('intake.fields.email')}</dt>
                          <dd>{h.email}</dd>
                        </div>
                      ) : null}
                      <div>
                        <dt>{t('intake.fields.dates')}</dt>
                        <dd>
                          {h.endedOn
                            ? t('intake.hubs.fromTo', { from: formatDate(h.startedOn), to: formatDate(h.endedOn) })
                            : t('intake.hubs.since', { from: formatDate(h.startedOn) })}
                        </dd>
                      </div>
                    </dl>
                    {canEdit ? (
                      <div className="actions">
                        <button
                          type="button"
                          className="button secondary small"
                          onClick={() => {
                            setMessage(null);
                            setMode({ kind: 'edit', id: h.id });
                          }}
                        >
                          {t('common.edit')}
                          <span className="visually-hidden"> {h.agency}</span>
                        </button>
                        {h.active && !h.coordinating ? (
                          <button
                            type="button"
                            className="button secondary small"
                            disabled={coordinate.isPending}
                            onClick={() => coordinate.mutate(h)}
                          >
                            {t('intake.hubs.makeCoordinating')}
                            <span className="visually-hidden">: {h.agency}</span>
                          </button>
                        ) : null}
                      </div>
                    ) : null}
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function HubForm({
  youthId,
  onDone,
  onCancel,
}: {
  youthId: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    type: '',
    agency: '',
    clinicianName: '',
    phone: '',
    email: '',
    startedOn: todayIso(),
    coordinating: false,
  });
  const [id] = useState(newId);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const idempotency = useIdempotencyKey();
  const p = 'hub-new';
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1<THubService>(`/youth/${youthId}/hub-services`, {
        method: 'POST',
        body,
        idempotencyKey: idempotency.keyFor(body),
      }),
    onSuccess: () => onDone(t('intake.hubs.added')),
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const body = {
      id,
      type: v.type,
      agency: v.agency.trim(),
      clinicianName: v.clinicianName.trim(),
      phone: v.phone.trim() || null,
      email: v.email.trim() || null,
      startedOn: v.startedOn,
      ...(v.coordinating ? { coordinating: true } : {}),
    };
    const parsed = ZCreateHubService.safeParse(body);
    const errors = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    setClientErrors(errors);
    if (Object.keys(errors).length === 0) save.mutate(body);
    else document.getElementById(`${p}-${Object.keys(errors)[0]}`)?.focus();
  };
  const errors = fieldErrors(clientErrors, save.error);
  const set = (k: keyof typeof v, value: string | boolean) => setV((s) => ({ ...s, [k]: value }));
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label={t('intake.hubs.addTitle')}>
      <h3>{t('intake.hubs.addTitle')}</h3>
      <FormError
        error={save.error}
        idPrefix={p}
        fieldLabels={{
          type: t('intake.fields.hubType'),
          agency: t('intake.fields.agency'),
          clinicianName: t('intake.fields.clinician'),
          startedOn: t('intake.fields.hubStartedOn'),
          coordinating: t('intake.hubs.coordinating'),
        }}
      />
      <RadioGroup
        id={`${p}-type`}
        legend={t('intake.fields.hubType')}
        name="hub-new-type"
        value={v.type}
        onChange={(x) => set('type', x)}
        options={HUB_TYPES.map((h) => ({ value: h, label: t(`intake.hubTypesLong.${h}`) }))}
        error={errors.type}
      />
      <div className="grid-2">
        <TextField
          id={`${p}-agency`}
          label={t('intake.fields.agency')}
          value={v.agency}
          onChange={(x) => set('agency', x)}
          required
          maxLength={200}
          error={errors.agency}
        />
        <TextField
          id={`${p}-clinicianName`}
          label={t('intake.fields.clinician')}
          value={v.clinicianName}
          onChange={(x) => set('clinicianName', x)}
          required
          maxLength={200}
          error={errors.clinicianName}
        />
        <TextField
          id={`${p}-phone`}
          type="tel"
          label={t('intake.fields.phone')}
          value={v.phone}
          onChange={(x) => set('phone', x)}
          maxLength={40}
          error={errors.phone}
        />
        <TextField
          id={`${p}-email`}
          type="email"
          label={t('intake.fields.email')}
          value={v.email}
          onChange={(x) => set('email', x)}
          error={errors.email}
        />
        <TextField
          id={`${p}-startedOn`}
          type="date"
          label={t('intake.fields.hubStartedOn')}
          value={v.startedOn}
          onChange={(x) => set('startedOn', x)}
          required
          error={errors.startedOn}
        />
      </div>
      <Checkbox
        id={`${p}-coordinating`}
        label={t('intake.hubs.coordinatesCare')}
        hint={t('intake.hubs.coordinatesHint')}
        checked={v.coordinating}
        onChange={(x) => set('coordinating', x)}
        error={errors.coordinating}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('intake.hubs.addButton')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function HubEditForm({
  youthId,
  hub,
  onDone,
  onCancel,
}: {
  youthId: string;
  hub: THubService;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    clinicianName: hub.clinicianName,
    phone: hub.phone ?? '',
    email: hub.email ?? '',
    endedOn: hub.endedOn ?? '',
  });
  const p = `hub-${hub.id}`;
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1<THubService>(`/youth/${youthId}/hub-services/${hub.id}`, { method: 'PATCH', body }),
    onSuccess: () => onDone(t('intake.hubs.saved')),
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    save.mutate({
      clinicianName: v.clinicianName.trim(),
      phone: v.phone.trim() || null,
      email: v.email.trim() || null,
      endedOn: v.endedOn || null,
      version: hub.version,
    });
  };
  const errors = fieldErrors({}, save.error);
  const set = (k: keyof typeof v, value: string) => setV((s) => ({ ...s, [k]: value }));
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label={t('intake.hubs.editTitle')}>
      <h3>{t('intake.hubs.editTitle')}</h3>
      {isApiError(save.error, 'VERSION_CONFLICT') ? (
        <div className="alert alert-warning" role="alert">
          <p>{t('intake.hubs.conflict')}</p>
        </div>
      ) : (
        <FormError
          error={save.error}
          idPrefix={p}
          fieldLabels={{
            clinicianName: t('intake.fields.clinician'),
            endedOn: t('intake.fields.hubEndedOn'),
            email: t('intake.fields.email'),
          }}
        />
      )}
      <div className="grid-2">
        <TextField
          id={`${p}-clinicianName`}
          label={t('intake.fields.clinician')}
          value={v.clinicianName}
          onChange={(x) => set('clinicianName', x)}
          required
          maxLength={200}
          error={errors.clinicianName}
        />
        <TextField
          id={`${p}-phone`}
          type="tel"
          label={t('intake.fields.phone')}
          value={v.phone}
          onChange={(x) => set('phone', x)}
          maxLength={40}
          error={errors.phone}
        />
        <TextField
          id={`${p}-email`}
          type="email"
          label={t('intake.fields.email')}
          value={v.email}
          onChange={(x) => set('email', x)}
          error={errors.email}
        />
        <TextField
          id={`${p}-endedOn`}
          type="date"
          label={t('intake.fields.hubEndedOn')}
          hint={t('intake.hubs.endHint')}
          value={v.endedOn}
          onChange={(x) => set('endedOn', x)}
          min={hub.startedOn}
          error={errors.endedOn}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('common.saveChanges')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
