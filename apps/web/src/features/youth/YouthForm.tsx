import {
  ETHNICITIES,
  OMB_RACES,
  PAYERS,
  type TCreateYouth,
  type TProgram,
  type TYouth,
  ZCreateYouth,
  ZUpdateYouth,
} from '@mentorbridge/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/feedback.tsx';
import { Checkbox, Fieldset, RadioGroup, SelectField, TextArea, TextField } from '../../components/fields.tsx';
import { fieldErrors, zodFieldErrors } from '../../errors.ts';
import { todayIso } from '../../format.ts';

type Race = (typeof OMB_RACES)[number];
type Ethnicity = (typeof ETHNICITIES)[number];
type Payer = (typeof PAYERS)[number];

export type YouthFormValues = {
  programId: string;
  firstName: string;
  lastName: string;
  preferredName: string;
  pronouns: string;
  dateOfBirth: string;
  genderIdentity: string;
  races: Race[];
  raceDeclined: boolean;
  ethnicity: Ethnicity;
  primaryLanguage: string;
  interpreterNeeded: boolean;
  school: string;
  grade: string;
  payer: Payer | '';
  memberId: string;
  phone: string;
  address: string;
};

export const emptyYouthValues = (programId = ''): YouthFormValues => ({
  programId,
  firstName: '',
  lastName: '',
  preferredName: '',
  pronouns: '',
  dateOfBirth: '',
  genderIdentity: '',
  races: [],
  raceDeclined: false,
  ethnicity: 'unknown',
  primaryLanguage: '',
  interpreterNeeded: false,
  school: '',
  grade: '',
  payer: '',
  memberId: '',
  phone: '',
  address: '',
});

export const valuesFromYouth = (y: TYouth): YouthFormValues => ({
  programId: y.programId,
  firstName: y.firstName,
  lastName: y.lastName,
  preferredName: y.preferredName ?? '',
  pronouns: y.pronouns ?? '',
  dateOfBirth: y.dateOfBirth,
  genderIdentity: y.genderIdentity ?? '',
  races: [...y.races],
  raceDeclined: y.raceDeclined,
  ethnicity: y.ethnicity,
  primaryLanguage: y.primaryLanguage ?? '',
  interpreterNeeded: y.interpreterNeeded,
  school: y.school ?? '',
  grade: y.grade ?? '',
  payer: y.payer ?? '',
  memberId: y.memberId ?? '',
  phone: y.phone ?? '',
  address: y.address ?? '',
});

const text = (v: string): string | null => (v.trim() === '' ? null : v.trim());

/** The body of a create (without `id`). */
export const toPayload = (v: YouthFormValues): Omit<TCreateYouth, 'id'> => ({
  programId: v.programId,
  firstName: v.firstName.trim(),
  lastName: v.lastName.trim(),
  preferredName: text(v.preferredName),
  pronouns: text(v.pronouns),
  dateOfBirth: v.dateOfBirth,
  genderIdentity: text(v.genderIdentity),
  races: [...v.races],
  raceDeclined: v.raceDeclined,
  ethnicity: v.ethnicity,
  primaryLanguage: text(v.primaryLanguage),
  interpreterNeeded: v.interpreterNeeded,
  school: text(v.school),
  grade: text(v.grade),
  payer: v.payer === '' ? null : v.payer,
  memberId: text(v.memberId),
  phone: text(v.phone),
  address: text(v.address),
});

/**
 * The fields that changed, for a PATCH — plus, always, the fields whose schema has a default (races,
 * raceDeclined, ethnicity, interpreterNeeded): `ZUpdateYouth` is `.partial()` of schemas with `.default()`, and
 * Zod 4 applies those defaults to missing keys, so leaving them out would reset them on the server.
 */
export const changedFields = (
  before: YouthFormValues,
  after: YouthFormValues,
): Partial<ReturnType<typeof toPayload>> => {
  const a = toPayload(before) as Record<string, unknown>;
  const b = toPayload(after) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b)) if (JSON.stringify(a[k]) !== JSON.stringify(v)) out[k] = v;
  return out;
};

/** The PATCH body: what changed, the defaulted fields as they are (see above), and the version edited. */
export const patchBody = (before: YouthFormValues, after: YouthFormValues, version: number) => {
  const changes = changedFields(before, after);
  if (Object.keys(changes).length === 0) return null;
  const full = toPayload(after);
  return {
    ...changes,
    races: full.races,
    raceDeclined: full.raceDeclined,
    ethnicity: full.ethnicity,
    interpreterNeeded: full.interpreterNeeded,
    version,
  };
};

