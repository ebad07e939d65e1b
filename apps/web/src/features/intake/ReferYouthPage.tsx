import {
  HUB_TYPES,
  LEGAL_AUTHORITIES,
  PAYERS,
  PLAN_TYPES,
  type TReferral,
  ZCreateReferral,
} from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { v1 } from '../../api.ts';
import { FormError } from '../../components/feedback.tsx';
import { Checkbox, Fieldset, RadioGroup, SelectField, TextArea, TextField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { fieldErrors, zodFieldErrors } from '../../errors.ts';
import { todayIso } from '../../format.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { usePermissions } from '../../session.tsx';
import { usePrograms } from '../youth/queries.ts';
import { intakeKeys } from './queries.ts';

type PlanGoal = { key: string; text: string; planGoalId: string; planType: string; planDate: string };
const emptyGoal = (): PlanGoal => ({ key: newId(), text: '', planGoalId: '', planType: '', planDate: '' });

type Values = {
  programId: string;
  firstName: string;
  lastName: string;
  preferredName: string;
  pronouns: string;
  dateOfBirth: string;
  primaryLanguage: string;
  interpreterNeeded: boolean;
  payer: string;
  memberId: string;
  phone: string;
  school: string;
  grade: string;
  withGuardian: boolean;
  gFirstName: string;
  gLastName: string;
  gRelationship: string;
  gLegalAuthority: string;
  gPhone: string;
  gEmail: string;
  hubType: string;
  hubAgency: string;
  hubClinician: string;
  hubPhone: string;
  hubEmail: string;
  hubStartedOn: string;
  reason: string;
  lastAssessmentOn: string;
  lastCansOn: string;
};

const p = 'refer';
const trim = (s: string) => s.trim();
const orNull = (s: string) => s.trim() || null;

const toBody = (v: Values, goals: PlanGoal[], ids: { referral: string; youth: string }) => ({
  id: ids.referral,
  programId: v.programId,
  youth: {
    id: ids.youth,
    firstName: trim(v.firstName),
    lastName: trim(v.lastName),
    preferredName: orNull(v.preferredName),
    pronouns: orNull(v.pronouns),
    dateOfBirth: v.dateOfBirth,
    primaryLanguage: orNull(v.primaryLanguage),
    interpreterNeeded: v.interpreterNeeded,
    payer: v.payer || null,
    memberId: orNull(v.memberId),
    phone: orNull(v.phone),
    school: orNull(v.school),
    grade: orNull(v.grade),
  },
  guardian: v.withGuardian
    ? {
        firstName: trim(v.gFirstName),
        lastName: trim(v.gLastName),
        relationship: trim(v.gRelationship),
        legalAuthority: v.gLegalAuthority,
        phone: orNull(v.gPhone),
        email: orNull(v.gEmail),
      }
    : null,
  hub: {
    type: v.hubType,
    agency: trim(v.hubAgency),
    clinicianName: trim(v.hubClinician),
    phone: orNull(v.hubPhone),
    email: orNull(v.hubEmail),
    startedOn: v.hubStartedOn,
  },
  reason: trim(v.reason),
  planGoals: goals.map((g) => ({
    text: trim(g.text),
    planGoalId: orNull(g.planGoalId),
    planType: g.planType,
    planDate: g.planDate || null,
  })),
  lastAssessmentOn: v.lastAssessmentOn || null,
  lastCansOn: v.lastCansOn || null,
});

/** Field path → the id of the element that shows it (nested paths use dashes). */
const idOf = (path: string) => `${p}-${path.replaceAll('.', '-')}`;

/** "Refer a youth": used by a hub clinician, or by staff entering a referral on a hub's behalf. */
export function ReferYouthPage() {
  const { t } = useTranslation();
  const { me } = usePermissions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const programs = usePrograms();
  const isHub = me?.organizations
    .find((o) => o.id === me.activeOrganizationId)
    ?.roles.some((r) => r.role === 'hub_clinician');
  const [values, setValues] = useState<Values>(() => ({
    programId: '',
    firstName: '',
    lastName: '',
    preferredName: '',
    pronouns: '',
    dateOfBirth: '',
    primaryLanguage: '',
    interpreterNeeded: false,
    payer: '',
    memberId: '',
    phone: '',
    school: '',
    grade: '',
    withGuardian: true,
    gFirstName: '',
    gLastName: '',
    gRelationship: '',
    gLegalAuthority: '',
    gPhone: '',
    gEmail: '',
    hubType: '',
    hubAgency: '',
    hubClinician: isHub ? (me?.user.name ?? '') : '',
    hubPhone: '',
    hubEmail: isHub ? (me?.user.email ?? '') : '',
    hubStartedOn: '',
    reason: '',
    lastAssessmentOn: '',
    lastCansOn: '',
  }));
  const [goals, setGoals] = useState<PlanGoal[]>(() => [emptyGoal()]);
  const [ids] = useState(() => ({ referral: newId(), youth: newId() }));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const idempotency = useIdempotencyKey();
  usePageTitle(t('intake.refer.title'));
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((s) => ({ ...s, [k]: v }));
  const setGoal = (key: string, patch: Partial<PlanGoal>) =>
    setGoals((gs) => gs.map((g) => (g.key === key ? { ...g, ...patch } : g)));

  const save = useMutation({
    mutationFn: (body: ReturnType<typeof toBody>) =>
      v1<TReferral>('/referrals', { method: 'POST', body, idempotencyKey: idempotency.keyFor(body) }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: intakeKeys.all });
      void navigate(`/referrals/${r.id}`, { state: { created: true } });
    },
  });

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const body = toBody(values, goals, ids);
    const parsed = ZCreateReferral.safeParse(body);
    const errors = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    const today = todayIso();
    if (values.dateOfBirth && values.dateOfBirth > today) errors['youth.dateOfBirth'] = t('validation.dateInFuture');
    setClientErrors(errors);
    if (Object.keys(errors).length === 0) save.mutate(body);
    else document.getElementById(idOf(Object.keys(errors)[0]!))?.focus();
  };

  const errors = fieldErrors(clientErrors, save.error);
  const labels: Record<string, string> = {
    programId: t('intake.fields.program'),
    youth: t('intake.refer.youthSection'),
    'youth.firstName': t('youth.fields.firstName'),
    'youth.lastName': t('youth.fields.lastName'),
    'youth.dateOfBirth': t('youth.fields.dateOfBirth'),
    guardian: t('intake.refer.guardianSection'),
    hub: t('intake.refer.hubSection'),
    'hub.type': t('intake.fields.hubType'),
    'hub.agency': t('intake.fields.agency'),
    'hub.clinicianName': t('intake.fields.referringClinician'),
    'hub.startedOn': t('intake.fields.hubStartedOn'),
    reason: t('intake.fields.reason'),
    planGoals: t('intake.fields.planGoals'),
    lastAssessmentOn: t('intake.fields.lastAssessmentOn'),
    lastCansOn: t('intake.fields.lastCansOn'),
  };
  const err = (path: string) => errors[path];

  return (
    <>
      <p className="breadcrumb">
        <Link to="/referrals">{t('intake.referrals.back')}</Link>
      </p>
      <h1>{t('intake.refer.title')}</h1>
      <p className="muted">{t('intake.refer.intro')}</p>
      <form onSubmit={submit} noValidate aria-busy={save.isPending} className="card">
        <FormError error={save.error} fieldLabels={labels} idPrefix={p} />
        {Object.keys(clientErrors).length > 0 ? (
          <p className="visually-hidden" role="alert">
            {t('errors.fixFields', { count: Object.keys(clientErrors).length })}
          </p>
        ) : null}
        <SelectField
          id={idOf('programId')}
          label={t('intake.fields.program')}
          value={values.programId}
          onChange={(v) => set('programId', v)}
          required
          emptyLabel={t('common.choose')}
          options={(programs.data ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }))}
          error={err('programId')}
        />

        <fieldset className="section" id={idOf('youth')}>
          <legend>{t('intake.refer.youthSection')}</legend>
          <div className="grid-2">
            <TextField
              id={idOf('youth.firstName')}
              label={t('youth.fields.firstName')}
              value={values.firstName}
              onChange={(v) => set('firstName', v)}
              required
              maxLength={100}
              autoComplete="off"
              error={err('youth.firstName')}
            />
            <TextField
              id={idOf('youth.lastName')}
              label={t('youth.fields.lastName')}
              value={values.lastName}
              onChange={(v) => set('lastName', v)}
              required
              maxLength={100}
              autoComplete="off"
              error={err('youth.lastName')}
            />
            <TextField
              id={idOf('youth.preferredName')}
              label={t('youth.fields.preferredName')}
              value={values.preferredName}
              onChange={(v) => set('preferredName', v)}
              maxLength={100}
              autoComplete="off"
              error={err('youth.preferredName')}
            />
            <TextField
              id={idOf('youth.pronouns')}
              label={t('youth.fields.pronouns')}
              value={values.pronouns}
              onChange={(v) => set('pronouns', v)}
              maxLength={40}
              error={err('youth.pronouns')}
            />
            <TextField
              id={idOf('youth.dateOfBirth')}
              type="date"
              label={t('youth.fields.dateOfBirth')}
              value={values.dateOfBirth}
              onChange={(v) => set('dateOfBirth', v)}
              required
              max={todayIso()}
              error={err('youth.dateOfBirth')}
            />
            <TextField
              id={idOf('youth.primaryLanguage')}
              label={t('youth.fields.primaryLanguage')}
              value={values.primaryLanguage}
              onChange={(v) => set('primaryLanguage', v)}
              maxLength={60}
              error={err('youth.primaryLanguage')}
            />
            <SelectField
              id={idOf('youth.payer')}
              label={t('youth.fields.payer')}
              value={values.payer}
              onChange={(v) => set('payer', v)}
              emptyLabel={t('common.notRecorded')}
              options={PAYERS.map((x) => ({ value: x, label: t(`youth.payers.${x}`) }))}
              error={err('youth.payer')}
            />
            <TextField
              id={idOf('youth.memberId')}
              label={t('youth.fields.memberId')}
              value={values.memberId}
              onChange={(v) => set('memberId', v)}
              maxLength={60}
              autoComplete="off"
              error={err('youth.memberId')}
            />
            <TextField
              id={idOf('youth.phone')}
              type="tel"
              label={t('youth.fields.phone')}
              value={values.phone}
              onChange={(v) => set('phone', v)}
              maxLength={40}
              autoComplete="off"
              error={err('youth.phone')}
            />
            <TextField
              id={idOf('youth.school')}
              label={t('youth.fields.school')}
              value={values.school}
              onChange={(v) => set('school', v)}
              maxLength={200}
              error={err('youth.school')}
            />
            <TextField
              id={idOf('youth.grade')}
              label={t('youth.fields.grade')}
              value={values.grade}
              onChange={(v) => set('grade', v)}
              maxLength={20}
              error={err('youth.grade')}
            />
          </div>
          <Checkbox
            id={idOf('youth.interpreterNeeded')}
            label={t('youth.fields.interpreterNeeded')}
            checked={values.interpreterNeeded}
            onChange={(v) => set('interpreterNeeded', v)}
          />
        </fieldset>

        <fieldset className="section" id={idOf('guardian')}>
          <legend>{t('intake.refer.guardianSection')}</legend>
          <Checkbox
            id={idOf('withGuardian')}
            label={t('intake.refer.withGuardian')}
            checked={values.withGuardian}
            onChange={(v) => set('withGuardian', v)}
          />
          {values.withGuardian ? (
            <div className="grid-2">
              <TextField
                id={idOf('guardian.firstName')}
                label={t('guardians.fields.firstName')}
                value={values.gFirstName}
                onChange={(v) => set('gFirstName', v)}
                required
                maxLength={100}
                autoComplete="off"
                error={err('guardian.firstName')}
              />
              <TextField
                id={idOf('guardian.lastName')}
                label={t('guardians.fields.lastName')}
                value={values.gLastName}
                onChange={(v) => set('gLastName', v)}
                required
                maxLength={100}
                autoComplete="off"
                error={err('guardian.lastName')}
              />
              <TextField
                id={idOf('guardian.relationship')}
                label={t('guardians.fields.relationship')}
                value={values.gRelationship}
                onChange={(v) => set('gRelationship', v)}
                required
                maxLength={60}
                error={err('guardian.relationship')}
              />
              <SelectField
                id={idOf('guardian.legalAuthority')}
                label={t('guardians.fields.legalAuthority')}
                value={values.gLegalAuthority}
                onChange={(v) => set('gLegalAuthority', v)}
                required
                emptyLabel={t('common.choose')}
                options={LEGAL_AUTHORITIES.map((a) => ({ value: a, label: t(`guardians.authority.${a}`) }))}
                error={err('guardian.legalAuthority')}
              />
              <TextField
                id={idOf('guardian.phone')}
                type="tel"
                label={t('guardians.fields.phone')}
                value={values.gPhone}
                onChange={(v) => set('gPhone', v)}
                maxLength={40}
                autoComplete="off"
                error={err('guardian.phone')}
              />
              <TextField
                id={idOf('guardian.email')}
                type="email"
                label={t('guardians.fields.email')}
                value={values.gEmail}
                onChange={(v) => set('gEmail', v)}
                autoComplete="off"
                error={err('guardian.email')}
              />
            </div>
          ) : null}
        </fieldset>

        <fieldset className="section" id={idOf('hub')}>
          <legend>{t('intake.refer.hubSection')}</legend>
          <p className="hint">{t('intake.refer.hubHint')}</p>
          <RadioGroup
            id={idOf('hub.type')}
            legend={t('intake.fields.hubType')}
            name="refer-hub-type"
            value={values.hubType}
            onChange={(v) => set('hubType', v)}
            options={HUB_TYPES.map((h) => ({ value: h, label: t(`intake.hubTypesLong.${h}`) }))}
            error={err('hub.type')}
          />
          <div className="grid-2">
            <TextField
              id={idOf('hub.agency')}
              label={t('intake.fields.agency')}
              value={values.hubAgency}
              onChange={(v) => set('hubAgency', v)}
              required
              maxLength={200}
              error={err('hub.agency')}
            />
            <TextField
              id={idOf('hub.clinicianName')}
              label={t('intake.fields.referringClinician')}
              value={values.hubClinician}
              onChange={(v) => set('hubClinician', v)}
              required
              maxLength={200}
              error={err('hub.clinicianName')}
            />
            <TextField
              id={idOf('hub.phone')}
              type="tel"
              label={t('intake.fields.phone')}
              value={values.hubPhone}
              onChange={(v) => set('hubPhone', v)}
              maxLength={40}
              error={err('hub.phone')}
            />
            <TextField
              id={idOf('hub.email')}
              type="email"
              label={t('intake.fields.email')}
              value={values.hubEmail}
              onChange={(v) => set('hubEmail', v)}
              error={err('hub.email')}
            />
            <TextField
              id={idOf('hub.startedOn')}
              type="date"
              label={t('intake.fields.hubStartedOn')}
              value={values.hubStartedOn}
              onChange={(v) => set('hubStartedOn', v)}
              required
              max={todayIso()}
              error={err('hub.startedOn')}
            />
          </div>
        </fieldset>

        <fieldset className="section">
          <legend>{t('intake.refer.referralSection')}</legend>
          <TextArea
            id={idOf('reason')}
            label={t('intake.fields.reason')}
            value={values.reason}
            onChange={(v) => set('reason', v)}
            required
            maxLength={2000}
            rows={4}
            error={err('reason')}
          />
          <Fieldset
            id={idOf('planGoals')}
            legend={t('intake.fields.planGoals')}
            hint={t('intake.refer.planGoalsHint')}
            error={err('planGoals')}
          >
            {goals.map((g, i) => (
              <div key={g.key} className="subform">
                <p className="card-title">{t('intake.refer.planGoalN', { n: i + 1 })}</p>
                <TextArea
                  id={idOf(`planGoals.${i}.text`)}
                  label={t('intake.fields.planGoalText')}
                  value={g.text}
                  onChange={(v) => setGoal(g.key, { text: v })}
                  required
                  maxLength={500}
                  rows={2}
                  error={err(`planGoals.${i}.text`)}
                />
                <div className="grid-2">
                  <TextField
                    id={idOf(`planGoals.${i}.planGoalId`)}
                    label={t('intake.fields.planGoalId')}
                    value={g.planGoalId}
                    onChange={(v) => setGoal(g.key, { planGoalId: v })}
                    maxLength={60}
                    error={err(`planGoals.${i}.planGoalId`)}
                  />
                  <SelectField
                    id={idOf(`planGoals.${i}.planType`)}
                    label={t('intake.fields.planType')}
                    value={g.planType}
                    onChange={(v) => setGoal(g.key, { planType: v })}
                    required
                    emptyLabel={t('common.choose')}
                    options={PLAN_TYPES.map((x) => ({ value: x, label: t(`intake.planTypes.${x}`) }))}
                    error={err(`planGoals.${i}.planType`)}
                  />
                  <TextField
                    id={idOf(`planGoals.${i}.planDate`)}
                    type="date"
                    label={t('intake.fields.planDate')}
                    value={g.planDate}
                    onChange={(v) => setGoal(g.key, { planDate: v })}
                    max={todayIso()}
                    error={err(`planGoals.${i}.planDate`)}
                  />
                </div>
                {goals.length > 1 ? (
                  <button
                    type="button"
                    className="button secondary small"
                    onClick={() => setGoals((gs) => gs.filter((x) => x.key !== g.key))}
                  >
                    {t('intake.refer.removeGoal', { n: i + 1 })}
                  </button>
                ) : null}
              </div>
            ))}
            {goals.length < 10 ? (
              <button type="button" className="button secondary" onClick={() => setGoals((gs) => [...gs, emptyGoal()])}>
                {t('intake.refer.addGoal')}
              </button>
            ) : null}
          </Fieldset>
          <div className="grid-2">
            <TextField
              id={idOf('lastAssessmentOn')}
              type="date"
              label={t('intake.fields.lastAssessmentOn')}
              value={values.lastAssessmentOn}
              onChange={(v) => set('lastAssessmentOn', v)}
              max={todayIso()}
              error={err('lastAssessmentOn')}
            />
            <TextField
              id={idOf('lastCansOn')}
              type="date"
              label={t('intake.fields.lastCansOn')}
              value={values.lastCansOn}
              onChange={(v) => set('lastCansOn', v)}
              max={todayIso()}
              error={err('lastCansOn')}
            />
          </div>
          <p className="hint">{t('intake.refer.attachmentsHint')}</p>
        </fieldset>
        <div className="actions">
          <button type="submit" className="button primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('intake.refer.submit')}
          </button>
          <Link to="/referrals" className="button secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
