import {
  ADMISSION_CRITERIA,
  ATTACHMENT_KINDS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  cansTimer,
  DECLINE_REASONS,
  EXCLUSION_CRITERIA,
  LIVING_SITUATIONS,
  type TAttachment,
  type TEligibilityFinding,
  type TEligibilityResult,
  type TEpisode,
  type TReferral,
} from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, isApiError, v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { Checkbox, Fieldset, RadioGroup, SelectField, TextArea, TextField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { errorText, fieldErrors } from '../../errors.ts';
import { formatDate, formatDateTime, formatNumber, todayIso } from '../../format.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { usePermissions } from '../../session.tsx';
import { displayName, usePrograms } from '../youth/queries.ts';
import { EligibilityFindings, ReferralStatusBadge } from './parts.tsx';
import { downloadAttachment, intakeKeys, readFileAsBase64, useReferral } from './queries.ts';

export function ReferralDetailPage() {
  const { referralId = '' } = useParams();
  const { t } = useTranslation();
  const { can } = usePermissions();
  const location = useLocation();
  const referral = useReferral(referralId);
  const programs = usePrograms();
  usePageTitle(referral.data ? t('intake.referral.title', { name: displayName(referral.data.youth) }) : undefined);

  if (referral.isPending) return <Loading />;
  if (referral.error) {
    return (
      <>
        <h1>{t('intake.referral.heading')}</h1>
        {isApiError(referral.error, 'NOT_FOUND') ? (
          <p>{t('intake.referral.notFound')}</p>
        ) : (
          <QueryError error={referral.error} retry={() => void referral.refetch()} />
        )}
        <p>
          <Link to="/referrals">{t('intake.referrals.back')}</Link>
        </p>
      </>
    );
  }
  const r = referral.data;
  const program = programs.data?.find((p) => p.id === r.programId);
  const created = (location.state as { created?: boolean } | null)?.created;
  const cans = r.lastCansOn ? cansTimer(r.lastCansOn, todayIso()) : null;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/referrals">{t('intake.referrals.back')}</Link>
      </p>
      <div className="profile-head card">
        <h1>{t('intake.referral.title', { name: displayName(r.youth) })}</h1>
        <p className="identity-line">
          <ReferralStatusBadge status={r.status} />
          {r.priority != null ? (
            <span className="badge badge-priority">{t('intake.priorityValue', { priority: r.priority })}</span>
          ) : null}
        </p>
        <p className="muted">
          {t('intake.referral.receivedLine', {
            date: formatDateTime(r.receivedAt),
            by: r.referredBy?.name ?? t('common.notRecorded'),
          })}
        </p>
        <p>
          <Link to={`/youth/${r.youth.id}`}>{t('intake.referral.openYouth')}</Link>
        </p>
      </div>
      {created ? <StatusMessage>{t('intake.refer.created')}</StatusMessage> : null}

      <section className="card" aria-labelledby="referral-details-heading">
        <h2 id="referral-details-heading">{t('intake.referral.details')}</h2>
        <dl className="details">
          <div>
            <dt>{t('intake.fields.program')}</dt>
            <dd>{program?.name ?? ''}</dd>
          </div>
          <div>
            <dt>{t('youth.fields.dateOfBirth')}</dt>
            <dd>{formatDate(r.youth.dateOfBirth, 'long')}</dd>
          </div>
          <div>
            <dt>{t('intake.fields.hubType')}</dt>
            <dd>{t(`intake.hubTypesLong.${r.hubType}`)}</dd>
          </div>
          <div>
            <dt>{t('intake.fields.agency')}</dt>
            <dd>{r.referringAgency}</dd>
          </div>
          <div>
            <dt>{t('intake.fields.referringClinician')}</dt>
            <dd>{r.referringClinicianName}</dd>
          </div>
          <div>
            <dt>{t('intake.fields.lastAssessmentOn')}</dt>
            <dd>{r.lastAssessmentOn ? formatDate(r.lastAssessmentOn) : t('common.notRecorded')}</dd>
          </div>
          <div>
            <dt>{t('intake.fields.lastCansOn')}</dt>
            <dd>
              {r.lastCansOn ? formatDate(r.lastCansOn) : t('common.notRecorded')}
              {cans?.overdue ? (
                <>
                  {' '}
                  <span className="badge badge-danger">
                    <span aria-hidden="true">⚠ </span>
                    {t('intake.cansOld', { days: formatNumber(cans.daysSince ?? 0) })}
                  </span>
                </>
              ) : null}
            </dd>
          </div>
          {r.statusNote ? (
            <div>
              <dt>{t('intake.fields.statusNote')}</dt>
              <dd>{r.statusNote}</dd>
            </div>
          ) : null}
          {r.declineReason ? (
            <div>
              <dt>{t('intake.fields.declineReason')}</dt>
              <dd>{t(`intake.declineReasons.${r.declineReason as 'other'}`)}</dd>
            </div>
          ) : null}
        </dl>
        <h3 className="intake-subhead">{t('intake.fields.reason')}</h3>
        <p className="intake-text">{r.reason}</p>
        <h3 className="intake-subhead">{t('intake.fields.planGoals')}</h3>
        <ol>
          {r.planGoals.map((g) => (
            <li key={`${g.planGoalId ?? ''}-${g.text}`}>
              {g.text}
              <div className="muted small">
                {[
                  t(`intake.planTypes.${g.planType as 'op_plan'}`),
                  g.planGoalId ? t('intake.planGoalIdValue', { id: g.planGoalId }) : null,
                  g.planDate ? formatDate(g.planDate) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </div>
            </li>
          ))}
        </ol>
      </section>

      {can('referral.screen') && r.nextStatuses.length > 0 ? <StatusSection referral={r} /> : null}
      <AttachmentsSection referral={r} canUpload={can('referral.attach')} />
      {can('episode.manage') && (r.status === 'accepted' || r.status === 'admitted') ? (
        <AdmissionSection referral={r} />
      ) : can('referral.screen') && r.status !== 'declined' ? (
        <AdmissionSection referral={r} previewOnly />
      ) : null}
    </>
  );
}

type Decision = 'screening' | 'accepted' | 'waitlisted' | 'declined';

function StatusSection({ referral }: { referral: TReferral }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<Decision | ''>('');
  const [priority, setPriority] = useState('');
  const [declineReason, setDeclineReason] = useState('');
  const [note, setNote] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const p = 'referral-status';

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1<TReferral>(`/referrals/${referral.id}/status`, { method: 'POST', body }),
    onSuccess: (next) => {
      queryClient.setQueryData(intakeKeys.referral(next.id), next);
      void queryClient.invalidateQueries({ queryKey: ['intake', 'referrals'] });
      setDone(t('intake.status.saved', { status: t(`intake.referralStatus.${next.status}`) }));
      setDecision('');
      setNote('');
    },
  });
  const conflict = isApiError(save.error, 'VERSION_CONFLICT');

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: Record<string, string> = {};
    if (!decision) errors.status = t('validation.choose');
    if (decision === 'waitlisted' && !priority) errors.priority = t('validation.choose');
    if (decision === 'declined' && !declineReason) errors.declineReason = t('validation.choose');
    if (decision === 'declined' && declineReason === 'other' && !note.trim()) errors.note = t('validation.required');
    setClientErrors(errors);
    setDone(null);
    if (Object.keys(errors).length) {
      document.getElementById(`${p}-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    save.mutate({
      status: decision,
      priority: decision === 'waitlisted' ? Number(priority) : null,
      declineReason: decision === 'declined' ? declineReason : null,
      note: note.trim() || null,
      version: referral.version,
    });
  };
  const errors = fieldErrors(clientErrors, save.error);

  return (
    <section className="card" aria-labelledby="referral-status-heading">
      <h2 id="referral-status-heading">{t('intake.status.title')}</h2>
      {done ? <StatusMessage>{done}</StatusMessage> : null}
      <form onSubmit={submit} noValidate>
        {conflict ? (
          <div className="alert alert-warning" role="alert">
            <p>{t('intake.status.conflict')}</p>
            <button
              type="button"
              className="button primary"
              onClick={() => {
                const current = (save.error as ApiError).current as TReferral | undefined;
                if (current) queryClient.setQueryData(intakeKeys.referral(referral.id), current);
                else void queryClient.invalidateQueries({ queryKey: intakeKeys.referral(referral.id) });
                save.reset();
              }}
            >
              {t('youth.conflictReload')}
            </button>
          </div>
        ) : (
          <FormError
            error={save.error}
            idPrefix={p}
            fieldLabels={{
              status: t('intake.status.decision'),
              priority: t('intake.fields.priority'),
              declineReason: t('intake.fields.declineReason'),
              note: t('intake.fields.statusNote'),
            }}
          />
        )}
        <RadioGroup
          id={`${p}-status`}
          legend={t('intake.status.decision')}
          name="referral-decision"
          value={decision}
          onChange={(v) => setDecision(v as Decision)}
          options={referral.nextStatuses
            .filter((s): s is Decision => s !== 'received' && s !== 'admitted')
            .map((s) => ({ value: s, label: t(`intake.status.to.${s}`) }))}
          error={errors.status}
        />
        {decision === 'waitlisted' ? (
          <SelectField
            id={`${p}-priority`}
            label={t('intake.fields.priority')}
            hint={t('intake.status.priorityHint')}
            value={priority}
            onChange={setPriority}
            required
            emptyLabel={t('common.choose')}
            options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`intake.priorities.${n as 1}`) }))}
            error={errors.priority}
          />
        ) : null}
        {decision === 'declined' ? (
          <SelectField
            id={`${p}-declineReason`}
            label={t('intake.fields.declineReason')}
            value={declineReason}
            onChange={setDeclineReason}
            required
            emptyLabel={t('common.choose')}
            options={DECLINE_REASONS.map((d) => ({ value: d, label: t(`intake.declineReasons.${d}`) }))}
            error={errors.declineReason}
          />
        ) : null}
        <TextArea
          id={`${p}-note`}
          label={t('intake.fields.statusNote')}
          hint={t('intake.status.noteHint')}
          value={note}
          onChange={setNote}
          maxLength={1000}
          rows={2}
          error={errors.note}
        />
        <div className="actions">
          <button type="submit" className="button primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('intake.status.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

const KIND_ORDER = ATTACHMENT_KINDS;

function AttachmentsSection({ referral, canUpload }: { referral: TReferral; canUpload: boolean }) {
  const { t } = useTranslation();
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="attachments-heading">
      <div className="section-head">
        <h2 id="attachments-heading">{t('intake.attachments.title')}</h2>
        {canUpload && !adding ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setMessage(null);
              setAdding(true);
            }}
          >
            {t('intake.attachments.add')}
          </button>
        ) : null}
      </div>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      {downloadError ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, downloadError)}
        </p>
      ) : null}
      {adding ? (
        <UploadForm
          referralId={referral.id}
          onDone={(a) => {
            setAdding(false);
            setMessage(t('intake.attachments.uploaded', { name: a.fileName }));
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      {referral.attachments.length === 0 ? (
        <p>{t('intake.attachments.none')}</p>
      ) : (
        <ul className="person-list">
          {referral.attachments.map((a) => (
            <li key={a.id} className="person">
              <p className="card-title">{a.fileName}</p>
              <p className="small muted">
                {[
                  t(`intake.attachmentKinds.${a.kind}`),
                  a.documentDate ? t('intake.attachments.dated', { date: formatDate(a.documentDate) }) : null,
                  t('intake.attachments.size', { size: formatNumber(Math.max(1, Math.round(a.sizeBytes / 1024))) }),
                  a.uploadedBy
                    ? t('intake.attachments.by', { name: a.uploadedBy.name, date: formatDateTime(a.createdAt) })
                    : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              <button
                type="button"
                className="button secondary small"
                onClick={() => {
                  setDownloadError(null);
                  downloadAttachment(a.id, a.fileName).catch(setDownloadError);
                }}
              >
                {t('intake.attachments.download')}
                <span className="visually-hidden"> {a.fileName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Uploads one file to a referral; used for the referral packet and for a signed consent form. */
export function UploadForm({
  referralId,
  kinds = KIND_ORDER,
  onDone,
  onCancel,
  idPrefix = 'upload',
}: {
  referralId: string;
  kinds?: readonly (typeof ATTACHMENT_KINDS)[number][];
  onDone: (a: TAttachment) => void;
  onCancel: () => void;
  idPrefix?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<string>(kinds.length === 1 ? kinds[0]! : '');
  const [documentDate, setDocumentDate] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [id] = useState(newId);
  const idempotency = useIdempotencyKey();
  const p = idPrefix;

  const upload = useMutation({
    mutationFn: async (input: { kind: string; file: File; documentDate: string }) => {
      const body = {
        id,
        kind: input.kind,
        fileName: input.file.name,
        contentType: input.file.type,
        dataBase64: await readFileAsBase64(input.file),
        documentDate: input.documentDate || null,
      };
      return v1<TAttachment>(`/referrals/${referralId}/attachments`, {
        method: 'POST',
        body,
        idempotencyKey: idempotency.keyFor({
          id,
          kind: body.kind,
          name: body.fileName,
          size: input.file.size,
          documentDate: body.documentDate,
        }),
      });
    },
    onSuccess: (a) => {
      void queryClient.invalidateQueries({ queryKey: intakeKeys.referral(referralId) });
      onDone(a);
    },
  });

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: Record<string, string> = {};
    if (!kind) errors.kind = t('validation.choose');
    if (!file) errors.file = t('intake.attachments.chooseFile');
    else if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) errors.file = t('intake.attachments.wrongType');
    else if (file.size > ATTACHMENT_MAX_BYTES)
      errors.file = t('intake.attachments.tooLarge', { mb: ATTACHMENT_MAX_BYTES / 1024 / 1024 });
    setClientErrors(errors);
    if (Object.keys(errors).length) {
      document.getElementById(`${p}-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    upload.mutate({ kind, file: file!, documentDate });
  };
  const server = fieldErrors({}, upload.error);
  const errors: Record<string, string | undefined> = {
    ...clientErrors,
    file: clientErrors.file ?? server.dataBase64 ?? server.contentType ?? server.fileName,
  };

  return (
    <form className="subform" onSubmit={submit} noValidate aria-label={t('intake.attachments.add')}>
      <FormError
        error={upload.error}
        idPrefix={p}
        fieldLabels={{
          kind: t('intake.fields.attachmentKind'),
          dataBase64: t('intake.fields.file'),
          contentType: t('intake.fields.file'),
          fileName: t('intake.fields.file'),
          documentDate: t('intake.fields.documentDate'),
        }}
      />
      {kinds.length > 1 ? (
        <SelectField
          id={`${p}-kind`}
          label={t('intake.fields.attachmentKind')}
          value={kind}
          onChange={setKind}
          required
          emptyLabel={t('common.choose')}
          options={kinds.map((k) => ({ value: k, label: t(`intake.attachmentKinds.${k}`) }))}
          error={errors.kind}
        />
      ) : null}
      <div className={`field${errors.file ? ' has-error' : ''}`}>
        <label htmlFor={`${p}-file`}>
          {t('intake.fields.file')}
          <span className="required"> ({t('common.required')})</span>
        </label>
        <p className="hint" id={`${p}-file-hint`}>
          {t('intake.attachments.hint', { mb: ATTACHMENT_MAX_BYTES / 1024 / 1024 })}
        </p>
        <input
          ref={fileInput}
          id={`${p}-file`}
          type="file"
          accept={ATTACHMENT_TYPES.join(',')}
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={`${p}-file-hint${errors.file ? ` ${p}-file-error` : ''}`}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        {errors.file ? (
          <p className="field-error" id={`${p}-file-error`}>
            {errors.file}
          </p>
        ) : null}
      </div>
      <TextField
        id={`${p}-documentDate`}
        type="date"
        label={t('intake.fields.documentDate')}
        value={documentDate}
        onChange={setDocumentDate}
        max={todayIso()}
        error={server.documentDate}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={upload.isPending}>
          {upload.isPending ? t('intake.attachments.uploading') : t('intake.attachments.upload')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Eligibility check (every finding shown) and admission of an accepted referral. */
function AdmissionSection({ referral, previewOnly = false }: { referral: TReferral; previewOnly?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [admittedOn, setAdmittedOn] = useState(todayIso());
  const [living, setLiving] = useState('');
  const [admission, setAdmission] = useState<string[]>([]);
  const [exclusion, setExclusion] = useState<string[]>([]);
  const [result, setResult] = useState<TEligibilityResult | null>(null);
  const [episodeId] = useState(newId);
  const p = 'admit';
  const toggle = (list: string[], set: (v: string[]) => void, value: string, on: boolean) =>
    set(on ? [...list, value] : list.filter((x) => x !== value));

  const body = () => ({
    livingSituation: living || null,
    admissionCriteria: admission,
    exclusionCriteria: exclusion,
  });
  const check = useMutation({
    mutationFn: () =>
      v1<TEligibilityResult>(`/referrals/${referral.id}/eligibility`, {
        method: 'POST',
        body: { ...body(), onDate: admittedOn || undefined },
      }),
    onSuccess: setResult,
  });
  const admit = useMutation({
    mutationFn: () =>
      v1<TEpisode>(`/referrals/${referral.id}/admit`, {
        method: 'POST',
        body: { ...body(), id: episodeId, admittedOn, version: referral.version },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: intakeKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['youth'] });
    },
  });
  const refused =
    admit.error instanceof ApiError && admit.error.code === 'NOT_ELIGIBLE'
      ? ((admit.error.details.findings as TEligibilityFinding[] | undefined) ?? [])
      : null;
  const errors = fieldErrors({}, check.error ?? (refused ? null : admit.error));
  const admitted = referral.status === 'admitted' || admit.isSuccess;

  if (admitted) {
    return (
      <section className="card" aria-labelledby="admission-heading">
        <h2 id="admission-heading">{t('intake.admission.title')}</h2>
        <StatusMessage>{t('intake.admission.admitted')}</StatusMessage>
        <p>
          <Link to={`/youth/${referral.youth.id}`}>{t('intake.admission.toProfile')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="admission-heading">
      <h2 id="admission-heading">{previewOnly ? t('intake.admission.checkTitle') : t('intake.admission.title')}</h2>
      <p className="muted">{t('intake.admission.intro')}</p>
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          check.mutate();
        }}
      >
        {check.error ? <FormError error={check.error} idPrefix={p} /> : null}
        {!refused && admit.error ? <FormError error={admit.error} idPrefix={p} /> : null}
        <div className="grid-2">
          <TextField
            id={`${p}-admittedOn`}
            type="date"
            label={previewOnly ? t('intake.admission.checkOn') : t('intake.fields.admittedOn')}
            value={admittedOn}
            onChange={setAdmittedOn}
            required
            max={todayIso()}
            error={errors.admittedOn ?? errors.onDate}
          />
          <SelectField
            id={`${p}-livingSituation`}
            label={t('intake.fields.livingSituation')}
            value={living}
            onChange={setLiving}
            required
            emptyLabel={t('common.choose')}
            options={LIVING_SITUATIONS.map((l) => ({ value: l, label: t(`intake.living.${l}`) }))}
            error={errors.livingSituation}
          />
        </div>
        <Fieldset
          id={`${p}-admissionCriteria`}
          legend={t('intake.fields.admissionCriteria')}
          hint={t('intake.admission.admissionHint')}
          error={errors.admissionCriteria}
        >
          {ADMISSION_CRITERIA.map((c) => (
            <Checkbox
              key={c}
              id={`${p}-adm-${c}`}
              label={t(`intake.admissionCriteria.${c}`)}
              checked={admission.includes(c)}
              onChange={(on) => toggle(admission, setAdmission, c, on)}
            />
          ))}
        </Fieldset>
        <Fieldset
          id={`${p}-exclusionCriteria`}
          legend={t('intake.fields.exclusionCriteria')}
          hint={t('intake.admission.exclusionHint')}
          error={errors.exclusionCriteria}
        >
          {EXCLUSION_CRITERIA.map((c) => (
            <Checkbox
              key={c}
              id={`${p}-exc-${c}`}
              label={t(`intake.exclusionCriteria.${c}`)}
              checked={exclusion.includes(c)}
              onChange={(on) => toggle(exclusion, setExclusion, c, on)}
            />
          ))}
        </Fieldset>
        <div className="actions">
          <button type="submit" className="button secondary" disabled={check.isPending}>
            {check.isPending ? t('intake.admission.checking') : t('intake.admission.check')}
          </button>
          {!previewOnly ? (
            <button
              type="button"
              className="button primary"
              disabled={admit.isPending || referral.status !== 'accepted'}
              onClick={() => {
                setResult(null);
                admit.mutate();
              }}
            >
              {admit.isPending ? t('common.saving') : t('intake.admission.admit')}
            </button>
          ) : null}
        </div>
      </form>
      <div aria-live="polite">
        {refused ? (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{t('intake.admission.refused')}</p>
            <EligibilityFindings findings={refused} label={t('intake.admission.failedFindings')} />
          </div>
        ) : null}
        {result ? (
          <div className={`alert ${result.eligible ? 'alert-success' : 'alert-warning'}`}>
            <p className="alert-title">
              {result.eligible ? t('intake.admission.eligible') : t('intake.admission.notEligible')}{' '}
              <span className="small">
                {t('intake.admission.ruleSetUsed', {
                  version: result.ruleSet.version,
                  date: formatDate(result.ruleSet.effectiveFrom),
                  on: formatDate(result.onDate),
                })}
              </span>
            </p>
            <EligibilityFindings findings={result.findings} label={t('intake.admission.findings')} />
          </div>
        ) : null}
      </div>
    </section>
  );
}
