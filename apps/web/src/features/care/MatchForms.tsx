import {
  CLOSURE_TYPES,
  MATCH_CLOSURE_CHECKLIST,
  MATCH_CLOSURE_REASONS,
  MEETING_FREQUENCIES,
  type TMatch,
} from '@mentorbridge/core';
import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, v1 } from '../../api.ts';
import { FormError, Loading, QueryError } from '../../components/feedback.tsx';
import { Checkbox, Fieldset, RadioGroup, SelectField, TextArea, TextField } from '../../components/fields.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { errorText, fieldErrors } from '../../errors.ts';
import { formatList, formatNumber, todayIso } from '../../format.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { useMentorAvailability, useRefreshCare } from './queries.ts';

type Agreement = { meetingFrequency: string; expectedDurationMonths: string; agreementSignedOn: string };
const emptyAgreement = (): Agreement => ({
  meetingFrequency: 'weekly',
  expectedDurationMonths: '9',
  agreementSignedOn: todayIso(),
});

/** The server's 409 codes of the care area, in the user's language. */
export const careErrorText = (t: TFunction, error: unknown): string | null => {
  if (!(error instanceof ApiError)) return null;
  switch (error.code) {
    case 'CAPACITY_REACHED': {
      const c = error.current as { caseload?: number; capacity?: number } | undefined;
      return t('care.match.capacityReached', {
        caseload: formatNumber(c?.caseload ?? 0),
        capacity: formatNumber(c?.capacity ?? 0),
      });
    }
    case 'PRIMARY_MATCH_EXISTS':
      return t('care.match.primaryExists');
    case 'MATCH_CLOSED':
      return t('care.match.closedAlready');
    case 'VERSION_CONFLICT':
      return t('care.common.conflict');
    case 'NO_OPEN_EPISODE':
      return t('care.goals.noEpisode');
    case 'GOAL_NOT_ACTIVE':
      return t('care.goals.notActive');
    default:
      return null;
  }
};