export const validateYouth = (
  t: Parameters<typeof zodFieldErrors>[0],
  mode: 'create' | 'edit',
  body: unknown,
): Record<string, string> => {
  const parsed = mode === 'create' ? ZCreateYouth.safeParse(body) : ZUpdateYouth.safeParse(body);
  const errors = parsed.success ? {} : zodFieldErrors(t, parsed.error);
  const dob = (body as { dateOfBirth?: string }).dateOfBirth;
  if (dob && !errors.dateOfBirth && dob > todayIso()) errors.dateOfBirth = t('validation.dateInFuture');
  return errors;
};

type Props = {
  idPrefix: string;
  initial: YouthFormValues;
  programs: TProgram[];
  pending: boolean;
  serverError: unknown;
  submitLabel: string;
  /** Returns client-side field errors, or submits and returns {}. */
  onSubmit: (values: YouthFormValues) => Record<string, string>;
  onCancel?: () => void;
  /** Shown above the fields (e.g. a version-conflict notice). */
  notice?: ReactNode;
};

export function YouthForm({
  idPrefix,
  initial,
  programs,
  pending,
  serverError,
  submitLabel,
  onSubmit,
  onCancel,
  notice,
}: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof YouthFormValues>(key: K, value: YouthFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const id = (name: string) => `${idPrefix}-${name}`;

  const errors = fieldErrors(clientErrors, serverError);
  const labels: Record<string, string> = {
    programId: t('youth.fields.program'),
    firstName: t('youth.fields.firstName'),
    lastName: t('youth.fields.lastName'),
    preferredName: t('youth.fields.preferredName'),
    pronouns: t('youth.fields.pronouns'),
    dateOfBirth: t('youth.fields.dateOfBirth'),
    genderIdentity: t('youth.fields.genderIdentity'),
    races: t('youth.fields.race'),
    raceDeclined: t('youth.fields.raceDeclined'),
    ethnicity: t('youth.fields.ethnicity'),
    primaryLanguage: t('youth.fields.primaryLanguage'),
    interpreterNeeded: t('youth.fields.interpreterNeeded'),
    school: t('youth.fields.school'),
    grade: t('youth.fields.grade'),
    payer: t('youth.fields.payer'),
    memberId: t('youth.fields.memberId'),
    phone: t('youth.fields.phone'),
    address: t('youth.fields.address'),
  };

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const found = onSubmit(values);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      const first = Object.keys(found)[0]!.split('.')[0]!;
      document.getElementById(id(first))?.focus();
    }
  };

  const clientSummary = Object.keys(clientErrors).length > 0;
  const toggleRace = (race: Race, on: boolean) =>
    setValues((v) => ({
      ...v,
      races: on ? [...v.races, race] : v.races.filter((r) => r !== race),
      raceDeclined: on ? false : v.raceDeclined,
    }));

  return (
    <form className="youth-form" onSubmit={submit} noValidate aria-busy={pending}>
      {notice}
      {clientSummary ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{t('errors.fixFields', { count: Object.keys(clientErrors).length })}</p>
          <ul>
            {Object.entries(clientErrors).map(([path, message]) => {
              const base = path.split('.')[0]!;
              return (
                <li key={path}>
                  <a href={`#${id(base)}`}>{labels[base] ?? path}</a>: {message}
                </li>
              );
            })}
          </ul>
        </div>
      ) : (
        <FormError error={serverError} fieldLabels={labels} idPrefix={idPrefix} />
      )}

      <fieldset className="section">
        <legend>{t('youth.sections.identity')}</legend>
        <div className="grid-2">
          <TextField
            id={id('firstName')}
            label={labels.firstName}
            value={values.firstName}
            onChange={(v) => set('firstName', v)}
            required
            maxLength={100}
            autoComplete="off"
            error={errors.firstName}
          />
          <TextField
            id={id('lastName')}
            label={labels.lastName}
            value={values.lastName}
            onChange={(v) => set('lastName', v)}
            required
            maxLength={100}
            autoComplete="off"
            error={errors.lastName}
          />
          <TextField
            id={id('preferredName')}
            label={labels.preferredName}
            value={values.preferredName}
            onChange={(v) => set('preferredName', v)}
            maxLength={100}
            autoComplete="off"
            hint={t('youth.hints.preferredName')}
            error={errors.preferredName}
          />
          <TextField
            id={id('pronouns')}
            label={labels.pronouns}
            value={values.pronouns}
            onChange={(v) => set('pronouns', v)}
            maxLength={40}
            autoComplete="off"
            hint={t('youth.hints.pronouns')}
            error={errors.pronouns}
          />
          <TextField
            id={id('dateOfBirth')}
            type="date"
            label={labels.dateOfBirth}
            value={values.dateOfBirth}
            onChange={(v) => set('dateOfBirth', v)}
            required
            max={todayIso()}
            error={errors.dateOfBirth}
          />
          <TextField
            id={id('genderIdentity')}
            label={labels.genderIdentity}
            value={values.genderIdentity}
            onChange={(v) => set('genderIdentity', v)}
            maxLength={60}
            autoComplete="off"
            error={errors.genderIdentity}
          />
        </div>
      </fieldset>

      <fieldset className="section">
        <legend>{t('youth.sections.raceEthnicity')}</legend>
        <Fieldset id={id('races')} legend={labels.races} hint={t('youth.hints.race')} error={errors.races}>
          {OMB_RACES.map((race) => (
            <Checkbox
              key={race}
              id={id(`race-${race}`)}
              label={t(`youth.races.${race}`)}
              checked={values.races.includes(race)}
              onChange={(on) => toggleRace(race, on)}
            />
          ))}
          <Checkbox
            id={id('raceDeclined')}
            label={labels.raceDeclined}
            checked={values.raceDeclined}
            onChange={(on) => setValues((v) => ({ ...v, raceDeclined: on, races: on ? [] : v.races }))}
            error={errors.raceDeclined}
          />
        </Fieldset>
        <RadioGroup
          id={id('ethnicity')}
          name={id('ethnicity')}
          legend={labels.ethnicity}
          value={values.ethnicity}
          onChange={(v) => set('ethnicity', v as Ethnicity)}
          options={ETHNICITIES.map((e) => ({ value: e, label: t(`youth.ethnicities.${e}`) }))}
          error={errors.ethnicity}
        />
      </fieldset>

      <fieldset className="section">
        <legend>{t('youth.sections.language')}</legend>
        <div className="grid-2">
          <TextField
            id={id('primaryLanguage')}
            label={labels.primaryLanguage}
            value={values.primaryLanguage}
            onChange={(v) => set('primaryLanguage', v)}
            maxLength={60}
            error={errors.primaryLanguage}
          />
        </div>
        <Checkbox
          id={id('interpreterNeeded')}
          label={labels.interpreterNeeded}
          checked={values.interpreterNeeded}
          onChange={(v) => set('interpreterNeeded', v)}
          error={errors.interpreterNeeded}
        />
      </fieldset>

      <fieldset className="section">
        <legend>{t('youth.sections.schoolCoverage')}</legend>
        <div className="grid-2">
          <TextField
            id={id('school')}
            label={labels.school}
            value={values.school}
            onChange={(v) => set('school', v)}
            maxLength={200}
            error={errors.school}
          />
          <TextField
            id={id('grade')}
            label={labels.grade}
            value={values.grade}
            onChange={(v) => set('grade', v)}
            maxLength={20}
            error={errors.grade}
          />
          <SelectField
            id={id('payer')}
            label={labels.payer}
            value={values.payer}
            onChange={(v) => set('payer', v as Payer | '')}
            emptyLabel={t('common.notRecorded')}
            options={PAYERS.map((p) => ({ value: p, label: t(`youth.payers.${p}`) }))}
            error={errors.payer}
          />
          <TextField
            id={id('memberId')}
            label={labels.memberId}
            value={values.memberId}
            onChange={(v) => set('memberId', v)}
            maxLength={60}
            autoComplete="off"
            error={errors.memberId}
          />
        </div>
      </fieldset>

      <fieldset className="section">
        <legend>{t('youth.sections.contact')}</legend>
        <div className="grid-2">
          <TextField
            id={id('phone')}
            type="tel"
            label={labels.phone}
            value={values.phone}
            onChange={(v) => set('phone', v)}
            maxLength={40}
            autoComplete="off"
            error={errors.phone}
          />
        </div>
        <TextArea
          id={id('address')}
          label={labels.address}
          value={values.address}
          onChange={(v) => set('address', v)}
          maxLength={300}
          rows={3}
          error={errors.address}
        />
      </fieldset>

      <fieldset className="section">
        <legend>{t('youth.sections.program')}</legend>
        <SelectField
          id={id('programId')}
          label={labels.programId}
          value={values.programId}
          onChange={(v) => set('programId', v)}
          required
          emptyLabel={t('common.choose')}
          options={programs
            .filter((p) => p.active || p.id === values.programId)
            .map((p) => ({ value: p.id, label: p.name }))}
          error={errors.programId}
        />
      </fieldset>

      <div className="actions">
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? t('common.saving') : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
