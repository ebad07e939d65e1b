import { SAFETY_PLAN_SECTIONS, type TSafetyPlan, type TSafetyPlanSection, type TSafetyPlanView } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { Checkbox, TextArea } from '../../components/fields.tsx';
import { formatDateTime } from '../../format.ts';
import { safetyKeys, useSafetyPlan, useSafetyPlanVersion } from './queries.ts';
import { PlanSections } from './YouthHomePage.tsx';

/**
 * A youth's Stanley–Brown safety plan: the current version, who it is shared with, earlier versions, and (for case
 * staff) an editor where each save is a new version.
 */
export function SafetyPlanSection({ youthId }: { youthId: string }) {
  const { t } = useTranslation();
  const plan = useSafetyPlan(youthId);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [viewVersion, setViewVersion] = useState<number | null>(null);
  if (isApiError(plan.error, 'FORBIDDEN')) return null;
  return (
    <section className="card" aria-labelledby="plan-heading" id="safety-plan">
      <div className="section-head">
        <h2 id="plan-heading">{t('safety.plan.title')}</h2>
        {plan.data?.mayWrite && !editing ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {plan.data.current ? t('safety.plan.edit') : t('safety.plan.create')}
          </button>
        ) : null}
      </div>
      {saved ? <StatusMessage>{t('safety.plan.saved')}</StatusMessage> : null}
      {plan.isPending ? (
        <Loading />
      ) : plan.error ? (
        <QueryError error={plan.error} retry={() => void plan.refetch()} />
      ) : editing ? (
        <PlanForm
          youthId={youthId}
          view={plan.data}
          onDone={() => {
            setEditing(false);
            setSaved(true);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : plan.data.current ? (
        <>
          <p className="muted">
            {t('safety.plan.versionLine', {
              version: plan.data.current.version,
              date: formatDateTime(plan.data.current.createdAt),
              name: plan.data.current.createdByName,
            })}
          </p>
          <p>
            {plan.data.current.sharedWithYouth ? <span className="badge badge-info">{t('safety.plan.sharedYouth')}</span> : null}{' '}
            {plan.data.current.sharedWithGuardian ? (
              <span className="badge badge-info">{t('safety.plan.sharedGuardian')}</span>
            ) : null}
          </p>
          <PlanSections plan={plan.data.current} />
          {plan.data.versions.length > 1 ? (
            <EarlierVersions youthId={youthId} view={plan.data} viewVersion={viewVersion} onView={setViewVersion} />
          ) : null}
        </>
      ) : (
        <p>{t('safety.plan.none')}</p>
      )}
    </section>
  );
}

function EarlierVersions({
  youthId,
  view,
  viewVersion,
  onView,
}: {
  youthId: string;
  view: TSafetyPlanView;
  viewVersion: number | null;
  onView: (v: number | null) => void;
}) {
  const { t } = useTranslation();
  const version = useSafetyPlanVersion(youthId, viewVersion);
  return (
    <div className="block">
      <h3>{t('safety.plan.versions')}</h3>
      <ul className="plain">
        {view.versions.slice(1).map((v) => (
          <li key={v.version}>
            <button type="button" className="button link" onClick={() => onView(viewVersion === v.version ? null : v.version)} aria-expanded={viewVersion === v.version}>
              {t('safety.plan.versionButton', { version: v.version, date: formatDateTime(v.createdAt), name: v.createdByName })}
            </button>
          </li>
        ))}
      </ul>
      {viewVersion !== null ? (
        version.isPending ? (
          <Loading />
        ) : version.error ? (
          <QueryError error={version.error} />
        ) : (
          <div className="subform" aria-label={t('safety.plan.versionTitle', { version: viewVersion })}>
            <h4>{t('safety.plan.versionTitle', { version: viewVersion })}</h4>
            <PlanSections plan={version.data} />
          </div>
        )
      ) : null}
    </div>
  );
}

const toText = (plan: TSafetyPlan | null) =>
  Object.fromEntries(SAFETY_PLAN_SECTIONS.map((s) => [s, (plan?.sections[s] ?? []).join('\n')])) as Record<
    TSafetyPlanSection,
    string
  >;

function PlanForm({
  youthId,
  view,
  onDone,
  onCancel,
}: {
  youthId: string;
  view: TSafetyPlanView;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = view.current;
  const [sections, setSections] = useState(() => toText(current));
  const [reasons, setReasons] = useState(current?.reasonsForLiving ?? '');
  const [sharedWithYouth, setSharedWithYouth] = useState(current?.sharedWithYouth ?? false);
  const [sharedWithGuardian, setSharedWithGuardian] = useState(current?.sharedWithGuardian ?? false);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1<TSafetyPlanView>(`/youth/${youthId}/safety-plan`, { method: 'POST', body }),
    onSuccess: (next) => {
      queryClient.setQueryData(safetyKeys.plan(youthId), next);
      onDone();
    },
  });
  const conflict = isApiError(save.error, 'VERSION_CONFLICT');
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    save.mutate({
      sections: Object.fromEntries(
        SAFETY_PLAN_SECTIONS.map((s) => [
          s,
          sections[s]
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean),
        ]),
      ),
      reasonsForLiving: reasons.trim() || null,
      sharedWithYouth,
      sharedWithGuardian,
      basedOnVersion: current?.version ?? null,
    });
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-labelledby="plan-form-title">
      <h3 id="plan-form-title">{t('safety.plan.formTitle')}</h3>
      <p className="hint">{t('safety.plan.formHint')}</p>
      {conflict ? (
        <div className="alert alert-warning" role="alert">
          <p className="alert-title">{t('safety.plan.conflict')}</p>
          <button
            type="button"
            className="button primary"
            onClick={() => void queryClient.invalidateQueries({ queryKey: safetyKeys.plan(youthId) }).then(onCancel)}
          >
            {t('safety.plan.reload')}
          </button>
        </div>
      ) : (
        <FormError error={save.error} />
      )}
      {SAFETY_PLAN_SECTIONS.map((s, i) => (
        <TextArea
          key={s}
          id={`plan-${s}`}
          label={`${i + 1}. ${t(`safety.plan.sections.${s}`)}`}
          hint={t(`safety.plan.hints.${s}`)}
          value={sections[s]}
          onChange={(v) => setSections((x) => ({ ...x, [s]: v }))}
          rows={3}
        />
      ))}
      <TextArea id="plan-reasons" label={t('safety.plan.reasonsForLiving')} value={reasons} onChange={setReasons} maxLength={2000} />
      <Checkbox id="plan-share-youth" label={t('safety.plan.shareYouth')} checked={sharedWithYouth} onChange={setSharedWithYouth} />
      <Checkbox
        id="plan-share-guardian"
        label={t('safety.plan.shareGuardian')}
        checked={sharedWithGuardian}
        onChange={setSharedWithGuardian}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('safety.plan.save')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
