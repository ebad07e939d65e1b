import {
  GAS_LEVELS,
  GOAL_STATUSES,
  PLAN_TYPES,
  type TGoal,
  type TGoalProgress,
  type THubPlanGoal,
  ZCreateGoal,
} from '@mentorbridge/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, v1 } from '../../api.ts';
import { Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { Checkbox, RadioGroup, SelectField, TextArea, TextField } from '../../components/fields.tsx';
import { fieldErrors, zodFieldErrors } from '../../errors.ts';
import { formatDate, formatNumber, todayIso } from '../../format.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { CareFormError } from './MatchForms.tsx';
import { useGoalProgress, useRefreshCare, useYouthGoals } from './queries.ts';

const levelLabel = (level: number) => (level > 0 ? `+${level}` : String(level));

export function GoalStatusBadge({ status }: { status: TGoal['status'] }) {
  const { t } = useTranslation();
  const cls = status === 'active' ? 'badge-active' : status === 'met' ? 'badge-info' : 'badge-inactive';
  return <span className={`badge ${cls}`}>{t(`care.goalStatus.${status}`)}</span>;
}

/** Goals from the hub plan (R-1.16, R-1.18–1.20): SMART fields, GAS levels, progress ratings, status. */
export function GoalsSection({
  youthId,
  canWrite,
  canRate,
}: {
  youthId: string;
  canWrite: boolean;
  canRate: boolean;
}) {
  const { t } = useTranslation();
  const goals = useYouthGoals(youthId);
  const [adding, setAdding] = useState<THubPlanGoal | 'blank' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (isApiError(goals.error, 'FORBIDDEN')) return null;
  const data = goals.data;
  const canAdd = canWrite && Boolean(data?.openEpisodeId);
  const unused = (data?.hubPlanGoals ?? []).filter((p) => !p.used);
  return (
    <section className="card" aria-labelledby="goals-heading" id="goals">
      <div className="section-head">
        <h2 id="goals-heading">{t('care.goals.title')}</h2>
        {canAdd && !adding ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setMessage(null);
              setAdding(unused[0] ?? 'blank');
            }}
          >
            {t('care.goals.add')}
          </button>
        ) : null}
      </div>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      {canWrite && data && !data.openEpisodeId ? <p className="muted">{t('care.goals.noEpisode')}</p> : null}
      {adding && data ? (
        <GoalForm
          youthId={youthId}
          planGoals={data.hubPlanGoals}
          initial={adding === 'blank' ? null : adding}
          onDone={() => {
            setAdding(null);
            setMessage(t('care.goals.added'));
          }}
          onCancel={() => setAdding(null)}
        />
      ) : null}
      {goals.isPending ? (
        <Loading />
      ) : goals.error ? (
        <QueryError error={goals.error} retry={() => void goals.refetch()} />
      ) : goals.data.items.length === 0 ? (
        <p>{t('care.goals.none')}</p>
      ) : (
        <ul className="person-list">
          {goals.data.items.map((g) => (
            <GoalItem key={g.id} goal={g} canWrite={canWrite} canRate={canRate} />
          ))}
        </ul>
      )}
    </section>
  );
}

