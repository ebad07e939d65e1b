import { PAYERS, type TRuleSet, type TRuleSetVersion, ZCreateRuleSet } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError, v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { Checkbox, Fieldset, SelectField, TextField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fieldErrors, zodFieldErrors } from '../../errors.ts';
import { formatDate, formatDateTime, formatList, formatNumber, todayIso } from '../../format.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { usePermissions } from '../../session.tsx';
import { MetMark } from './parts.tsx';
import { ProgramSafetySection } from '../safety/ProgramSafetySection.tsx';
import { intakeKeys, usePresets, useProgram, useRuleSets } from './queries.ts';

/** A program's settings: the four-part definition checklist, the rules in force, and the versions of its rules. */
export function ProgramSettingsPage() {
  const { programId = '' } = useParams();
  const { t } = useTranslation();
  const { can } = usePermissions();
  const program = useProgram(programId);
  const versions = useRuleSets(programId);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  usePageTitle(program.data?.name ?? t('intake.programs.title'));

  if (program.isPending) return <Loading />;
  if (program.error) {
    return (
      <>
        <h1>{t('intake.programs.title')}</h1>
        {isApiError(program.error, 'NOT_FOUND') ? (
          <p>{t('intake.programs.notFound')}</p>
        ) : (
          <QueryError error={program.error} retry={() => void program.refetch()} />
        )}
        <p>
          <Link to="/programs">{t('intake.programs.back')}</Link>
        </p>
      </>
    );
  }
  const p = program.data;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/programs">{t('intake.programs.back')}</Link>
      </p>
      <h1>{p.name}</h1>
      <p className="muted">{t(`intake.programKinds.${p.kind}`)}</p>
      {message ? <StatusMessage>{message}</StatusMessage> : null}

      {can('program_safety.read') ? (
        <ProgramSafetySection programId={p.id} canEdit={can('program_safety.write')} />
      ) : null}

      <section className="card" aria-labelledby="definition-heading">
        <h2 id="definition-heading">{t('intake.definition.title')}</h2>
        <p>
          {p.definition.meets ? (
            <strong>{t('intake.definition.meets')}</strong>
          ) : (
            <strong>{t('intake.definition.doesNotMeet')}</strong>
          )}
        </p>
        <ul className="intake-checklist">
          {p.definition.criteria.map((c) => (
            <li key={c.code}>
              <MetMark met={c.met} /> <strong>{t(`intake.definition.criteria.${c.code}`)}</strong>
              <DefinitionDetail code={c.code} met={c.met} counts={c.counts} kind={p.kind} />
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t('intake.rules.inForceTitle')}</h2>
        {p.ruleSet ? (
          <>
            <p className="muted">
              {t('intake.rules.versionLine', {
                version: p.ruleSet.version,
                date: formatDate(p.ruleSet.effectiveFrom, 'long'),
              })}
            </p>
            <RulesList rules={p.ruleSet.rules} />
          </>
        ) : (
          <p className="alert alert-warning">{t('intake.rules.noneInForce')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="versions-heading">
        <div className="section-head">
          <h2 id="versions-heading">{t('intake.rules.versionsTitle')}</h2>
          {can('rule_set.write') && !adding ? (
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setMessage(null);
                setAdding(true);
              }}
            >
              {t('intake.rules.add')}
            </button>
          ) : null}
        </div>
        <p className="hint">{t('intake.rules.versionsHint')}</p>
        {adding ? (
          <RuleSetForm
            programId={programId}
            latest={versions.data?.versions[0]}
            current={p.ruleSet?.rules}
            onDone={(v) => {
              setAdding(false);
              setMessage(t('intake.rules.added', { version: v.version, date: formatDate(v.effectiveFrom, 'long') }));
            }}
            onCancel={() => setAdding(false)}
          />
        ) : null}
        {versions.isPending ? (
          <Loading />
        ) : versions.error ? (
          <QueryError error={versions.error} retry={() => void versions.refetch()} />
        ) : versions.data.versions.length === 0 ? (
          <p>{t('intake.rules.noVersions')}</p>
        ) : (
          <>
            <ScrollTable labelledBy="versions-heading">
              <table>
                <caption className="visually-hidden">{t('intake.rules.versionsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('intake.rules.version')}</th>
                    <th scope="col">{t('intake.rules.effectiveFrom')}</th>
                    <th scope="col">{t('intake.rules.preset')}</th>
                    <th scope="col">{t('intake.rules.createdBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {versions.data.versions.map((v) => (
                    <tr key={v.id}>
                      <td>
                        {v.version}{' '}
                        {v.inForce ? <span className="badge badge-active">{t('intake.rules.inForce')}</span> : null}
                        {v.effectiveFrom > versions.data.today ? (
                          <span className="badge badge-info">{t('intake.rules.upcoming')}</span>
                        ) : null}
                      </td>
                      <td>{formatDate(v.effectiveFrom)}</td>
                      <td>{v.preset ? t(`intake.presets.${v.preset as 'community_tm'}`) : t('intake.rules.custom')}</td>
                      <td>
                        {v.createdBy?.name ?? ''}
                        <div className="muted small">{formatDateTime(v.createdAt)}</div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
            {versions.data.versions.map((v) => (
              <details key={v.id} className="intake-details">
                <summary>{t('intake.rules.showVersion', { version: v.version })}</summary>
                <RulesList rules={v.rules} />
              </details>
            ))}
          </>
        )}
      </section>
    </>
  );
}

/** What a criterion's finding rests on, in the user's language. */
function DefinitionDetail({
  code,
  met,
  counts,
  kind,
}: {
  code: string;
  met: boolean;
  counts: Record<string, number>;
  kind: 'therapeutic_mentoring' | 'community';
}) {
  const { t } = useTranslation();
  let text: string;
  if (code === 'mental_health_aim') {
    text =
      kind === 'therapeutic_mentoring'
        ? t('intake.definition.detail.aimKind')
        : met
          ? t('intake.definition.detail.aimMeasures')
          : t('intake.definition.detail.aimNone');
  } else if (code === 'evidence_based_practices') {
    text =
      kind === 'therapeutic_mentoring'
        ? t('intake.definition.detail.ebpKind')
        : t('intake.definition.detail.ebpContacts', { count: counts.skillContacts ?? 0 });
  } else if (!counts.mentors) {
    text = t('intake.definition.detail.noMentors');
  } else if (code === 'paraprofessionals') {
    text = t('intake.definition.detail.para', {
      n: formatNumber(counts.paraprofessionals ?? 0),
      of: formatNumber(counts.mentors),
    });
  } else {
    text = t('intake.definition.detail.supervised', {
      n: formatNumber(counts.supervised ?? 0),
      of: formatNumber(counts.mentors),
    });
  }
  return <div className="muted small">{text}</div>;
}

function RulesList({ rules: r }: { rules: TRuleSet }) {
  const { t } = useTranslation();
  const days = (n: number | null) => (n == null ? t('intake.rules.none') : t('intake.rules.days', { count: n }));
  const yesNo = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  const rows: [string, ReactNode][] = [
    [
      t('intake.rules.f.eligibilityAgeLimit'),
      r.eligibilityAgeLimit == null ? t('intake.rules.noLimit') : t('intake.rules.under', { age: r.eligibilityAgeLimit }),
    ],
    [
      t('intake.rules.f.eligibleCoverage'),
      r.eligibleCoverage.length ? formatList(r.eligibleCoverage.map((c) => t(`youth.payers.${c}`))) : t('intake.rules.anyCoverage'),
    ],
    [t('intake.rules.f.hubRequired'), yesNo(r.hubRequired)],
    [t('intake.rules.f.hubContactIntervalDays'), days(r.hubContactIntervalDays)],
    [t('intake.rules.f.supervisionIntervalDays'), days(r.supervisionIntervalDays)],
    [t('intake.rules.f.supervisionMinMinutes'), t('intake.rules.minutes', { count: r.supervisionMinMinutes })],
    [t('intake.rules.f.noteSigningDeadlineHours'), t('intake.rules.hours', { count: r.noteSigningDeadlineHours })],
    [t('intake.rules.f.billable'), yesNo(r.billable)],
    [
      t('intake.rules.f.serviceCode'),
      r.serviceCode ? [r.serviceCode, ...r.modifiers].join(' ') : t('intake.rules.none'),
    ],
    [
      t('intake.rules.f.units'),
      t('intake.rules.unitsValue', { unit: r.unitMinutes, from: r.partialUnitFromMinutes }),
    ],
    [t('intake.rules.f.maxUnitsPerDay'), r.maxUnitsPerDay == null ? t('intake.rules.noLimit') : String(r.maxUnitsPerDay)],
    [
      t('intake.rules.f.measurementSchedule'),
      [
        r.measurementSchedule.baseline ? t('intake.rules.baseline') : null,
        r.measurementSchedule.everyWeeks ? t('intake.rules.everyWeeks', { count: r.measurementSchedule.everyWeeks }) : null,
        r.measurementSchedule.atDischarge ? t('intake.rules.atDischarge') : null,
      ]
        .filter(Boolean)
        .join(', ') || t('intake.rules.none'),
    ],
    [t('intake.rules.f.matchSupportIntervalDays'), days(r.matchSupportIntervalDays)],
  ];
  return (
    <dl className="details">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type FormValues = {
  effectiveFrom: string;
  preset: string;
  eligibilityAgeLimit: string;
  eligibleCoverage: string[];
  hubRequired: boolean;
  hubContactIntervalDays: string;
  supervisionIntervalDays: string;
  supervisionMinMinutes: string;
  noteSigningDeadlineHours: string;
  billable: boolean;
  serviceCode: string;
  modifiers: string;
  unitMinutes: string;
  partialUnitFromMinutes: string;
  maxUnitsPerDay: string;
  baseline: boolean;
  everyWeeks: string;
  atDischarge: boolean;
  matchSupportIntervalDays: string;
};

const fromRules = (r: TRuleSet): Omit<FormValues, 'effectiveFrom' | 'preset'> => ({
  eligibilityAgeLimit: r.eligibilityAgeLimit == null ? '' : String(r.eligibilityAgeLimit),
  eligibleCoverage: [...r.eligibleCoverage],
  hubRequired: r.hubRequired,
  hubContactIntervalDays: r.hubContactIntervalDays == null ? '' : String(r.hubContactIntervalDays),
  supervisionIntervalDays: r.supervisionIntervalDays == null ? '' : String(r.supervisionIntervalDays),
  supervisionMinMinutes: String(r.supervisionMinMinutes),
  noteSigningDeadlineHours: String(r.noteSigningDeadlineHours),
  billable: r.billable,
  serviceCode: r.serviceCode ?? '',
  modifiers: r.modifiers.join(', '),
  unitMinutes: String(r.unitMinutes),
  partialUnitFromMinutes: String(r.partialUnitFromMinutes),
  maxUnitsPerDay: r.maxUnitsPerDay == null ? '' : String(r.maxUnitsPerDay),
  baseline: r.measurementSchedule.baseline,
  everyWeeks: r.measurementSchedule.everyWeeks == null ? '' : String(r.measurementSchedule.everyWeeks),
  atDischarge: r.measurementSchedule.atDischarge,
  matchSupportIntervalDays: r.matchSupportIntervalDays == null ? '' : String(r.matchSupportIntervalDays),
});

const RULE_FIELDS = [
  'eligibilityAgeLimit',
  'eligibleCoverage',
  'hubRequired',
  'hubContactIntervalDays',
  'supervisionIntervalDays',
  'supervisionMinMinutes',
  'noteSigningDeadlineHours',
  'billable',
  'serviceCode',
  'modifiers',
  'unitMinutes',
  'partialUnitFromMinutes',
  'maxUnitsPerDay',
  'measurementSchedule',
  'matchSupportIntervalDays',
] as const;

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
const numOrNull = (s: string) => (s.trim() === '' ? null : Number(s));

const toRules = (v: FormValues) => ({
  eligibilityAgeLimit: numOrNull(v.eligibilityAgeLimit),
  eligibleCoverage: v.eligibleCoverage,
  hubRequired: v.hubRequired,
  hubContactIntervalDays: numOrNull(v.hubContactIntervalDays),
  supervisionIntervalDays: numOrNull(v.supervisionIntervalDays),
  supervisionMinMinutes: num(v.supervisionMinMinutes),
  noteSigningDeadlineHours: num(v.noteSigningDeadlineHours),
  billable: v.billable,
  serviceCode: v.serviceCode.trim() || null,
  modifiers: v.modifiers
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean),
  unitMinutes: num(v.unitMinutes),
  partialUnitFromMinutes: num(v.partialUnitFromMinutes),
  maxUnitsPerDay: numOrNull(v.maxUnitsPerDay),
  measurementSchedule: { baseline: v.baseline, everyWeeks: numOrNull(v.everyWeeks), atDischarge: v.atDischarge },
  matchSupportIntervalDays: numOrNull(v.matchSupportIntervalDays),
});

/** Adds a rule set version: start from a preset or the rules in force, edit any field, choose the effective date. */
function RuleSetForm({
  programId,
  latest,
  current,
  onDone,
  onCancel,
}: {
  programId: string;
  latest: TRuleSetVersion | undefined;
  current: TRuleSet | undefined;
  onDone: (v: TRuleSetVersion) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const presets = usePresets();
  const start = current ?? latest?.rules;
  const [values, setValues] = useState<FormValues | null>(() =>
    start
      ? {
          effectiveFrom: latest && latest.effectiveFrom > todayIso() ? latest.effectiveFrom : todayIso(),
          preset: '',
          ...fromRules(start),
        }
      : null,
  );
  const [id] = useState(newId);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const idempotency = useIdempotencyKey();
  const p = 'rules';

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1<TRuleSetVersion>(`/programs/${programId}/rule-sets`, {
        method: 'POST',
        body,
        idempotencyKey: idempotency.keyFor(body),
      }),
    onSuccess: async (v) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: intakeKeys.ruleSets(programId) }),
        queryClient.invalidateQueries({ queryKey: intakeKeys.program(programId) }),
      ]);
      onDone(v);
    },
  });

  const applyPreset = (key: string) => {
    const preset = presets.data?.find((x) => x.key === key);
    const rules = preset?.rules ?? start;
    if (!rules) return;
    setValues((v) => ({
      effectiveFrom: v?.effectiveFrom ?? todayIso(),
      preset: preset ? key : '',
      ...fromRules(rules),
    }));
  };

  if (!values) {
    return (
      <div className="subform">
        {presets.isPending ? (
          <Loading />
        ) : presets.error ? (
          <QueryError error={presets.error} />
        ) : (
          <SelectField
            id={`${p}-preset`}
            label={t('intake.rules.startFrom')}
            value=""
            onChange={applyPreset}
            emptyLabel={t('common.choose')}
            options={presets.data.map((x) => ({ value: x.key, label: t(`intake.presets.${x.key}`) }))}
          />
        )}
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    );
  }

  const set = <K extends keyof FormValues>(k: K, v: FormValues[K]) => setValues((s) => (s ? { ...s, [k]: v } : s));
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const body = { id, effectiveFrom: values.effectiveFrom, preset: values.preset || null, rules: toRules(values) };
    const parsed = ZCreateRuleSet.safeParse(body);
    const errors = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    if (latest && values.effectiveFrom && values.effectiveFrom < latest.effectiveFrom)
      errors.effectiveFrom = t('intake.rules.notBefore', { date: formatDate(latest.effectiveFrom) });
    setClientErrors(errors);
    if (Object.keys(errors).length === 0) save.mutate(body);
    else document.getElementById(`${p}-${Object.keys(errors)[0]!.replace(/^rules\./, '').split('.')[0]}`)?.focus();
  };
  const errors = fieldErrors(clientErrors, save.error);
  const e = (k: string) => errors[`rules.${k}`];
  const labelOf = (k: string) => t(`intake.rules.f.${k as 'billable'}`);
  const numberField = (k: keyof FormValues, hint?: string, required = true) => (
    <TextField
      id={`${p}-${k}`}
      type="number"
      inputMode="numeric"
      label={labelOf(k)}
      hint={hint}
      value={values[k] as string}
      onChange={(v) => set(k, v as never)}
      required={required}
      error={e(k)}
    />
  );

  return (
    <form id={`${p}-rules`} className="subform" onSubmit={submit} noValidate aria-label={t('intake.rules.add')}>
      <h3>{t('intake.rules.addTitle')}</h3>
      <FormError
        error={save.error}
        idPrefix={p}
        fieldLabels={{
          effectiveFrom: t('intake.rules.effectiveFrom'),
          rules: t('intake.rules.rulesLabel'),
          ...Object.fromEntries(RULE_FIELDS.map((k) => [`rules.${k}`, labelOf(k)])),
        }}
      />
      <div className="grid-2">
        <SelectField
          id={`${p}-preset`}
          label={t('intake.rules.startFrom')}
          hint={t('intake.rules.startFromHint')}
          value={values.preset}
          onChange={applyPreset}
          emptyLabel={start ? t('intake.rules.currentRules') : t('common.choose')}
          options={(presets.data ?? []).map((x) => ({ value: x.key, label: t(`intake.presets.${x.key}`) }))}
        />
        <TextField
          id={`${p}-effectiveFrom`}
          type="date"
          label={t('intake.rules.effectiveFrom')}
          hint={latest ? t('intake.rules.notBefore', { date: formatDate(latest.effectiveFrom) }) : undefined}
          value={values.effectiveFrom}
          onChange={(v) => set('effectiveFrom', v)}
          required
          min={latest?.effectiveFrom}
          error={errors.effectiveFrom}
        />
      </div>
      <fieldset className="section">
        <legend>{t('intake.rules.eligibility')}</legend>
        {numberField('eligibilityAgeLimit', t('intake.rules.blankNoLimit'), false)}
        <Fieldset
          id={`${p}-eligibleCoverage`}
          legend={labelOf('eligibleCoverage')}
          hint={t('intake.rules.coverageHint')}
          error={e('eligibleCoverage')}
        >
          {PAYERS.map((c) => (
            <Checkbox
              key={c}
              id={`${p}-coverage-${c}`}
              label={t(`youth.payers.${c}`)}
              checked={values.eligibleCoverage.includes(c)}
              onChange={(on) =>
                set(
                  'eligibleCoverage',
                  on ? [...values.eligibleCoverage, c] : values.eligibleCoverage.filter((x) => x !== c),
                )}
            />
          ))}
        </Fieldset>
        <Checkbox
          id={`${p}-hubRequired`}
          label={labelOf('hubRequired')}
          checked={values.hubRequired}
          onChange={(v) => set('hubRequired', v)}
          error={e('hubRequired')}
        />
      </fieldset>
      <fieldset className="section">
        <legend>{t('intake.rules.cadences')}</legend>
        <div className="grid-2">
          {numberField('hubContactIntervalDays', t('intake.rules.blankNone'), false)}
          {numberField('supervisionIntervalDays', t('intake.rules.blankNone'), false)}
          {numberField('supervisionMinMinutes')}
          {numberField('noteSigningDeadlineHours')}
          {numberField('matchSupportIntervalDays', t('intake.rules.blankNone'), false)}
        </div>
      </fieldset>
      <fieldset className="section">
        <legend>{t('intake.rules.billing')}</legend>
        <Checkbox
          id={`${p}-billable`}
          label={labelOf('billable')}
          checked={values.billable}
          onChange={(v) => set('billable', v)}
          error={e('billable')}
        />
        <div className="grid-2">
          <TextField
            id={`${p}-serviceCode`}
            label={labelOf('serviceCode')}
            value={values.serviceCode}
            onChange={(v) => set('serviceCode', v)}
            maxLength={10}
            error={e('serviceCode')}
          />
          <TextField
            id={`${p}-modifiers`}
            label={labelOf('modifiers')}
            hint={t('intake.rules.modifiersHint')}
            value={values.modifiers}
            onChange={(v) => set('modifiers', v)}
            error={e('modifiers') ?? errors['rules.modifiers.0']}
          />
          {numberField('unitMinutes')}
          {numberField('partialUnitFromMinutes', t('intake.rules.partialHint'))}
          {numberField('maxUnitsPerDay', t('intake.rules.blankNoLimit'), false)}
        </div>
      </fieldset>
      <fieldset className="section">
        <legend>{labelOf('measurementSchedule')}</legend>
        <Checkbox
          id={`${p}-baseline`}
          label={t('intake.rules.baseline')}
          checked={values.baseline}
          onChange={(v) => set('baseline', v)}
        />
        <TextField
          id={`${p}-measurementSchedule`}
          type="number"
          inputMode="numeric"
          label={t('intake.rules.everyWeeksLabel')}
          hint={t('intake.rules.blankNone')}
          value={values.everyWeeks}
          onChange={(v) => set('everyWeeks', v)}
          error={errors['rules.measurementSchedule.everyWeeks']}
        />
        <Checkbox
          id={`${p}-atDischarge`}
          label={t('intake.rules.atDischarge')}
          checked={values.atDischarge}
          onChange={(v) => set('atDischarge', v)}
        />
      </fieldset>
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('intake.rules.save')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
