import { COLLATERAL_WITH, MODALITIES, SETTINGS, type TContact } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { Checkbox, RadioGroup, SelectField, TextField } from '../../components/fields.tsx';
import { fieldErrors } from '../../errors.ts';
import { todayIso } from '../../format.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { useMe, usePermissions } from '../../session.tsx';
import { ContactList } from './ContactList.tsx';
import { clockTime, hasRole, useContacts } from './queries.ts';
import { TimeField } from './TimeField.tsx';

const PAST_PAGE = 8;

/** The youth profile's "Sessions": upcoming and past contacts, scheduling, and "document a session now". */
export function YouthSessionsSection({ youthId }: { youthId: string }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const today = todayIso();
  const [pastShown, setPastShown] = useState(PAST_PAGE);
  const [scheduling, setScheduling] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const enabled = can('contact.read');
  const upcoming = useContacts({ youthId, from: today, status: 'scheduled', order: 'asc', pageSize: 10 }, enabled);
  const past = useContacts({ youthId, to: today, order: 'desc', pageSize: pastShown }, enabled);
  const [nowId, setNowId] = useState(newId);
  const documentNow = useMutation({
    mutationFn: () => {
      let startTime = clockTime(60);
      const endTime = clockTime(0);
      if (startTime >= endTime) startTime = '00:00';
      return v1<TContact>(`/youth/${youthId}/contacts`, {
        method: 'POST',
        body: { id: nowId, kind: 'session', date: today, startTime, endTime: endTime === '00:00' ? '00:05' : endTime },
        idempotencyKey: `document-${nowId}`,
      });
    },
    onSuccess: (c) => {
      setNowId(newId());
      void queryClient.invalidateQueries({ queryKey: ['notes', 'contacts'] });
      void navigate(`/contacts/${c.id}`);
    },
  });
  if (!enabled) return null;
  const canWrite = can('contact.write');
  const isMentor = hasRole(me.data, 'mentor');
  const pastItems = (past.data?.items ?? []).filter((c) => !(c.date === today && c.status === 'scheduled'));
  const changed = (text: string) => {
    setMessage(text);
    void queryClient.invalidateQueries({ queryKey: ['notes', 'contacts'] });
  };

  return (
    <section className="card" aria-labelledby="sessions-heading">
      <div className="section-head">
        <h2 id="sessions-heading">{t('notes.sessions.title')}</h2>
        <div className="actions">
          {canWrite && isMentor ? (
            <button
              type="button"
              className="button primary"
              disabled={documentNow.isPending}
              onClick={() => documentNow.mutate()}
            >
              {t('notes.sessions.documentNow')}
            </button>
          ) : null}
          {canWrite && !scheduling ? (
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setMessage(null);
                setScheduling(true);
              }}
            >
              {t('notes.sessions.schedule')}
            </button>
          ) : null}
        </div>
      </div>
      <FormError error={documentNow.error} />
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      {scheduling ? (
        <ScheduleForm
          youthId={youthId}
          onCancel={() => setScheduling(false)}
          onDone={(text) => {
            setScheduling(false);
            changed(text);
          }}
        />
      ) : null}
      <h3>{t('notes.sessions.upcoming')}</h3>
      {upcoming.isPending ? (
        <Loading />
      ) : upcoming.error ? (
        <QueryError error={upcoming.error} retry={() => void upcoming.refetch()} />
      ) : upcoming.data.items.length === 0 ? (
        <p className="muted">{t('notes.sessions.noUpcoming')}</p>
      ) : (
        <ContactList items={upcoming.data.items} canWrite={canWrite} showYouth={false} onChanged={changed} />
      )}
      <h3>{t('notes.sessions.past')}</h3>
      {past.isPending ? (
        <Loading />
      ) : past.error ? (
        <QueryError error={past.error} retry={() => void past.refetch()} />
      ) : pastItems.length === 0 ? (
        <p className="muted">{t('notes.sessions.noPast')}</p>
      ) : (
        <>
          <ContactList items={pastItems} canWrite={canWrite} showYouth={false} onChanged={changed} />
          {past.data.total > pastShown ? (
            <button type="button" className="button secondary" onClick={() => setPastShown((n) => n + PAST_PAGE)}>
              {t('notes.sessions.more')}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

type ScheduleValues = {
  kind: 'session' | 'collateral';
  collateralWith: string;
  date: string;
  startTime: string;
  endTime: string;
  setting: string;
  modality: string;
  weekly: boolean;
  until: string;
};

function ScheduleForm({
  youthId,
  onDone,
  onCancel,
}: {
  youthId: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<ScheduleValues>({
    kind: 'session',
    collateralWith: '',
    date: todayIso(),
    startTime: '15:30',
    endTime: '16:30',
    setting: '',
    modality: 'in_person',
    weekly: false,
    until: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [recordId] = useState(newId);
  const idempotency = useIdempotencyKey();
  const set = <K extends keyof ScheduleValues>(k: K, v: ScheduleValues[K]) => setValues((s) => ({ ...s, [k]: v }));
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1<TContact>(`/youth/${youthId}/contacts`, { method: 'POST', body, idempotencyKey: idempotency.keyFor(body) }),
    onSuccess: () =>
      onDone(values.weekly ? t('notes.sessions.scheduledWeekly') : t('notes.sessions.scheduledOnce')),
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (!values.date) e.date = t('validation.date');
    if (!values.startTime) e.startTime = t('validation.required');
    if (!values.endTime) e.endTime = t('validation.required');
    else if (values.startTime && values.endTime <= values.startTime) e.endTime = t('notes.form.endBeforeStart');
    if (values.kind === 'collateral' && !values.collateralWith) e.collateralWith = t('validation.choose');
    if (values.weekly && !values.until) e.until = t('validation.date');
    else if (values.weekly && values.until < values.date) e.until = t('notes.sessions.untilAfter');
    setErrors(e);
    const first = Object.keys(e)[0];
    if (first) {
      document.getElementById(`schedule-${first}`)?.focus();
      return;
    }
    save.mutate({
      id: recordId,
      kind: values.kind,
      collateralWith: values.kind === 'collateral' ? values.collateralWith : null,
      date: values.date,
      startTime: values.startTime,
      endTime: values.endTime,
      setting: values.setting || null,
      modality: values.modality || null,
      ...(values.weekly ? { repeatWeeklyUntil: values.until } : {}),
    });
  };
  const all = fieldErrors(errors, save.error);
  const labels = {
    date: t('notes.fields.date'),
    startTime: t('notes.fields.startTime'),
    endTime: t('notes.fields.endTime'),
    repeatWeeklyUntil: t('notes.sessions.until'),
    mentorUserId: t('notes.sessions.mentor'),
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-labelledby="schedule-h">
      <h3 id="schedule-h">{t('notes.sessions.scheduleTitle')}</h3>
      <FormError error={save.error} fieldLabels={labels} idPrefix="schedule" />
      <RadioGroup
        id="schedule-kind"
        legend={t('notes.sessions.kind')}
        name="schedule-kind"
        value={values.kind}
        onChange={(v) => set('kind', v as ScheduleValues['kind'])}
        options={[
          { value: 'session', label: t('notes.kind.session') },
          { value: 'collateral', label: t('notes.kind.collateral') },
        ]}
      />
      {values.kind === 'collateral' ? (
        <SelectField
          id="schedule-collateralWith"
          label={t('notes.fields.collateralWith')}
          value={values.collateralWith}
          onChange={(v) => set('collateralWith', v)}
          emptyLabel={t('common.choose')}
          options={COLLATERAL_WITH.map((v) => ({ value: v, label: t(`notes.collateralWith.${v}`) }))}
          error={all.collateralWith}
          required
        />
      ) : null}
      <div className="grid-3">
        <TextField
          id="schedule-date"
          type="date"
          label={labels.date}
          value={values.date}
          onChange={(v) => set('date', v)}
          error={all.date}
          required
        />
        <TimeField
          id="schedule-startTime"
          label={labels.startTime}
          value={values.startTime}
          onChange={(v) => set('startTime', v)}
          error={all.startTime}
          required
        />
        <TimeField
          id="schedule-endTime"
          label={labels.endTime}
          value={values.endTime}
          onChange={(v) => set('endTime', v)}
          error={all.endTime}
          required
        />
      </div>
      <div className="grid-2">
        <SelectField
          id="schedule-setting"
          label={t('notes.fields.setting')}
          value={values.setting}
          onChange={(v) => set('setting', v)}
          emptyLabel={t('common.notRecorded')}
          options={SETTINGS.map((v) => ({ value: v, label: t(`notes.settings.${v}`) }))}
        />
        <SelectField
          id="schedule-modality"
          label={t('notes.fields.modality')}
          value={values.modality}
          onChange={(v) => set('modality', v)}
          options={MODALITIES.map((v) => ({ value: v, label: t(`notes.modalities.${v}`) }))}
        />
      </div>
      <Checkbox
        id="schedule-weekly"
        label={t('notes.sessions.weeklyField')}
        checked={values.weekly}
        onChange={(v) => set('weekly', v)}
        hint={t('notes.sessions.weeklyHint')}
      />
      {values.weekly ? (
        <TextField
          id="schedule-until"
          type="date"
          label={labels.repeatWeeklyUntil}
          value={values.until}
          onChange={(v) => set('until', v)}
          min={values.date}
          error={all.until ?? all.repeatWeeklyUntil}
          required
        />
      ) : null}
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('notes.sessions.scheduleSubmit')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