function GoalItem({ goal, canWrite, canRate }: { goal: TGoal; canWrite: boolean; canRate: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [rating, setRating] = useState(false);
  const [editing, setEditing] = useState(false);
  const progress = useGoalProgress(goal.id, open);
  const smart: [string, string | null][] = [
    [t('care.goals.fields.specific'), goal.specific],
    [t('care.goals.fields.measurable'), goal.measurable],
    [t('care.goals.fields.achievable'), goal.achievable],
    [t('care.goals.fields.relevant'), goal.relevant],
  ];
  return (
    <li className="person">
      <h3>{goal.title}</h3>
      <p className="identity-line">
        <GoalStatusBadge status={goal.status} />
        {goal.familyAgreed ? (
          <span className="badge badge-active">{t('care.goals.familyAgreed')}</span>
        ) : (
          <span className="badge badge-warning">
            <span aria-hidden="true">⚠ </span>
            {t('care.goals.familyNotAgreed')}
          </span>
        )}
        {goal.latestLevel != null ? (
          <span className="badge badge-info">
            {t('care.goals.latest', { level: levelLabel(goal.latestLevel), date: formatDate(goal.latestRatedOn) })}
          </span>
        ) : null}
      </p>
      <dl className="details compact">
        <div>
          <dt>{t('care.goals.fields.hubPlanGoal')}</dt>
          <dd>
            {goal.hubPlanGoal}
            {goal.hubPlanGoalId ? <span className="muted"> ({goal.hubPlanGoalId})</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('care.goals.fields.plan')}</dt>
          <dd>
            {t(`care.planType.${goal.planType as 'icc_icp'}`)}
            {goal.planDate ? ` · ${formatDate(goal.planDate)}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('care.goals.fields.owner')}</dt>
          <dd>{goal.ownerName ?? t('common.notRecorded')}</dd>
        </div>
        {smart
          .filter(([, v]) => v)
          .map(([label, v]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        {goal.targetDate ? (
          <div>
            <dt>{t('care.goals.fields.targetDate')}</dt>
            <dd>{formatDate(goal.targetDate)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('care.goals.fields.weight')}</dt>
          <dd>{formatNumber(goal.weight)}</dd>
        </div>
      </dl>
      {goal.gasLevels ? (
        <details className="gas">
          <summary>{t('care.goals.gasTitle')}</summary>
          <ul className="plain">
            {[...GAS_LEVELS].reverse().map((l) => (
              <li key={l}>
                <strong>{levelLabel(Number(l))}</strong> {goal.gasLevels?.[l]}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="actions">
        <button type="button" className="button secondary small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('care.goals.hideProgress') : t('care.goals.showProgress')}
          <span className="visually-hidden"> {goal.title}</span>
        </button>
        {canRate && goal.status === 'active' && !rating ? (
          <button type="button" className="button secondary small" onClick={() => setRating(true)}>
            {t('care.goals.rate')}
            <span className="visually-hidden"> {goal.title}</span>
          </button>
        ) : null}
        {canWrite && !editing ? (
          <button type="button" className="button secondary small" onClick={() => setEditing(true)}>
            {t('care.goals.editStatus')}
            <span className="visually-hidden"> {goal.title}</span>
          </button>
        ) : null}
      </div>
      {rating ? <RateForm goal={goal} onDone={() => setRating(false)} /> : null}
      {editing ? <GoalStatusForm goal={goal} onDone={() => setEditing(false)} /> : null}
      {open ? (
        progress.isPending ? (
          <Loading />
        ) : progress.error ? (
          <QueryError error={progress.error} retry={() => void progress.refetch()} />
        ) : (
          <ProgressList items={progress.data} />
        )
      ) : null}
    </li>
  );
}

function ProgressList({ items }: { items: TGoalProgress[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p>{t('care.goals.noProgress')}</p>;
  return (
    <ol className="plain progress-list" aria-label={t('care.goals.progressTitle')}>
      {items.map((p) => (
        <li key={p.id}>
          <strong>{formatDate(p.ratedOn)}</strong> · {t('care.goals.level', { level: levelLabel(p.level) })}
          {p.ratedByName ? <span className="muted"> · {p.ratedByName}</span> : null}
          {p.note ? <div>{p.note}</div> : null}
        </li>
      ))}
    </ol>
  );
}

function RateForm({ goal, onDone }: { goal: TGoal; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshCare();
  const prefix = `rate-${goal.id}`;
  const [ratedOn, setRatedOn] = useState(todayIso());
  const [level, setLevel] = useState('');
  const [note, setNote] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [recordId] = useState(newId);
  const idempotency = useIdempotencyKey();
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1(`/goals/${goal.id}/progress`, { method: 'POST', body, idempotencyKey: idempotency.keyFor(body) }),
    onSuccess: () => {
      void refresh();
      onDone();
    },
  });
  const labels = { ratedOn: t('care.goals.ratedOn'), level: t('care.goals.levelLabel'), note: t('care.goals.note') };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: Record<string, string> = {};
    if (!ratedOn) errors.ratedOn = t('validation.required');
    if (level === '') errors.level = t('validation.choose');
    setClientErrors(errors);
    if (Object.keys(errors).length) {
      document.getElementById(`${prefix}-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    save.mutate({ id: recordId, ratedOn, level: Number(level), note: note.trim() || null });
  };
  const errors = fieldErrors(clientErrors, save.error);
  return (
    <form className="subform" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h4 id={`${prefix}-title`}>{t('care.goals.rateTitle', { title: goal.title })}</h4>
      <CareFormError error={save.error} labels={labels} idPrefix={prefix} />
      <TextField
        id={`${prefix}-ratedOn`}
        type="date"
        label={labels.ratedOn}
        value={ratedOn}
        max={todayIso()}
        onChange={setRatedOn}
        required
        error={errors.ratedOn}
      />
      <RadioGroup
        id={`${prefix}-level`}
        name={`${prefix}-level`}
        legend={labels.level}
        value={level}
        onChange={setLevel}
        error={errors.level}
        options={[...GAS_LEVELS].reverse().map((l) => ({
          value: l,
          label: goal.gasLevels ? `${levelLabel(Number(l))} · ${goal.gasLevels[l]}` : t(`care.gasDefault.${l}`),
        }))}
      />
      <TextArea id={`${prefix}-note`} label={labels.note} value={note} onChange={setNote} maxLength={2000} error={errors.note} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('care.goals.saveRating')}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function GoalStatusForm({ goal, onDone }: { goal: TGoal; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshCare();
  const prefix = `goal-edit-${goal.id}`;
  const [status, setStatus] = useState<string>(goal.status);
  const [familyAgreed, setFamilyAgreed] = useState(goal.familyAgreed);
  const [weight, setWeight] = useState(String(goal.weight));
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => v1(`/goals/${goal.id}`, { method: 'PATCH', body }),
    onSuccess: () => {
      void refresh();
      onDone();
    },
  });
  const labels = {
    status: t('care.goals.fields.status'),
    familyAgreed: t('care.goals.fields.familyAgreed'),
    weight: t('care.goals.fields.weight'),
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    save.mutate({ status, familyAgreed, weight: Number(weight), version: goal.version });
  };
  const errors = fieldErrors({}, save.error);
  return (
    <form className="subform" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h4 id={`${prefix}-title`}>{t('care.goals.editTitle', { title: goal.title })}</h4>
      <CareFormError error={save.error} labels={labels} idPrefix={prefix} />
      <div className="grid-2">
        <SelectField
          id={`${prefix}-status`}
          label={labels.status}
          value={status}
          onChange={setStatus}
          options={GOAL_STATUSES.map((s) => ({ value: s, label: t(`care.goalStatus.${s}`) }))}
          error={errors.status}
        />
        <TextField
          id={`${prefix}-weight`}
          type="number"
          inputMode="numeric"
          min={1}
          max={10}
          label={labels.weight}
          value={weight}
          onChange={setWeight}
          error={errors.weight}
        />
      </div>
      <Checkbox
        id={`${prefix}-familyAgreed`}
        label={labels.familyAgreed}
        checked={familyAgreed}
        onChange={setFamilyAgreed}
        error={errors.familyAgreed}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('common.saveChanges')}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

type GoalValues = {
  hubPlanGoal: string;
  hubPlanGoalId: string;
  planType: string;
  planDate: string;
  familyAgreed: boolean;
  title: string;
  specific: string;
  measurable: string;
  achievable: string;
  relevant: string;
  targetDate: string;
  useGas: boolean;
  gas: Record<string, string>;
  weight: string;
};

const fromPlan = (p: THubPlanGoal | null): GoalValues => ({
  hubPlanGoal: p?.text ?? '',
  hubPlanGoalId: p?.planGoalId ?? '',
  planType: p?.planType ?? '',
  planDate: p?.planDate ?? '',
  familyAgreed: false,
  title: p?.text.slice(0, 200) ?? '',
  specific: '',
  measurable: '',
  achievable: '',
  relevant: '',
  targetDate: '',
  useGas: false,
  gas: { '-2': '', '-1': '', 0: '', 1: '', 2: '' },
  weight: '1',
});

/** Adds a goal from the hub plan: the plan goal it comes from, SMART fields, optional GAS levels. */
function GoalForm({
  youthId,
  planGoals,
  initial,
  onDone,
  onCancel,
}: {
  youthId: string;
  planGoals: THubPlanGoal[];
  initial: THubPlanGoal | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshCare();
  const prefix = 'goal-new';
  const [values, setValues] = useState<GoalValues>(() => fromPlan(initial));
  const [planChoice, setPlanChoice] = useState(initial ? String(planGoals.indexOf(initial)) : 'other');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [recordId] = useState(newId);
  const idempotency = useIdempotencyKey();
  const set = <K extends keyof GoalValues>(k: K, v: GoalValues[K]) => setValues((s) => ({ ...s, [k]: v }));
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1(`/youth/${youthId}/goals`, { method: 'POST', body, idempotencyKey: idempotency.keyFor(body) }),
    onSuccess: () => {
      void refresh();
      onDone();
    },
  });
  const labels: Record<string, string> = {
    hubPlanGoal: t('care.goals.fields.hubPlanGoal'),
    hubPlanGoalId: t('care.goals.fields.hubPlanGoalId'),
    planType: t('care.goals.fields.planType'),
    planDate: t('care.goals.fields.planDate'),
    familyAgreed: t('care.goals.fields.familyAgreed'),
    title: t('care.goals.fields.title'),
    specific: t('care.goals.fields.specific'),
    measurable: t('care.goals.fields.measurable'),
    achievable: t('care.goals.fields.achievable'),
    relevant: t('care.goals.fields.relevant'),
    targetDate: t('care.goals.fields.targetDate'),
    gasLevels: t('care.goals.gasTitle'),
    weight: t('care.goals.fields.weight'),
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const body = {
      id: recordId,
      hubPlanGoal: values.hubPlanGoal.trim(),
      hubPlanGoalId: values.hubPlanGoalId.trim() || null,
      planType: values.planType,
      planDate: values.planDate || null,
      familyAgreed: values.familyAgreed,
      title: values.title.trim(),
      specific: values.specific.trim() || null,
      measurable: values.measurable.trim() || null,
      achievable: values.achievable.trim() || null,
      relevant: values.relevant.trim() || null,
      targetDate: values.targetDate || null,
      gasLevels: values.useGas ? Object.fromEntries(GAS_LEVELS.map((l) => [l, values.gas[l]?.trim() ?? ''])) : null,
      weight: Number(values.weight),
    };
    const parsed = ZCreateGoal.safeParse(body);
    const errors = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    setClientErrors(errors);
    if (Object.keys(errors).length) {
      const first = Object.keys(errors)[0]!.replace('gasLevels.', 'gas-');
      document.getElementById(`${prefix}-${first}`)?.focus();
      return;
    }
    save.mutate(body);
  };
  const errors = fieldErrors(clientErrors, save.error);
  return (
    <form className="subform" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title-heading`}>
      <h3 id={`${prefix}-title-heading`}>{t('care.goals.addTitle')}</h3>
      <CareFormError error={save.error} labels={labels} idPrefix={prefix} />
      {Object.keys(clientErrors).length > 0 ? (
        <p className="visually-hidden" role="alert">
          {t('errors.fixFields', { count: Object.keys(clientErrors).length })}
        </p>
      ) : null}
      {planGoals.length ? (
        <SelectField
          id={`${prefix}-plan`}
          label={t('care.goals.fromPlan')}
          hint={t('care.goals.fromPlanHint')}
          value={planChoice}
          onChange={(v) => {
            setPlanChoice(v);
            const p = v === 'other' ? null : (planGoals[Number(v)] ?? null);
            setValues((s) => ({ ...fromPlan(p), familyAgreed: s.familyAgreed }));
          }}
          options={[
            ...planGoals.map((p, i) => ({
              value: String(i),
              label: `${p.text}${p.used ? ` (${t('care.goals.alreadyUsed')})` : ''}`,
            })),
            { value: 'other', label: t('care.goals.otherPlanGoal') },
          ]}
        />
      ) : null}
      <TextArea
        id={`${prefix}-hubPlanGoal`}
        label={labels.hubPlanGoal}
        hint={t('care.goals.hubPlanGoalHint')}
        value={values.hubPlanGoal}
        onChange={(v) => set('hubPlanGoal', v)}
        required
        maxLength={1000}
        error={errors.hubPlanGoal}
      />
      <div className="grid-2">
        <TextField
          id={`${prefix}-hubPlanGoalId`}
          label={labels.hubPlanGoalId}
          value={values.hubPlanGoalId}
          onChange={(v) => set('hubPlanGoalId', v)}
          maxLength={100}
          error={errors.hubPlanGoalId}
        />
        <SelectField
          id={`${prefix}-planType`}
          label={labels.planType}
          value={values.planType}
          onChange={(v) => set('planType', v)}
          emptyLabel={t('common.choose')}
          options={PLAN_TYPES.map((p) => ({ value: p, label: t(`care.planType.${p}`) }))}
          required
          error={errors.planType}
        />
        <TextField
          id={`${prefix}-planDate`}
          type="date"
          label={labels.planDate}
          value={values.planDate}
          max={todayIso()}
          onChange={(v) => set('planDate', v)}
          error={errors.planDate}
        />
      </div>
      <Checkbox
        id={`${prefix}-familyAgreed`}
        label={labels.familyAgreed}
        hint={t('care.goals.familyAgreedHint')}
        checked={values.familyAgreed}
        onChange={(v) => set('familyAgreed', v)}
        error={errors.familyAgreed}
      />
      <TextField
        id={`${prefix}-title`}
        label={labels.title}
        hint={t('care.goals.titleHint')}
        value={values.title}
        onChange={(v) => set('title', v)}
        required
        maxLength={200}
        error={errors.title}
      />
      <div className="grid-2">
        {(['specific', 'measurable', 'achievable', 'relevant'] as const).map((k) => (
          <TextArea
            key={k}
            id={`${prefix}-${k}`}
            label={labels[k]}
            value={values[k]}
            onChange={(v) => set(k, v)}
            maxLength={1000}
            rows={2}
            error={errors[k]}
          />
        ))}
        <TextField
          id={`${prefix}-targetDate`}
          type="date"
          label={labels.targetDate}
          value={values.targetDate}
          onChange={(v) => set('targetDate', v)}
          error={errors.targetDate}
        />
        <TextField
          id={`${prefix}-weight`}
          type="number"
          inputMode="numeric"
          min={1}
          max={10}
          label={labels.weight}
          hint={t('care.goals.weightHint')}
          value={values.weight}
          onChange={(v) => set('weight', v)}
          error={errors.weight}
        />
      </div>
      <Checkbox
        id={`${prefix}-useGas`}
        label={t('care.goals.useGas')}
        hint={t('care.goals.gasHint')}
        checked={values.useGas}
        onChange={(v) => set('useGas', v)}
      />
      {values.useGas ? (
        <div className="grid-2">
          {[...GAS_LEVELS].reverse().map((l) => (
            <TextField
              key={l}
              id={`${prefix}-gas-${l}`}
              label={t('care.goals.gasLevel', { level: levelLabel(Number(l)) })}
              value={values.gas[l] ?? ''}
              onChange={(v) => set('gas', { ...values.gas, [l]: v })}
              required
              maxLength={300}
              error={errors[`gasLevels.${l}`]}
            />
          ))}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('care.goals.addButton')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
