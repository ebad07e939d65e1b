import {
  CONSENT_KINDS,
  CONSENT_LEGAL_BASES,
  CONSENT_METHODS,
  DISCHARGE_REASONS,
  type TConsent,
  type TEpisode,
  type TGuardian,
} from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError, v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { Checkbox, Fieldset, RadioGroup, SelectField, TextArea, TextField } from '../../components/fields.tsx';
import { errorText, fieldErrors } from '../../errors.ts';
import { formatDate, formatDateTime, todayIso } from '../../format.ts';
import { newId } from '../../idempotency.ts';
import { youthKeys } from '../youth/queries.ts';
import { EligibilityFindings } from './parts.tsx';
import { downloadAttachment, intakeKeys, readFileAsBase64, useEpisodes, useYouthGuardians } from './queries.ts';

type Kind = (typeof CONSENT_KINDS)[number];
type Method = (typeof CONSENT_METHODS)[number];

/** "Episode & consent": admission and eligibility, consents (with re-authenticated signatures), discharge. */
export function EpisodeSection({
  youthId,
  canConsent,
  canManage,
  canReadGuardians,
}: {
  youthId: string;
  canConsent: boolean;
  canManage: boolean;
  canReadGuardians: boolean;
}) {
  const { t } = useTranslation();
  const episodes = useEpisodes(youthId);
  const guardians = useYouthGuardians(youthId, canConsent && canReadGuardians);
  const [message, setMessage] = useState<string | null>(null);

  return (
    <section className="card" aria-labelledby="episode-heading">
      <h2 id="episode-heading">{t('intake.episode.title')}</h2>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      {episodes.isPending ? (
        <Loading />
      ) : episodes.error ? (
        <QueryError error={episodes.error} retry={() => void episodes.refetch()} />
      ) : episodes.data.length === 0 ? (
        <p>{t('intake.episode.none')}</p>
      ) : (
        <ul className="person-list">
          {episodes.data.map((e) => (
            <li key={e.id} className="person">
              <EpisodeCard
                episode={e}
                youthId={youthId}
                guardians={guardians.data ?? []}
                canConsent={canConsent && e.status === 'open'}
                canManage={canManage && e.status === 'open'}
                onMessage={setMessage}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EpisodeCard({
  episode: e,
  youthId,
  guardians,
  canConsent,
  canManage,
  onMessage,
}: {
  episode: TEpisode;
  youthId: string;
  guardians: TGuardian[];
  canConsent: boolean;
  canManage: boolean;
  onMessage: (m: string | null) => void;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'consent' | 'discharge' | null>(null);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const open = e.status === 'open';
  const h = `episode-${e.id}`;

  return (
    <article aria-labelledby={`${h}-heading`}>
      <h3 id={`${h}-heading`}>
        {open
          ? t('intake.episode.openSince', { date: formatDate(e.admittedOn, 'long') })
          : t('intake.episode.closed', { from: formatDate(e.admittedOn), to: formatDate(e.dischargedOn) })}
      </h3>
      <p className="stack-row">
        <span className={`badge ${open ? 'badge-active' : 'badge-discharged'}`}>
          {t(`intake.episode.status.${e.status}`)}
        </span>
        {open && e.hasGuardianAgreement ? (
          <span className="badge badge-active">{t('intake.episode.agreementOnFile')}</span>
        ) : null}
      </p>
      {e.dischargePlanning && open ? (
        <div className="alert alert-warning" role="note">
          <p className="alert-title">{t('intake.episode.planningTitle')}</p>
          <p>{t('intake.episode.planningBody', { date: formatDateTime(e.dischargePlanning.since) })}</p>
        </div>
      ) : null}
      {open && !e.hasGuardianAgreement ? (
        <div className="alert alert-error" role="note">
          <p>
            <strong>{t('intake.episode.noAgreementTitle')}</strong> {t('intake.episode.noAgreementBody')}
          </p>
        </div>
      ) : null}
      <dl className="details compact">
        <div>
          <dt>{t('intake.fields.ruleSet')}</dt>
          <dd>
            {t('intake.episode.ruleSetValue', { version: e.ruleSet.version, date: formatDate(e.ruleSet.effectiveFrom) })}
          </dd>
        </div>
        <div>
          <dt>{t('intake.fields.livingSituation')}</dt>
          <dd>
            {e.livingSituation ? t(`intake.living.${e.livingSituation as 'home'}`) : t('common.notRecorded')}
          </dd>
        </div>
        <div>
          <dt>{t('intake.episode.decided')}</dt>
          <dd>
            {e.eligibilityDecidedBy
              ? t('intake.episode.decidedValue', {
                  name: e.eligibilityDecidedBy.name,
                  date: formatDateTime(e.eligibilityDecidedAt),
                })
              : t('common.notRecorded')}
          </dd>
        </div>
      </dl>
      <details className="intake-details">
        <summary>{t('intake.episode.findings')}</summary>
        <EligibilityFindings findings={e.eligibility.findings} label={t('intake.episode.findings')} />
      </details>

      <h4>{t('intake.consent.title')}</h4>
      {downloadError ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, downloadError)}
        </p>
      ) : null}
      {e.consents.length === 0 ? (
        <p>{t('intake.consent.none')}</p>
      ) : (
        <ul className="plain intake-consents">
          {e.consents.map((c) => (
            <li key={c.id}>
              <ConsentLine consent={c} onDownloadError={setDownloadError} />
              {canConsent && !c.withdrawnAt ? (
                withdrawing === c.id ? (
                  <WithdrawForm
                    episodeId={e.id}
                    consent={c}
                    youthId={youthId}
                    onDone={(text) => {
                      setWithdrawing(null);
                      onMessage(text);
                    }}
                    onCancel={() => setWithdrawing(null)}
                  />
                ) : (
                  <button
                    type="button"
                    className="button secondary small"
                    onClick={() => {
                      onMessage(null);
                      setWithdrawing(c.id);
                    }}
                  >
                    {t('intake.consent.withdraw')}
                    <span className="visually-hidden">: {t(`intake.consentKinds.${c.kind}`)}</span>
                  </button>
                )
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {!open && e.discharge ? (
        <>
          <h4>{t('intake.discharge.summaryTitle')}</h4>
          <dl className="details compact">
            <div>
              <dt>{t('intake.fields.dischargedOn')}</dt>
              <dd>
                {formatDate(e.dischargedOn, 'long')}
                {e.dischargedBy ? ` · ${e.dischargedBy.name}` : ''}
              </dd>
            </div>
            <div>
              <dt>{t('intake.fields.dischargeReasons')}</dt>
              <dd>{e.discharge.reasons.map((r) => t(`intake.dischargeReasons.${r as 'other'}`)).join('; ')}</dd>
            </div>
            <div>
              <dt>{t('intake.fields.lastService')}</dt>
              <dd>{formatDate(e.discharge.lastServiceDate, 'long')}</dd>
            </div>
            <div>
              <dt>{t('intake.fields.retentionUntil')}</dt>
              <dd>{formatDate(e.retentionUntil, 'long')}</dd>
            </div>
          </dl>
          <h5 className="intake-h5">{t('intake.fields.recommendations')}</h5>
          <p className="intake-text">{e.discharge.recommendations}</p>
          {e.discharge.closureActivity ? (
            <>
              <h5 className="intake-h5">{t('intake.fields.closureActivity')}</h5>
              <p className="intake-text">{e.discharge.closureActivity}</p>
            </>
          ) : null}
          {e.goals.length ? (
            <>
              <h5 className="intake-h5">{t('intake.discharge.goalsAtDischarge')}</h5>
              <ul>
                {e.goals.map((g) => (
                  <li key={g.id}>
                    {g.title}: {t(`intake.goalStatus.${g.status}`)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}

      {canConsent || canManage ? (
        <div className="actions">
          {canConsent && mode !== 'consent' ? (
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                onMessage(null);
                setMode('consent');
              }}
            >
              {t('intake.consent.record')}
            </button>
          ) : null}
          {canManage && mode !== 'discharge' ? (
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                onMessage(null);
                setMode('discharge');
              }}
            >
              {t('intake.discharge.start')}
            </button>
          ) : null}
        </div>
      ) : null}
      {mode === 'consent' ? (
        <ConsentForm
          episode={e}
          youthId={youthId}
          guardians={guardians}
          onDone={(text) => {
            setMode(null);
            onMessage(text);
          }}
          onCancel={() => setMode(null)}
        />
      ) : null}
      {mode === 'discharge' ? (
        <DischargeForm
          episode={e}
          youthId={youthId}
          onDone={(text) => {
            setMode(null);
            onMessage(text);
          }}
          onCancel={() => setMode(null)}
        />
      ) : null}
    </article>
  );
}

function ConsentLine({ consent: c, onDownloadError }: { consent: TConsent; onDownloadError: (e: unknown) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="card-title">
        {t(`intake.consentKinds.${c.kind}`)}
        {c.withdrawnAt ? (
          <span className="badge badge-inactive"> {t('intake.consent.withdrawn')}</span>
        ) : c.expired ? (
          <span className="badge badge-danger"> {t('intake.consent.expired')}</span>
        ) : null}
      </p>
      <p className="small">
        {t('intake.consent.givenBy', { name: c.givenByName, date: formatDate(c.givenOn) })}
        {c.legalBasis ? ` · ${t(`intake.legalBases.${c.legalBasis as 'other'}`)}` : ''}
        <br />
        {c.method === 'in_app_signature'
          ? t('intake.consent.signedInApp', { name: c.typedName ?? '' })
          : t('intake.consent.uploadedForm')}
        {c.recordedBy ? ` · ${t('intake.consent.recordedBy', { name: c.recordedBy.name })}` : ''}
        {c.recipient ? (
          <>
            <br />
            {t('intake.consent.release', {
              recipient: c.recipient,
              scope: c.scope ?? '',
              date: formatDate(c.expiresOn),
            })}
          </>
        ) : null}
        {c.withdrawnAt ? (
          <>
            <br />
            {t('intake.consent.withdrawnOn', { date: formatDateTime(c.withdrawnAt), reason: c.withdrawnReason ?? '' })}
          </>
        ) : null}
      </p>
      {c.attachmentId ? (
        <button
          type="button"
          className="button link"
          onClick={() => {
            onDownloadError(null);
            downloadAttachment(c.attachmentId!, `consent-${c.givenOn}`).catch(onDownloadError);
          }}
        >
          {t('intake.consent.viewForm')}
          <span className="visually-hidden">: {t(`intake.consentKinds.${c.kind}`)}</span>
        </button>
      ) : null}
    </>
  );
}

const invalidateYouth = (queryClient: ReturnType<typeof useQueryClient>, youthId: string) => {
  void queryClient.invalidateQueries({ queryKey: intakeKeys.episodes(youthId) });
  void queryClient.invalidateQueries({ queryKey: youthKeys.one(youthId) });
  void queryClient.invalidateQueries({ queryKey: ['care'] });
};

function ConsentForm({
  episode,
  youthId,
  guardians,
  onDone,
  onCancel,
}: {
  episode: TEpisode;
  youthId: string;
  guardians: TGuardian[];
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('guardian_agreement');
  const [guardianId, setGuardianId] = useState(guardians.length === 1 ? guardians[0]!.id : '');
  const [legalBasis, setLegalBasis] = useState(guardians.length === 1 ? guardians[0]!.legalAuthority : '');
  const [givenOn, setGivenOn] = useState(todayIso());
  const [method, setMethod] = useState<Method | ''>('');
  const [file, setFile] = useState<File | null>(null);
  const [typedName, setTypedName] = useState('');
  const [password, setPassword] = useState('');
  const [givenByName, setGivenByName] = useState('');
  const [recipient, setRecipient] = useState('');
  const [scope, setScope] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [ids] = useState(() => ({ consent: newId(), attachment: newId() }));
  const [uploaded, setUploaded] = useState<{ file: File; id: string } | null>(null);
  const p = `consent-${episode.id}`;
  const canUpload = Boolean(episode.referralId);

  const save = useMutation({
    mutationFn: async () => {
      let attachmentId: string | null = null;
      if (method === 'uploaded_form' && file) {
        if (uploaded?.file === file) attachmentId = uploaded.id;
        else {
          const a = await v1<{ id: string }>(`/referrals/${episode.referralId}/attachments`, {
            method: 'POST',
            body: {
              id: uploaded ? newId() : ids.attachment,
              kind: 'consent_form',
              fileName: file.name,
              contentType: file.type,
              dataBase64: await readFileAsBase64(file),
              documentDate: givenOn || null,
            },
          });
          setUploaded({ file, id: a.id });
          attachmentId = a.id;
        }
      }
      const base = {
        id: ids.consent,
        kind,
        givenOn,
        method,
        ...(method === 'uploaded_form' ? { attachmentId } : { typedName: typedName.trim(), password }),
      };
      const body =
        kind === 'guardian_agreement'
          ? { ...base, guardianId, legalBasis }
          : kind === 'release_of_information'
            ? {
                ...base,
                guardianId: guardianId || null,
                givenByName: guardianId ? null : givenByName.trim() || null,
                legalBasis: legalBasis || null,
                recipient: recipient.trim(),
                scope: scope.trim(),
                expiresOn,
              }
            : base;
      // No Idempotency-Key: the body holds a password. The client id makes a retry safe (a repeat answers 409).
      return v1<TConsent>(`/episodes/${episode.id}/consents`, { method: 'POST', body });
    },
    onSuccess: (c) => {
      setPassword('');
      invalidateYouth(queryClient, youthId);
      onDone(t('intake.consent.recorded', { kind: t(`intake.consentKinds.${c.kind}`) }));
    },
    onError: () => setPassword(''),
  });

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: Record<string, string> = {};
    if (kind === 'guardian_agreement' && !guardianId) errors.guardianId = t('validation.choose');
    if (kind === 'guardian_agreement' && !legalBasis) errors.legalBasis = t('validation.choose');
    if (!givenOn) errors.givenOn = t('validation.date');
    if (!method) errors.method = t('validation.choose');
    if (method === 'uploaded_form' && !file) errors.attachmentId = t('intake.attachments.chooseFile');
    if (method === 'in_app_signature' && !typedName.trim()) errors.typedName = t('validation.required');
    if (method === 'in_app_signature' && !password) errors.password = t('validation.required');
    if (kind === 'release_of_information') {
      if (!guardianId && !givenByName.trim()) errors.givenByName = t('validation.required');
      if (!recipient.trim()) errors.recipient = t('validation.required');
      if (!scope.trim()) errors.scope = t('validation.required');
      if (!expiresOn) errors.expiresOn = t('validation.date');
    }
    setClientErrors(errors);
    if (Object.keys(errors).length) {
      document.getElementById(`${p}-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    save.mutate();
  };
  const reauthFailed = isApiError(save.error, 'REAUTH_FAILED');
  const errors = fieldErrors(clientErrors, save.error);
  if (reauthFailed) errors.password = t('intake.consent.reauthFailed');
  const fileError = errors.dataBase64 ?? errors.contentType;
  if (fileError) errors.attachmentId = fileError;
  const guardianOptions = guardians.map((g) => ({
    value: g.id,
    label: `${g.firstName} ${g.lastName} (${g.relationship})`,
  }));

  return (
    <form className="subform" onSubmit={submit} noValidate aria-label={t('intake.consent.record')}>
      <h4>{t('intake.consent.record')}</h4>
      {reauthFailed ? null : (
        <FormError
          error={save.error}
          idPrefix={p}
          fieldLabels={{
            kind: t('intake.fields.consentKind'),
            guardianId: t('intake.fields.signer'),
            legalBasis: t('intake.fields.legalBasis'),
            givenOn: t('intake.fields.givenOn'),
            method: t('intake.fields.method'),
            attachmentId: t('intake.fields.signedForm'),
            typedName: t('intake.fields.typedName'),
            password: t('intake.fields.password'),
            recipient: t('intake.fields.recipient'),
            scope: t('intake.fields.scope'),
            expiresOn: t('intake.fields.expiresOn'),
            givenByName: t('intake.fields.givenByName'),
          }}
        />
      )}
      <RadioGroup
        id={`${p}-kind`}
        legend={t('intake.fields.consentKind')}
        name={`${p}-kind`}
        value={kind}
        onChange={(v) => setKind(v as Kind)}
        options={CONSENT_KINDS.map((k) => ({ value: k, label: t(`intake.consentKinds.${k}`) }))}
        error={errors.kind}
      />
      <div className="grid-2">
        {kind !== 'youth_assent' ? (
          <SelectField
            id={`${p}-guardianId`}
            label={t('intake.fields.signer')}
            value={guardianId}
            onChange={(v) => {
              setGuardianId(v);
              const g = guardians.find((x) => x.id === v);
              if (g) setLegalBasis(g.legalAuthority);
            }}
            required={kind === 'guardian_agreement'}
            emptyLabel={kind === 'guardian_agreement' ? t('common.choose') : t('intake.consent.someoneElse')}
            options={guardianOptions}
            error={errors.guardianId}
          />
        ) : null}
        {kind === 'release_of_information' && !guardianId ? (
          <TextField
            id={`${p}-givenByName`}
            label={t('intake.fields.givenByName')}
            value={givenByName}
            onChange={setGivenByName}
            required
            maxLength={200}
            error={errors.givenByName}
          />
        ) : null}
        {kind !== 'youth_assent' ? (
          <SelectField
            id={`${p}-legalBasis`}
            label={t('intake.fields.legalBasis')}
            value={legalBasis}
            onChange={setLegalBasis}
            required={kind === 'guardian_agreement'}
            emptyLabel={t('common.choose')}
            options={CONSENT_LEGAL_BASES.map((b) => ({ value: b, label: t(`intake.legalBases.${b}`) }))}
            error={errors.legalBasis}
          />
        ) : null}
        <TextField
          id={`${p}-givenOn`}
          type="date"
          label={t('intake.fields.givenOn')}
          value={givenOn}
          onChange={setGivenOn}
          required
          max={todayIso()}
          error={errors.givenOn}
        />
      </div>
      {kind === 'release_of_information' ? (
        <div className="grid-2">
          <TextField
            id={`${p}-recipient`}
            label={t('intake.fields.recipient')}
            value={recipient}
            onChange={setRecipient}
            required
            maxLength={200}
            error={errors.recipient}
          />
          <TextField
            id={`${p}-expiresOn`}
            type="date"
            label={t('intake.fields.expiresOn')}
            value={expiresOn}
            onChange={setExpiresOn}
            required
            min={givenOn}
            error={errors.expiresOn}
          />
          <TextArea
            id={`${p}-scope`}
            label={t('intake.fields.scope')}
            hint={t('intake.consent.scopeHint')}
            value={scope}
            onChange={setScope}
            required
            maxLength={1000}
            rows={2}
            error={errors.scope}
          />
        </div>
      ) : null}
      <RadioGroup
        id={`${p}-method`}
        legend={t('intake.fields.method')}
        name={`${p}-method`}
        value={method}
        onChange={(v) => setMethod(v as Method)}
        options={CONSENT_METHODS.filter((m) => canUpload || m !== 'uploaded_form').map((m) => ({
          value: m,
          label: t(`intake.consentMethods.${m}`),
        }))}
        error={errors.method}
      />
      {method === 'uploaded_form' ? (
        <div className={`field${errors.attachmentId ? ' has-error' : ''}`}>
          <label htmlFor={`${p}-attachmentId`}>
            {t('intake.fields.signedForm')}
            <span className="required"> ({t('common.required')})</span>
          </label>
          <p className="hint" id={`${p}-attachmentId-hint`}>
            {t('intake.consent.formHint')}
          </p>
          <input
            id={`${p}-attachmentId`}
            type="file"
            accept="application/pdf,image/jpeg,image/png,image/heic,image/webp"
            aria-invalid={errors.attachmentId ? true : undefined}
            aria-describedby={`${p}-attachmentId-hint${errors.attachmentId ? ` ${p}-attachmentId-error` : ''}`}
            onChange={(ev) => setFile(ev.target.files?.[0] ?? null)}
          />
          {errors.attachmentId ? (
            <p className="field-error" id={`${p}-attachmentId-error`}>
              {errors.attachmentId}
            </p>
          ) : null}
        </div>
      ) : null}
      {method === 'in_app_signature' ? (
        <div className="grid-2">
          <TextField
            id={`${p}-typedName`}
            label={t('intake.fields.typedName')}
            hint={t('intake.consent.typedNameHint')}
            value={typedName}
            onChange={setTypedName}
            required
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            error={errors.typedName}
          />
          <TextField
            id={`${p}-password`}
            type="password"
            label={t('intake.fields.password')}
            hint={t('intake.consent.passwordHint')}
            value={password}
            onChange={setPassword}
            required
            autoComplete="current-password"
            error={errors.password}
          />
        </div>
      ) : null}
      {reauthFailed ? (
        <p className="alert alert-error" role="alert">
          {t('intake.consent.reauthFailed')}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('intake.consent.save')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function WithdrawForm({
  episodeId,
  consent,
  youthId,
  onDone,
  onCancel,
}: {
  episodeId: string;
  consent: TConsent;
  youthId: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const p = `withdraw-${consent.id}`;
  const save = useMutation({
    mutationFn: () =>
      v1<TConsent>(`/episodes/${episodeId}/consents/${consent.id}/withdraw`, {
        method: 'POST',
        body: { reason: reason.trim() },
      }),
    onSuccess: () => {
      invalidateYouth(queryClient, youthId);
      onDone(
        consent.kind === 'guardian_agreement'
          ? t('intake.consent.withdrawnAgreement')
          : t('intake.consent.withdrawnDone', { kind: t(`intake.consentKinds.${consent.kind}`) }),
      );
    },
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!reason.trim()) {
      setError(t('validation.required'));
      document.getElementById(`${p}-reason`)?.focus();
      return;
    }
    setError(undefined);
    save.mutate();
  };
  return (
    <form className="confirm" onSubmit={submit} noValidate aria-label={t('intake.consent.withdraw')}>
      {consent.kind === 'guardian_agreement' ? <p>{t('intake.consent.withdrawWarning')}</p> : null}
      <FormError error={save.error} idPrefix={p} fieldLabels={{ reason: t('intake.fields.withdrawReason') }} />
      <TextArea
        id={`${p}-reason`}
        label={t('intake.fields.withdrawReason')}
        value={reason}
        onChange={setReason}
        required
        maxLength={1000}
        rows={2}
        error={error ?? fieldErrors({}, save.error).reason}
      />
      <div className="actions">
        <button type="submit" className="button danger" disabled={save.isPending}>
          {t('intake.consent.withdraw')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function DischargeForm({
  episode,
  youthId,
  onDone,
  onCancel,
}: {
  episode: TEpisode;
  youthId: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const active = episode.goals.filter((g) => g.status === 'active');
  const [dischargedOn, setDischargedOn] = useState(todayIso());
  const [reasons, setReasons] = useState<string[]>(
    episode.dischargePlanning ? ['consent_withdrawn'] : [],
  );
  const [goalStatus, setGoalStatus] = useState<Record<string, string>>({});
  const [recommendations, setRecommendations] = useState('');
  const [closureActivity, setClosureActivity] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const p = `discharge-${episode.id}`;

  const save = useMutation({
    mutationFn: () =>
      v1<TEpisode>(`/episodes/${episode.id}/discharge`, {
        method: 'POST',
        body: {
          dischargedOn,
          reasons,
          goalStatuses: active.map((g) => ({ goalId: g.id, status: goalStatus[g.id] })),
          recommendations: recommendations.trim(),
          closureActivity: closureActivity.trim() || null,
          version: episode.version,
        },
      }),
    onSuccess: (e) => {
      invalidateYouth(queryClient, youthId);
      onDone(t('intake.discharge.done', { date: formatDate(e.retentionUntil, 'long') }));
    },
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: Record<string, string> = {};
    if (!dischargedOn) errors.dischargedOn = t('validation.date');
    if (reasons.length === 0) errors.reasons = t('intake.discharge.chooseReason');
    for (const [i, g] of active.entries()) if (!goalStatus[g.id]) errors[`goalStatuses.${i}`] = t('validation.choose');
    if (!recommendations.trim()) errors.recommendations = t('validation.required');
    setClientErrors(errors);
    if (Object.keys(errors).length) {
      document.getElementById(`${p}-${Object.keys(errors)[0]!.replace('.', '-')}`)?.focus();
      return;
    }
    save.mutate();
  };
  const errors = fieldErrors(clientErrors, save.error);
  const conflict = save.error instanceof ApiError && save.error.code === 'VERSION_CONFLICT';

  return (
    <form className="subform" onSubmit={submit} noValidate aria-label={t('intake.discharge.title')}>
      <h4>{t('intake.discharge.title')}</h4>
      <p className="hint">{t('intake.discharge.intro')}</p>
      {conflict ? (
        <div className="alert alert-warning" role="alert">
          <p>{t('intake.discharge.conflict')}</p>
        </div>
      ) : (
        <FormError
          error={save.error}
          idPrefix={p}
          fieldLabels={{
            dischargedOn: t('intake.fields.dischargedOn'),
            reasons: t('intake.fields.dischargeReasons'),
            goalStatuses: t('intake.discharge.goalsAtDischarge'),
            recommendations: t('intake.fields.recommendations'),
            closureActivity: t('intake.fields.closureActivity'),
          }}
        />
      )}
      <TextField
        id={`${p}-dischargedOn`}
        type="date"
        label={t('intake.fields.dischargedOn')}
        value={dischargedOn}
        onChange={setDischargedOn}
        required
        min={episode.admittedOn}
        max={todayIso()}
        error={errors.dischargedOn}
      />
      <Fieldset id={`${p}-reasons`} legend={t('intake.fields.dischargeReasons')} error={errors.reasons}>
        {DISCHARGE_REASONS.map((r) => (
          <Checkbox
            key={r}
            id={`${p}-reason-${r}`}
            label={t(`intake.dischargeReasons.${r}`)}
            checked={reasons.includes(r)}
            onChange={(on) => setReasons((rs) => (on ? [...rs, r] : rs.filter((x) => x !== r)))}
          />
        ))}
      </Fieldset>
      {active.length ? (
        <Fieldset
          id={`${p}-goalStatuses`}
          legend={t('intake.discharge.goalsAtDischarge')}
          hint={t('intake.discharge.goalsHint')}
          error={errors.goalStatuses}
        >
          {active.map((g, i) => (
            <RadioGroup
              key={g.id}
              id={`${p}-goalStatuses-${i}`}
              legend={g.title}
              name={`${p}-goal-${g.id}`}
              value={goalStatus[g.id] ?? ''}
              onChange={(v) => setGoalStatus((s) => ({ ...s, [g.id]: v }))}
              options={(['met', 'discontinued'] as const).map((s) => ({ value: s, label: t(`intake.goalStatus.${s}`) }))}
              error={errors[`goalStatuses.${i}`] ?? errors[`goalStatuses.${i}.status`]}
            />
          ))}
        </Fieldset>
      ) : null}
      <TextArea
        id={`${p}-recommendations`}
        label={t('intake.fields.recommendations')}
        value={recommendations}
        onChange={setRecommendations}
        required
        maxLength={4000}
        rows={4}
        error={errors.recommendations}
      />
      <TextArea
        id={`${p}-closureActivity`}
        label={t('intake.fields.closureActivity')}
        hint={t('intake.discharge.closureHint')}
        value={closureActivity}
        onChange={setClosureActivity}
        maxLength={2000}
        rows={2}
        error={errors.closureActivity}
      />
      <div className="actions">
        <button type="submit" className="button danger" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('intake.discharge.submit')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