/** A form error: a known care conflict as a sentence, otherwise the usual summary of fields. */
export function CareFormError({
  error,
  labels,
  idPrefix,
}: {
  error: unknown;
  labels: Record<string, string>;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const known = careErrorText(t, error);
  if (known) {
    return (
      <div className="alert alert-error" role="alert">
        <p>{known}</p>
      </div>
    );
  }
  return <FormError error={error} fieldLabels={labels} idPrefix={idPrefix} />;
}

/** Mentors with caseload against capacity, languages, supervisor and clearance; one is chosen with a radio. */
function MentorPicker({
  idPrefix,
  value,
  onChange,
  exclude,
  initialLanguage,
  error,
}: {
  idPrefix: string;
  value: string;
  onChange: (id: string) => void;
  exclude?: string[];
  initialLanguage?: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState(initialLanguage ?? '');
  const [applied, setApplied] = useState(initialLanguage ?? '');
  const mentors = useMentorAvailability(applied);
  const headingId = `${idPrefix}-mentors-heading`;
  const list = (mentors.data ?? []).filter((m) => !exclude?.includes(m.userId));
  return (
    <Fieldset id={`${idPrefix}-mentorUserId`} legend={t('care.match.chooseMentor')} error={error}>
      <div className="stack-row">
        <TextField
          id={`${idPrefix}-language`}
          label={t('care.match.languageFilter')}
          hint={t('care.match.languageHint')}
          value={language}
          onChange={setLanguage}
          maxLength={60}
        />
        <button type="button" className="button secondary small" onClick={() => setApplied(language.trim())}>
          {t('care.match.filter')}
        </button>
      </div>
      <p id={headingId} className="visually-hidden">
        {t('care.match.mentorsTable')}
      </p>
      {mentors.isPending ? (
        <Loading />
      ) : mentors.error ? (
        <QueryError error={mentors.error} retry={() => void mentors.refetch()} />
      ) : list.length === 0 ? (
        <p>{t('care.match.noMentors')}</p>
      ) : (
        <ScrollTable labelledBy={headingId}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('care.match.mentor')}</th>
                <th scope="col">{t('care.match.caseload')}</th>
                <th scope="col">{t('care.match.languages')}</th>
                <th scope="col">{t('care.match.supervisor')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => {
                const full = m.openPlaces === 0;
                return (
                  <tr key={m.userId}>
                    <td>
                      <div className="check">
                        <input
                          type="radio"
                          id={`${idPrefix}-mentor-${m.userId}`}
                          name={`${idPrefix}-mentor`}
                          value={m.userId}
                          checked={value === m.userId}
                          onChange={() => onChange(m.userId)}
                        />
                        <label htmlFor={`${idPrefix}-mentor-${m.userId}`}>{m.name}</label>
                      </div>
                      {m.cleared ? null : (
                        <span className="badge badge-warning">
                          <span aria-hidden="true">⚠ </span>
                          {t('care.match.notCleared')}
                        </span>
                      )}
                    </td>
                    <td>
                      {m.capacity == null
                        ? t('care.match.caseloadNoLimit', { caseload: formatNumber(m.caseload) })
                        : t('care.match.caseloadOf', {
                            caseload: formatNumber(m.caseload),
                            capacity: formatNumber(m.capacity),
                          })}
                      {full ? (
                        <div>
                          <span className="badge badge-danger">{t('care.match.full')}</span>
                        </div>
                      ) : null}
                    </td>
                    <td>{m.languages.length ? formatList(m.languages) : t('common.notRecorded')}</td>
                    <td>{m.supervisorName ?? t('care.match.noSupervisor')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </Fieldset>
  );
}

function AgreementFields({
  idPrefix,
  values,
  onChange,
  errors,
}: {
  idPrefix: string;
  values: Agreement;
  onChange: (v: Agreement) => void;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  return (
    <div className="grid-2">
      <SelectField
        id={`${idPrefix}-meetingFrequency`}
        label={t('care.match.meetingFrequency')}
        value={values.meetingFrequency}
        onChange={(v) => onChange({ ...values, meetingFrequency: v })}
        options={MEETING_FREQUENCIES.map((f) => ({ value: f, label: t(`care.frequency.${f}`) }))}
        required
        error={errors.meetingFrequency}
      />
      <TextField
        id={`${idPrefix}-expectedDurationMonths`}
        type="number"
        inputMode="numeric"
        min={1}
        max={60}
        label={t('care.match.expectedDuration')}
        value={values.expectedDurationMonths}
        onChange={(v) => onChange({ ...values, expectedDurationMonths: v })}
        required
        error={errors.expectedDurationMonths}
      />
      <TextField
        id={`${idPrefix}-agreementSignedOn`}
        type="date"
        label={t('care.match.agreementSignedOn')}
        hint={t('care.match.agreementHint')}
        value={values.agreementSignedOn}
        max={todayIso()}
        onChange={(v) => onChange({ ...values, agreementSignedOn: v })}
        required
        error={errors.agreementSignedOn}
      />
    </div>
  );
}

const agreementBody = (a: Agreement) => ({
  meetingFrequency: a.meetingFrequency,
  expectedDurationMonths: Number(a.expectedDurationMonths),
  agreementSignedOn: a.agreementSignedOn,
});

/** Matches a mentor with a youth: choose a mentor by availability, record the match agreement. */
export function MatchForm({
  youthId,
  isPrimary,
  initialLanguage,
  exclude,
  onDone,
  onCancel,
}: {
  youthId: string;
  isPrimary: boolean;
  initialLanguage?: string;
  exclude?: string[];
  onDone: (m: TMatch) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshCare();
  const prefix = `match-new-${useId().replaceAll(':', '')}`;
  const [mentorUserId, setMentor] = useState('');
  const [agreement, setAgreement] = useState(emptyAgreement);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [recordId] = useState(newId);
  const idempotency = useIdempotencyKey();
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1<TMatch>(`/youth/${youthId}/matches`, { method: 'POST', body, idempotencyKey: idempotency.keyFor(body) }),
    onSuccess: (m) => {
      void refresh();
      onDone(m);
    },
  });
  const labels = {
    mentorUserId: t('care.match.chooseMentor'),
    meetingFrequency: t('care.match.meetingFrequency'),
    expectedDurationMonths: t('care.match.expectedDuration'),
    agreementSignedOn: t('care.match.agreementSignedOn'),
    isPrimary: t('care.match.primary'),
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: Record<string, string> = {};
    if (!mentorUserId) errors.mentorUserId = t('validation.choose');
    const months = Number(agreement.expectedDurationMonths);
    if (!Number.isInteger(months) || months < 1 || months > 60)
      errors.expectedDurationMonths = t('care.match.durationRange');
    if (!agreement.agreementSignedOn) errors.agreementSignedOn = t('validation.required');
    setClientErrors(errors);
    if (Object.keys(errors).length) {
      document.getElementById(`${prefix}-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    save.mutate({ id: recordId, mentorUserId, isPrimary, ...agreementBody(agreement) });
  };
  const errors = fieldErrors(clientErrors, save.error);
  return (
    <form className="subform" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{isPrimary ? t('care.match.newPrimary') : t('care.match.newSecondary')}</h3>
      <CareFormError error={save.error} labels={labels} idPrefix={prefix} />
      <MentorPicker
        idPrefix={prefix}
        value={mentorUserId}
        onChange={setMentor}
        exclude={exclude}
        initialLanguage={initialLanguage}
        error={errors.mentorUserId}
      />
      <AgreementFields idPrefix={prefix} values={agreement} onChange={setAgreement} errors={errors} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('care.match.create')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

type Closure = { closedOn: string; closureType: string; reasons: string[]; checklist: string[]; note: string };
const emptyClosure = (): Closure => ({
  closedOn: todayIso(),
  closureType: 'planned',
  reasons: [],
  checklist: [],
  note: '',
});
const toggle = (list: string[], v: string, on: boolean) => (on ? [...list, v] : list.filter((x) => x !== v));

function ClosureFields({
  idPrefix,
  values,
  onChange,
  errors,
  withReasons,
}: {
  idPrefix: string;
  values: Closure;
  onChange: (v: Closure) => void;
  errors: Record<string, string | undefined>;
  withReasons: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        id={`${idPrefix}-closedOn`}
        type="date"
        label={t('care.match.closedOn')}
        value={values.closedOn}
        max={todayIso()}
        onChange={(v) => onChange({ ...values, closedOn: v })}
        required
        error={errors.closedOn}
      />
      <RadioGroup
        id={`${idPrefix}-closureType`}
        name={`${idPrefix}-closureType`}
        legend={t('care.match.closureType')}
        value={values.closureType}
        onChange={(v) => onChange({ ...values, closureType: v })}
        options={CLOSURE_TYPES.map((c) => ({ value: c, label: t(`care.closureType.${c}`) }))}
        error={errors.closureType}
      />
      {withReasons ? (
        <Fieldset
          id={`${idPrefix}-reasons`}
          legend={t('care.match.reasons')}
          hint={t('care.match.reasonsHint')}
          error={errors.reasons}
        >
          {MATCH_CLOSURE_REASONS.filter((r) => r !== 'rematch').map((r) => (
            <Checkbox
              key={r}
              id={`${idPrefix}-reason-${r}`}
              label={t(`care.closureReason.${r}`)}
              checked={values.reasons.includes(r)}
              onChange={(on) => onChange({ ...values, reasons: toggle(values.reasons, r, on) })}
            />
          ))}
        </Fieldset>
      ) : null}
      <Fieldset id={`${idPrefix}-checklist`} legend={t('care.match.checklist')} error={errors.checklist}>
        {MATCH_CLOSURE_CHECKLIST.map((c) => (
          <Checkbox
            key={c}
            id={`${idPrefix}-check-${c}`}
            label={t(`care.checklist.${c}`)}
            checked={values.checklist.includes(c)}
            onChange={(on) => onChange({ ...values, checklist: toggle(values.checklist, c, on) })}
          />
        ))}
      </Fieldset>
      <TextArea
        id={`${idPrefix}-note`}
        label={t('care.match.closureNote')}
        value={values.note}
        maxLength={2000}
        onChange={(v) => onChange({ ...values, note: v })}
        error={errors.note}
      />
    </>
  );
}

const closureLabels = (t: TFunction): Record<string, string> => ({
  closedOn: t('care.match.closedOn'),
  closureType: t('care.match.closureType'),
  reasons: t('care.match.reasons'),
  checklist: t('care.match.checklist'),
  note: t('care.match.closureNote'),
});

/** Closes a match, planned or unplanned, with reason codes and the closure checklist. */
export function CloseMatchForm({ match, onDone, onCancel }: { match: TMatch; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshCare();
  const prefix = `match-close-${match.id}`;
  const [values, setValues] = useState(emptyClosure);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => v1<TMatch>(`/matches/${match.id}/close`, { method: 'POST', body }),
    onSuccess: () => {
      void refresh();
      onDone();
    },
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: Record<string, string> = {};
    if (!values.closedOn) errors.closedOn = t('validation.required');
    if (values.reasons.length === 0) errors.reasons = t('care.match.reasonRequired');
    setClientErrors(errors);
    if (Object.keys(errors).length) {
      document.getElementById(`${prefix}-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    save.mutate({ ...values, note: values.note.trim() || null, version: match.version });
  };
  const errors = fieldErrors(clientErrors, save.error);
  return (
    <form className="subform" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{t('care.match.closeTitle', { name: match.mentorName })}</h3>
      <CareFormError error={save.error} labels={closureLabels(t)} idPrefix={prefix} />
      <ClosureFields idPrefix={prefix} values={values} onChange={setValues} errors={errors} withReasons />
      <div className="actions">
        <button type="submit" className="button danger" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('care.match.close')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Re-match: close this match (reason "rematch") and open one with another mentor, both or neither. */
export function RematchForm({ match, onDone, onCancel }: { match: TMatch; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshCare();
  const prefix = `match-rematch-${match.id}`;
  const [closure, setClosure] = useState(emptyClosure);
  const [mentorUserId, setMentor] = useState('');
  const [agreement, setAgreement] = useState(emptyAgreement);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [recordId] = useState(newId);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => v1(`/matches/${match.id}/rematch`, { method: 'POST', body }),
    onSuccess: () => {
      void refresh();
      onDone();
    },
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const errors: Record<string, string> = {};
    if (!mentorUserId) errors.mentorUserId = t('validation.choose');
    const months = Number(agreement.expectedDurationMonths);
    if (!Number.isInteger(months) || months < 1 || months > 60)
      errors.expectedDurationMonths = t('care.match.durationRange');
    setClientErrors(errors);
    if (Object.keys(errors).length) {
      document.getElementById(`${prefix}-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    save.mutate({
      closedOn: closure.closedOn,
      closureType: closure.closureType,
      checklist: closure.checklist,
      note: closure.note.trim() || null,
      version: match.version,
      newMatch: { id: recordId, mentorUserId, ...agreementBody(agreement) },
    });
  };
  // The API names the new match's fields "newMatch.x"; the form's fields are plain.
  const serverFields = save.error instanceof ApiError ? save.error.fields : {};
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(serverFields)) flat[k.replace(/^newMatch\./, '')] = v;
  const errors = { ...flat, ...clientErrors };
  const labels = {
    ...closureLabels(t),
    mentorUserId: t('care.match.chooseMentor'),
    meetingFrequency: t('care.match.meetingFrequency'),
    expectedDurationMonths: t('care.match.expectedDuration'),
    agreementSignedOn: t('care.match.agreementSignedOn'),
    'newMatch.mentorUserId': t('care.match.chooseMentor'),
    'newMatch.agreementSignedOn': t('care.match.agreementSignedOn'),
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{t('care.match.rematchTitle', { name: match.mentorName })}</h3>
      <p className="hint">{t('care.match.rematchHint')}</p>
      <CareFormError error={save.error} labels={labels} idPrefix={prefix} />
      <MentorPicker
        idPrefix={prefix}
        value={mentorUserId}
        onChange={setMentor}
        exclude={[match.mentorUserId]}
        error={errors.mentorUserId}
      />
      <AgreementFields idPrefix={prefix} values={agreement} onChange={setAgreement} errors={errors} />
      <ClosureFields idPrefix={prefix} values={closure} onChange={setClosure} errors={errors} withReasons={false} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('care.match.rematch')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Pause or resume, close, re-match: the program manager's actions on an open match. */
export function MatchActions({ match, label }: { match: TMatch; label: string }) {
  const { t } = useTranslation();
  const refresh = useRefreshCare();
  const [mode, setMode] = useState<'close' | 'rematch' | null>(null);
  const status = useMutation({
    mutationFn: (next: 'active' | 'paused') =>
      v1<TMatch>(`/matches/${match.id}/status`, { method: 'POST', body: { status: next, version: match.version } }),
    onSuccess: () => void refresh(),
  });
  if (match.status === 'closed') return null;
  if (mode === 'close') return <CloseMatchForm match={match} onDone={() => setMode(null)} onCancel={() => setMode(null)} />;
  if (mode === 'rematch')
    return <RematchForm match={match} onDone={() => setMode(null)} onCancel={() => setMode(null)} />;
  return (
    <div className="actions">
      {status.error ? (
        <p className="field-error" role="alert">
          {careErrorText(t, status.error) ?? errorText(t, status.error)}
        </p>
      ) : null}
      <button
        type="button"
        className="button secondary small"
        disabled={status.isPending}
        onClick={() => status.mutate(match.status === 'paused' ? 'active' : 'paused')}
      >
        {match.status === 'paused' ? t('care.match.resume') : t('care.match.pause')}
        <span className="visually-hidden"> {label}</span>
      </button>
      <button type="button" className="button secondary small" onClick={() => setMode('close')}>
        {t('care.match.close')}
        <span className="visually-hidden"> {label}</span>
      </button>
      <button type="button" className="button secondary small" onClick={() => setMode('rematch')}>
        {t('care.match.rematch')}
        <span className="visually-hidden"> {label}</span>
      </button>
    </div>
  );
}
