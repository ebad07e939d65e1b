import { DEGREE_LEVELS, type TStaffProfile, ZUpdateStaffProfile } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, isApiError, v1 } from '../../api.ts';
import { LicenceExpiredFlag } from '../../components/badges.tsx';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { Checkbox, SelectField, TextField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { fieldErrors, zodFieldErrors } from '../../errors.ts';
import { formatDate, formatList, formatNumber } from '../../format.ts';
import { usePermissions } from '../../session.tsx';
import { staffKeys, useStaff } from './queries.ts';
import { useRoleLabel } from './roles.ts';
import { ClearanceSection } from '../intake/ClearanceSection.tsx';

type Degree = (typeof DEGREE_LEVELS)[number];
type Values = {
  title: string;
  languages: string;
  degreeLevel: Degree | '';
  capacity: string;
  licenceType: string;
  licenceNumber: string;
  licenceState: string;
  licenceExpiresOn: string;
  mandatedReporter: boolean;
};

const toValues = (s: TStaffProfile): Values => ({
  title: s.title ?? '',
  languages: s.languages.join(', '),
  degreeLevel: s.degreeLevel ?? '',
  capacity: s.capacity === null ? '' : String(s.capacity),
  licenceType: s.licenceType ?? '',
  licenceNumber: s.licenceNumber ?? '',
  licenceState: s.licenceState ?? '',
  licenceExpiresOn: s.licenceExpiresOn ?? '',
  mandatedReporter: s.mandatedReporter,
});

const toBody = (v: Values, version: number) => ({
  title: v.title.trim() || null,
  languages: v.languages
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean),
  degreeLevel: v.degreeLevel === '' ? null : v.degreeLevel,
  capacity: v.capacity.trim() === '' ? null : Number(v.capacity),
  licenceType: v.licenceType.trim() || null,
  licenceNumber: v.licenceNumber.trim() || null,
  licenceState: v.licenceState.trim().toUpperCase() || null,
  licenceExpiresOn: v.licenceExpiresOn || null,
  mandatedReporter: v.mandatedReporter,
  version,
});

export function StaffProfilePage() {
  const { userId = '' } = useParams();
  const { t } = useTranslation();
  const { can, me } = usePermissions();
  const staff = useStaff(userId);
  const roleLabel = useRoleLabel();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  usePageTitle(staff.data?.name ?? t('staff.profileTitle'));

  if (staff.isPending) return <Loading />;
  if (staff.error) {
    return (
      <>
        <h1>{t('staff.profileTitle')}</h1>
        {isApiError(staff.error, 'NOT_FOUND') ? <p>{t('staff.notFound')}</p> : <QueryError error={staff.error} />}
        <p>
          <Link to="/staff">{t('staff.backToList')}</Link>
        </p>
      </>
    );
  }
  const s = staff.data;
  const canEdit = can('staff.update');
  const isSelf = me?.user.id === s.userId;

  const rows: [string, ReactNode][] = [
    [t('staff.fields.email'), s.email],
    [t('staff.fields.roles'), formatList(s.roles.map(roleLabel))],
    [t('staff.fields.title'), s.title ?? ''],
    [t('staff.fields.languages'), formatList(s.languages)],
    [t('staff.fields.degreeLevel'), s.degreeLevel ? t(`staff.degrees.${s.degreeLevel}`) : ''],
    [
      t('staff.fields.capacity'),
      s.capacity === null ? '' : t('staff.capacityValue', { count: s.capacity, formatted: formatNumber(s.capacity) }),
    ],
    [t('safety.staff.mandatedReporter'), s.mandatedReporter ? t('common.yes') : t('common.no')],
    [t('staff.fields.licenceType'), s.licenceType ?? ''],
    [t('staff.fields.licenceNumber'), s.licenceNumber ?? ''],
    [t('staff.fields.licenceState'), s.licenceState ?? ''],
    [
      t('staff.fields.licenceExpiresOn'),
      s.licenceExpiresOn ? (
        <>
          {formatDate(s.licenceExpiresOn, 'long')}
          {s.licenceExpired ? (
            <>
              {' '}
              <LicenceExpiredFlag expiresOn={null} />
            </>
          ) : null}
        </>
      ) : (
        ''
      ),
    ],
  ];

  return (
    <>
      <p className="breadcrumb">
        <Link to="/staff">{t('staff.backToList')}</Link>
      </p>
      <h1>
        {s.name}
        {isSelf ? <span className="muted small"> ({t('staff.you')})</span> : null}
      </h1>
      {s.licenceExpired ? (
        <div className="alert alert-error" role="note">
          <p>
            <strong>{t('staff.licenceExpired')}</strong>:{' '}
            {t('staff.licenceExpiredBody', { date: formatDate(s.licenceExpiresOn, 'long') })}
          </p>
        </div>
      ) : null}
      <section className="card" aria-labelledby="staff-profile-heading">
        <div className="section-head">
          <h2 id="staff-profile-heading">{t('staff.profileTitle')}</h2>
          {canEdit && !editing ? (
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('staff.edit')}
            </button>
          ) : null}
        </div>
        {saved ? <StatusMessage>{t('staff.saved')}</StatusMessage> : null}
        {editing ? (
          <StaffForm
            key={s.version}
            staff={s}
            onDone={() => {
              setEditing(false);
              setSaved(true);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <dl className="details">
            {rows.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value || <span className="muted">{t('common.notRecorded')}</span>}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <ClearanceSection userId={s.userId} isMentor={s.roles.includes('mentor')} />
    </>
  );
}

function StaffForm({ staff, onDone, onCancel }: { staff: TStaffProfile; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => toValues(staff));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((s) => ({ ...s, [k]: v }));
  const p = 'staff-form';

  const save = useMutation({
    mutationFn: (body: ReturnType<typeof toBody>) =>
      v1<TStaffProfile>(`/staff/${encodeURIComponent(staff.userId)}`, { method: 'PATCH', body }),
    onSuccess: (next) => {
      queryClient.setQueryData(staffKeys.one(next.userId), next);
      void queryClient.invalidateQueries({ queryKey: staffKeys.all, exact: true });
      onDone();
    },
  });

  const conflict = save.error instanceof ApiError && save.error.code === 'VERSION_CONFLICT' ? save.error : null;

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const body = toBody(values, staff.version);
    const parsed = ZUpdateStaffProfile.safeParse(body);
    const errors = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    if (values.capacity.trim() !== '' && !/^\d+$/.test(values.capacity.trim()))
      errors.capacity = t('validation.wholeNumber');
    setClientErrors(errors);
    if (Object.keys(errors).length === 0) save.mutate(body);
    else document.getElementById(`${p}-${Object.keys(errors)[0]!.split('.')[0]}`)?.focus();
  };

  const errors = fieldErrors(clientErrors, save.error);
  const labels: Record<string, string> = {
    title: t('staff.fields.title'),
    languages: t('staff.fields.languages'),
    degreeLevel: t('staff.fields.degreeLevel'),
    capacity: t('staff.fields.capacity'),
    licenceType: t('staff.fields.licenceType'),
    licenceNumber: t('staff.fields.licenceNumber'),
    licenceState: t('staff.fields.licenceState'),
    licenceExpiresOn: t('staff.fields.licenceExpiresOn'),
  };

  return (
    <form onSubmit={submit} noValidate aria-busy={save.isPending}>
      {conflict ? (
        <div className="alert alert-warning" role="alert">
          <p>{t('staff.conflict')}</p>
          <button
            type="button"
            className="button primary"
            onClick={() => {
              const current = conflict.current as TStaffProfile | undefined;
              if (current) queryClient.setQueryData(staffKeys.one(staff.userId), current);
              else void queryClient.invalidateQueries({ queryKey: staffKeys.one(staff.userId) });
              save.reset();
            }}
          >
            {t('youth.conflictReload')}
          </button>
        </div>
      ) : (
        <FormError error={save.error} fieldLabels={labels} idPrefix={p} />
      )}
      {Object.keys(clientErrors).length > 0 ? (
        <p className="visually-hidden" role="alert">
          {t('errors.fixFields', { count: Object.keys(clientErrors).length })}
        </p>
      ) : null}
      <div className="grid-2">
        <TextField
          id={`${p}-title`}
          label={labels.title}
          value={values.title}
          onChange={(v) => set('title', v)}
          maxLength={100}
          error={errors.title}
        />
        <TextField
          id={`${p}-languages`}
          label={labels.languages}
          hint={t('staff.languagesHint')}
          value={values.languages}
          onChange={(v) => set('languages', v)}
          error={errors.languages}
        />
        <SelectField
          id={`${p}-degreeLevel`}
          label={labels.degreeLevel}
          value={values.degreeLevel}
          onChange={(v) => set('degreeLevel', v as Degree | '')}
          emptyLabel={t('common.notRecorded')}
          options={DEGREE_LEVELS.map((d) => ({ value: d, label: t(`staff.degrees.${d}`) }))}
          error={errors.degreeLevel}
        />
        <TextField
          id={`${p}-capacity`}
          type="number"
          inputMode="numeric"
          min={0}
          max={60}
          label={labels.capacity}
          hint={t('staff.capacityHint')}
          value={values.capacity}
          onChange={(v) => set('capacity', v)}
          error={errors.capacity}
        />
      </div>
      <Checkbox
        id={`${p}-mandatedReporter`}
        label={t('safety.staff.mandatedReporter')}
        hint={t('safety.staff.mandatedReporterHint')}
        checked={values.mandatedReporter}
        onChange={(v) => set('mandatedReporter', v)}
      />
      <fieldset className="section">
        <legend>{t('staff.licenceSection')}</legend>
        <div className="grid-2">
          <TextField
            id={`${p}-licenceType`}
            label={labels.licenceType}
            hint={t('staff.licenceTypeHint')}
            value={values.licenceType}
            onChange={(v) => set('licenceType', v)}
            maxLength={40}
            error={errors.licenceType}
          />
          <TextField
            id={`${p}-licenceNumber`}
            label={labels.licenceNumber}
            value={values.licenceNumber}
            onChange={(v) => set('licenceNumber', v)}
            maxLength={40}
            autoComplete="off"
            error={errors.licenceNumber}
          />
          <TextField
            id={`${p}-licenceState`}
            label={labels.licenceState}
            hint={t('staff.licenceStateHint')}
            value={values.licenceState}
            onChange={(v) => set('licenceState', v)}
            maxLength={2}
            error={errors.licenceState}
          />
          <TextField
            id={`${p}-licenceExpiresOn`}
            type="date"
            label={labels.licenceExpiresOn}
            value={values.licenceExpiresOn}
            onChange={(v) => set('licenceExpiresOn', v)}
            error={errors.licenceExpiresOn}
          />
        </div>
      </fieldset>
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
