import {
  COLLATERAL_WITH,
  MODALITIES,
  SETTINGS,
  type TContact,
  type TGateCheck,
  TM_ACTIVITIES,
} from '@mentorbridge/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError, v1 } from '../../api.ts';
import { TextArea, TextField } from '../../components/fields.tsx';
import { TimeField } from './TimeField.tsx';
import { useErrorText } from '../../errors.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { notesKeys, useSkills } from './queries.ts';

type Values = {
  date: string;
  startTime: string;
  endTime: string;
  setting: string;
  modality: string;
  collateralWith: string;
  participants: string;
  goalIds: string[];
  activities: string[];
  skills: string[];
  youthResponse: string;
  plan: string;
  safetyConcern: '' | 'yes' | 'no';
  safetyDetail: string;
  mileage: string;
};

const fromContact = (c: TContact): Values => ({
  date: c.date,
  startTime: c.startTime ?? '',
  endTime: c.endTime ?? '',
  setting: c.setting ?? '',
  modality: c.modality ?? '',
  collateralWith: c.collateralWith ?? '',
  participants: c.participants ?? '',
  goalIds: c.goalIds,
  activities: c.activities,
  skills: c.skills,
  youthResponse: c.youthResponse ?? '',
  plan: c.plan ?? '',
  safetyConcern: c.safetyConcern == null ? '' : c.safetyConcern ? 'yes' : 'no',
  safetyDetail: c.safetyDetail ?? '',
  mileage: c.mileage == null ? '' : String(c.mileage),
});

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
const text = (v: string) => v.trim() || null;

/** Problems the form can see before asking the server (times that do not fit, a mileage that is not a number). */
const localProblems = (v: Values): Record<string, 'endBeforeStart' | 'wholeNumber'> => {
  const out: Record<string, 'endBeforeStart' | 'wholeNumber'> = {};
  if (v.startTime && v.endTime && v.endTime <= v.startTime) out.endTime = 'endBeforeStart';
  if (v.mileage.trim() && !/^\d{1,3}$/.test(v.mileage.trim())) out.mileage = 'wholeNumber';
  return out;
};

/** The fields that differ between what is on screen and what the server holds (only those are sent). */
const changes = (v: Values, saved: TContact): Record<string, unknown> | null => {
  const out: Record<string, unknown> = {};
  const bad = localProblems(v);
  if (v.date && v.date !== saved.date) out.date = v.date;
  if (!bad.endTime && v.startTime && v.startTime !== saved.startTime) out.startTime = v.startTime;
  if (!bad.endTime && v.endTime && v.endTime !== saved.endTime) out.endTime = v.endTime;
  if ((v.setting || null) !== saved.setting) out.setting = v.setting || null;
  if ((v.modality || null) !== saved.modality) out.modality = v.modality || null;
  if (saved.kind === 'collateral' && v.collateralWith && v.collateralWith !== saved.collateralWith)
    out.collateralWith = v.collateralWith;
  if (text(v.participants) !== saved.participants) out.participants = text(v.participants);
  if (!sameSet(v.goalIds, saved.goalIds)) out.goalIds = v.goalIds;
  if (!sameSet(v.activities, saved.activities)) out.activities = v.activities;
  if (!sameSet(v.skills, saved.skills)) out.skills = v.skills;
  if (text(v.youthResponse) !== saved.youthResponse) out.youthResponse = text(v.youthResponse);
  if (text(v.plan) !== saved.plan) out.plan = text(v.plan);
  const concern = v.safetyConcern === '' ? null : v.safetyConcern === 'yes';
  if (concern !== saved.safetyConcern) out.safetyConcern = concern;
  if (v.safetyConcern === 'yes' && text(v.safetyDetail) !== saved.safetyDetail) out.safetyDetail = text(v.safetyDetail);
  if (!bad.mileage) {
    const miles = v.mileage.trim() ? Number(v.mileage.trim()) : null;
    if (miles !== saved.mileage) out.mileage = miles;
  }
  return Object.keys(out).length ? out : null;
};

type MissingKey =
  | 'setting'
  | 'modality'
  | 'activities'
  | 'youthResponse'
  | 'youthResponseCollateral'
  | 'plan'
  | 'safetyConcern'
  | 'safetyDetail'
  | 'collateralWith';

/** What signing needs, checked on the phone before asking the server (which checks again). */
const missingForSigning = (v: Values, kind: TContact['kind']): Record<string, MissingKey> => {
  const m: Record<string, MissingKey> = {};
  if (!v.setting) m.setting = 'setting';
  if (!v.modality) m.modality = 'modality';
  if (kind === 'collateral' && !v.collateralWith) m.collateralWith = 'collateralWith';
  if (kind === 'session' && v.activities.length + v.skills.length === 0) m.activities = 'activities';
  if (!v.youthResponse.trim()) m.youthResponse = kind === 'session' ? 'youthResponse' : 'youthResponseCollateral';
  if (kind === 'session' && !v.plan.trim()) m.plan = 'plan';
  if (!v.safetyConcern) m.safetyConcern = 'safetyConcern';
  if (v.safetyConcern === 'yes' && !v.safetyDetail.trim()) m.safetyDetail = 'safetyDetail';
  return m;
};

type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict' | 'invalid';

/**
 * The session note, phone first: big tap targets, the scheduled date and time already filled in, goals as
 * checkboxes, activities and skills as chips, the safety question, and autosave every couple of seconds.
 */
export function NoteForm({ contact, onSigned }: { contact: TContact; onSigned: (next: TContact) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const skills = useSkills();
  const [values, setValues] = useState<Values>(() => fromContact(contact));
  const [saved, setSaved] = useState<TContact>(contact);
  const [state, setState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [showWhen, setShowWhen] = useState(false);
  const [password, setPassword] = useState('');
  const [signing, setSigning] = useState(false);
  const [signError, setSignError] = useState<unknown>(null);
  const [missing, setMissing] = useState<Record<string, MissingKey>>({});
  const latest = useRef({ values, saved });
  latest.current = { values, saved };
  const inFlight = useRef<Promise<TContact | null> | null>(null);
  /** The changes the server refused (400): not sent again until the mentor changes something. */
  const refused = useRef<string | null>(null);
  const uid = useId();
  const p = `note-${uid.replace(/:/g, '')}`;

  const set = <K extends keyof Values>(k: K, v: Values[K]) => {
    setValues((s) => ({ ...s, [k]: v }));
    if (missing[k]) setMissing(({ [k]: _gone, ...rest }) => rest);
  };
  const toggle = (k: 'goalIds' | 'activities' | 'skills', v: string) =>
    set(k, values[k].includes(v) ? values[k].filter((x) => x !== v) : [...values[k], v]);

  /** Sends what changed; waits for a save already on its way first. Resolves to the note as the server holds it. */
  const flush = useCallback(async (): Promise<TContact | null> => {
    if (inFlight.current) await inFlight.current;
    const current = latest.current.saved;
    const body = changes(latest.current.values, current);
    if (!body) return current;
    setState('saving');
    const request = v1<TContact>(`/contacts/${current.id}`, {
      method: 'PATCH',
      body: { ...body, version: current.version },
    })
      .then((next) => {
        latest.current.saved = next;
        setSaved(next);
        queryClient.setQueryData(notesKeys.contact(next.id), next);
        setSaveError(null);
        setSavedAt(new Date());
        setState(changes(latest.current.values, next) ? 'pending' : 'saved');
        return next;
      })
      .catch((err: unknown) => {
        setSaveError(err);
        if (isApiError(err, 'VERSION_CONFLICT')) setState('conflict');
        else if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
          refused.current = JSON.stringify(body);
          setState('invalid');
        } else setState('error');
        return null;
      })
      .finally(() => {
        inFlight.current = null;
      });
    inFlight.current = request;
    return request;
  }, [queryClient]);

  // Autosave: a couple of seconds after the last change; a failed save (network) is retried.
  useEffect(() => {
    if (state === 'conflict' || signing) return;
    const body = changes(values, saved);
    if (!body || (state === 'invalid' && refused.current === JSON.stringify(body))) return;
    if (state !== 'saving' && state !== 'error' && state !== 'invalid') setState('pending');
    const timer = window.setTimeout(() => void flush(), state === 'error' ? 5000 : 2000);
    return () => window.clearTimeout(timer);
  }, [values, saved, state, flush, signing]);

  // Leaving the page (or the app going to the background) saves what is pending.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      void flush();
    };
  }, [flush]);

  const reload = async () => {
    const fresh = await v1<TContact>(`/contacts/${contact.id}`);
    queryClient.setQueryData(notesKeys.contact(contact.id), fresh);
    latest.current.saved = fresh;
    setSaved(fresh);
    setValues(fromContact(fresh));
    setState('saved');
    setSaveError(null);
  };

  const sign = async (ev: FormEvent) => {
    ev.preventDefault();
    setSignError(null);
    const m = missingForSigning(values, saved.kind);
    setMissing(m);
    const first = Object.keys(m)[0];
    if (first) {
      document.getElementById(`${p}-${first}`)?.focus();
      return;
    }
    if (!password) {
      document.getElementById(`${p}-password`)?.focus();
      setSignError(new ApiError(400, 'PASSWORD_MISSING', ''));
      return;
    }
    setSigning(true);
    try {
      const current = await flush();
      if (!current || changes(latest.current.values, current)) {
        setSigning(false);
        return;
      }
      const next = await v1<TContact>(`/contacts/${current.id}/sign`, {
        method: 'POST',
        body: { password, version: current.version },
      });
      setPassword('');
      queryClient.setQueryData(notesKeys.contact(next.id), next);
      void queryClient.invalidateQueries({ queryKey: ['notes', 'contacts'] });
      void queryClient.invalidateQueries({ queryKey: ['care'] });
      onSigned(next);
    } catch (err) {
      setSignError(err);
      setSigning(false);
      if (isApiError(err, 'REAUTH_FAILED')) document.getElementById(`${p}-password`)?.focus();
      else document.getElementById(`${p}-sign-error`)?.focus();
    }
  };

  const local = localProblems(values);
  const serverFields = state === 'invalid' && saveError instanceof ApiError ? saveError.fields : {};
  const signFields = isApiError(signError, 'VALIDATION_ERROR') ? signError.fields : {};
  const fieldError = (k: string): string | undefined => {
    if (missing[k]) return t(`notes.missing.${missing[k]}`);
    if (local[k] === 'endBeforeStart') return t('notes.form.endBeforeStart');
    if (local[k] === 'wholeNumber') return t('validation.wholeNumber');
    return serverFields[k] ?? signFields[k];
  };
  const isSession = saved.kind === 'session';
  const missingCount = Object.keys(missing).length;

  return (
    <form className="note-form" onSubmit={sign} noValidate aria-labelledby={`${p}-title`}>
      <h2 id={`${p}-title`} className="visually-hidden">
        {t('notes.form.title')}
      </h2>
      <SaveStatus state={state} savedAt={savedAt} onReload={reload} error={saveError} />
      {saved.noteStatus === 'returned' ? <ReturnedNotice contact={saved} /> : null}

      <section className="note-block" aria-labelledby={`${p}-when-h`}>
        <h3 id={`${p}-when-h`}>{t('notes.form.when')}</h3>
        <p className="when-line">
          <span>
            {formatDate(values.date, 'long')} · {values.startTime || '—'}–{values.endTime || '—'}
          </span>
          <button
            type="button"
            className="button link"
            aria-expanded={showWhen || Boolean(local.endTime)}
            aria-controls={`${p}-when`}
            onClick={() => setShowWhen((s) => !s)}
          >
            {t('notes.form.changeWhen')}
          </button>
        </p>
        <div id={`${p}-when`} hidden={!(showWhen || local.endTime)} className="grid-3">
          <TextField
            id={`${p}-date`}
            type="date"
            label={t('notes.fields.date')}
            value={values.date}
            onChange={(v) => set('date', v)}
            error={fieldError('date')}
          />
          <TimeField
            id={`${p}-startTime`}
            label={t('notes.fields.startTime')}
            value={values.startTime}
            onChange={(v) => set('startTime', v)}
            error={fieldError('startTime')}
          />
          <TimeField
            id={`${p}-endTime`}
            label={t('notes.fields.endTime')}
            value={values.endTime}
            onChange={(v) => set('endTime', v)}
            error={fieldError('endTime')}
          />
        </div>
      </section>

      {!isSession ? (
        <ChipGroup
          id={`${p}-collateralWith`}
          legend={t('notes.fields.collateralWith')}
          type="radio"
          options={COLLATERAL_WITH.map((v) => ({ value: v, label: t(`notes.collateralWith.${v}`) }))}
          selected={[values.collateralWith]}
          onToggle={(v) => set('collateralWith', v)}
          error={fieldError('collateralWith')}
        />
      ) : null}
      <ChipGroup
        id={`${p}-setting`}
        legend={t('notes.fields.setting')}
        type="radio"
        options={SETTINGS.map((v) => ({ value: v, label: t(`notes.settings.${v}`) }))}
        selected={[values.setting]}
        onToggle={(v) => set('setting', v)}
        error={fieldError('setting')}
      />
      <ChipGroup
        id={`${p}-modality`}
        legend={t('notes.fields.modality')}
        type="radio"
        options={MODALITIES.map((v) => ({ value: v, label: t(`notes.modalities.${v}`) }))}
        selected={[values.modality]}
        onToggle={(v) => set('modality', v)}
        error={fieldError('modality')}
      />

      <fieldset
        id={`${p}-goalIds`}
        className={`group note-block${fieldError('goalIds') ? ' has-error' : ''}`}
        aria-describedby={fieldError('goalIds') ? `${p}-goalIds-error` : undefined}
      >
        <legend>{t('notes.fields.goals')}</legend>
        {fieldError('goalIds') ? (
          <p className="field-error" id={`${p}-goalIds-error`}>
            {fieldError('goalIds')}
          </p>
        ) : null}
        {saved.goalOptions.length === 0 ? (
          <p className="muted">{t('notes.form.noGoals')}</p>
        ) : (
          <ul className="tap-list">
            {saved.goalOptions.map((g) => (
              <li key={g.id} className="check tap-row">
                <input
                  id={`${p}-goal-${g.id}`}
                  type="checkbox"
                  checked={values.goalIds.includes(g.id)}
                  onChange={() => toggle('goalIds', g.id)}
                />
                <label htmlFor={`${p}-goal-${g.id}`}>
                  {g.title}
                  <span className="hint block">{g.hubPlanGoal}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      {isSession ? (
        <>
          <ChipGroup
            id={`${p}-activities`}
            legend={t('notes.fields.activities')}
            type="checkbox"
            options={TM_ACTIVITIES.map((v) => ({ value: v, label: t(`notes.activities.${v}`) }))}
            selected={values.activities}
            onToggle={(v) => toggle('activities', v)}
            error={fieldError('activities')}
          />
          <fieldset id={`${p}-skills`} className="group note-block">
            <legend>{t('notes.fields.skills')}</legend>
            <ul className="skill-list">
              {(skills.data ?? []).map((s) => (
                <li key={s.skill}>
                  <span className="chip">
                    <input
                      id={`${p}-skill-${s.skill}`}
                      type="checkbox"
                      checked={values.skills.includes(s.skill)}
                      onChange={() => toggle('skills', s.skill)}
                    />
                    <label htmlFor={`${p}-skill-${s.skill}`}>{t(`notes.skills.${s.skill}`)}</label>
                  </span>
                  <details className="skill-guide">
                    <summary>
                      {t('notes.form.guide')}
                      <span className="visually-hidden">: {t(`notes.skills.${s.skill}`)}</span>
                    </summary>
                    <p lang="en">{s.guide}</p>
                  </details>
                </li>
              ))}
            </ul>
          </fieldset>
        </>
      ) : null}

      <TextArea
        id={`${p}-youthResponse`}
        label={isSession ? t('notes.fields.youthResponse') : t('notes.fields.summary')}
        hint={isSession ? t('notes.form.youthResponseHint') : undefined}
        value={values.youthResponse}
        onChange={(v) => set('youthResponse', v)}
        rows={4}
        maxLength={4000}
        error={fieldError('youthResponse')}
        required
      />
      {isSession ? (
        <TextArea
          id={`${p}-plan`}
          label={t('notes.fields.plan')}
          value={values.plan}
          onChange={(v) => set('plan', v)}
          rows={2}
          maxLength={2000}
          error={fieldError('plan')}
          required
        />
      ) : null}

      <fieldset
        id={`${p}-safetyConcern`}
        className={`group note-block safety${fieldError('safetyConcern') ? ' has-error' : ''}`}
        aria-describedby={fieldError('safetyConcern') ? `${p}-safetyConcern-error` : undefined}
        tabIndex={-1}
      >
        <legend>
          {t('notes.fields.safetyConcern')} <span className="required">({t('common.required')})</span>
        </legend>
        {fieldError('safetyConcern') ? (
          <p className="field-error" id={`${p}-safetyConcern-error`}>
            {fieldError('safetyConcern')}
          </p>
        ) : null}
        <div className="chips">
          {(['no', 'yes'] as const).map((v) => (
            <span className="chip" key={v}>
              <input
                id={`${p}-safety-${v}`}
                type="radio"
                name={`${p}-safety`}
                checked={values.safetyConcern === v}
                onChange={() => set('safetyConcern', v)}
              />
              <label htmlFor={`${p}-safety-${v}`}>{v === 'yes' ? t('common.yes') : t('common.no')}</label>
            </span>
          ))}
        </div>
        {values.safetyConcern === 'yes' ? (
          <div className="alert alert-warning escalation">
            <p className="alert-title">{t('notes.form.escalationTitle')}</p>
            <p>{t('notes.form.escalationBody')}</p>
            <TextArea
              id={`${p}-safetyDetail`}
              label={t('notes.fields.safetyDetail')}
              value={values.safetyDetail}
              onChange={(v) => set('safetyDetail', v)}
              rows={3}
              maxLength={2000}
              error={fieldError('safetyDetail')}
              required
            />
          </div>
        ) : null}
      </fieldset>

      <div className="grid-2">
        <TextField
          id={`${p}-participants`}
          label={t('notes.fields.participants')}
          hint={t('notes.form.participantsHint')}
          value={values.participants}
          onChange={(v) => set('participants', v)}
          maxLength={300}
          error={fieldError('participants')}
        />
        <TextField
          id={`${p}-mileage`}
          label={t('notes.fields.mileage')}
          inputMode="numeric"
          value={values.mileage}
          onChange={(v) => set('mileage', v)}
          maxLength={3}
          error={fieldError('mileage')}
        />
      </div>

      <GatePreview check={saved.gateCheck} kind={saved.kind} />

      <section className="note-block sign-block" aria-labelledby={`${p}-sign-h`}>
        <h3 id={`${p}-sign-h`}>{t('notes.sign.title')}</h3>
        {missingCount > 0 ? (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{t('notes.sign.missing', { count: missingCount })}</p>
            <ul>
              {Object.entries(missing).map(([k, why]) => (
                <li key={k}>
                  <a href={`#${p}-${k}`}>{t(`notes.missing.${why}`)}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <SignError id={`${p}-sign-error`} error={signError} prefix={p} />
        <p className="hint">{t('notes.sign.hint')}</p>
        <TextField
          id={`${p}-password`}
          type="password"
          label={t('notes.sign.password')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          error={isApiError(signError, 'REAUTH_FAILED') ? t('notes.sign.wrongPassword') : undefined}
        />
        <button type="submit" className="button primary wide" disabled={signing || state === 'conflict'}>
          {signing ? t('notes.sign.signing') : t('notes.sign.button')}
        </button>
      </section>
      {state === 'error' && saveError ? <p className="visually-hidden">{errorText(saveError)}</p> : null}
    </form>
  );
}

function SaveStatus({
  state,
  savedAt,
  onReload,
  error,
}: {
  state: SaveState;
  savedAt: Date | null;
  onReload: () => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (state === 'conflict') {
    return (
      <div className="alert alert-warning" role="alert">
        <p className="alert-title">{t('notes.autosave.conflictTitle')}</p>
        <p>{t('notes.autosave.conflictBody')}</p>
        <button type="button" className="button primary" onClick={onReload}>
          {t('notes.autosave.reload')}
        </button>
      </div>
    );
  }
  const label =
    state === 'saving'
      ? t('notes.autosave.saving')
      : state === 'pending'
        ? t('notes.autosave.pending')
        : state === 'error'
          ? t('notes.autosave.retrying')
          : state === 'invalid'
            ? `${t('notes.autosave.notSaved')} ${errorText(error)}`
            : state === 'saved' && savedAt
              ? t('notes.autosave.saved', { time: formatDateTime(savedAt.toISOString()) })
              : t('notes.autosave.idle');
  return (
    <p className={`autosave autosave-${state}`} role="status" aria-live="polite">
      <span aria-hidden="true">{state === 'saved' ? '✓ ' : state === 'error' || state === 'invalid' ? '⚠ ' : ''}</span>
      {label}
    </p>
  );
}

function ReturnedNotice({ contact }: { contact: TContact }) {
  const { t } = useTranslation();
  const last = [...contact.reviews].reverse().find((r) => r.action === 'return');
  if (!last) return null;
  return (
    <div className="alert alert-warning" role="note">
      <p className="alert-title">{t('notes.returned.title', { name: last.reviewerName })}</p>
      <blockquote className="comment">{last.comment}</blockquote>
      <p className="small">{t('notes.returned.body')}</p>
    </div>
  );
}

/** What signing now would decide, kept up to date by every autosave. */
export function GatePreview({ check, kind }: { check: TGateCheck; kind: TContact['kind'] }) {
  const { t } = useTranslation();
  if (kind === 'collateral') return <p className="muted small">{t('notes.gates.collateral')}</p>;
  if (!check.ruleSetId) {
    return (
      <div className="alert alert-warning">
        <p>{t('notes.gates.noRuleSet')}</p>
      </div>
    );
  }
  if (!check.billableProgram) return <p className="muted small">{t('notes.gates.notBillableProgram')}</p>;
  if (check.failures.length === 0) {
    return (
      <p className="alert alert-success gate-ok">
        <span aria-hidden="true">✓ </span>
        {t('notes.gates.ok', { units: check.unitsPreview, minutes: check.minutes })}
      </p>
    );
  }
  return (
    <div className="alert alert-warning">
      <p className="alert-title">{t('notes.gates.blockedTitle')}</p>
      <GateList codes={check.failures.map((f) => f.code)} />
    </div>
  );
}

export function GateList({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  return (
    <ul className="gate-list">
      {codes.map((code) => (
        <li key={code}>
          <strong>{t(`notes.gates.codes.${code as 'linked_goal'}.title`)}</strong>{' '}
          {t(`notes.gates.codes.${code as 'linked_goal'}.action`)}
        </li>
      ))}
    </ul>
  );
}

function SignError({ id, error, prefix }: { id: string; error: unknown; prefix: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (!error || isApiError(error, 'REAUTH_FAILED')) return null;
  if (isApiError(error, 'PASSWORD_MISSING')) {
    return (
      <p className="field-error" id={id} tabIndex={-1}>
        {t('notes.sign.passwordMissing')}
      </p>
    );
  }
  if (isApiError(error, 'GATES_FAILED')) {
    return (
      <div className="alert alert-error" role="alert" id={id} tabIndex={-1}>
        <p className="alert-title">{t('notes.gates.refusedTitle')}</p>
        <GateList codes={Object.keys(error.fields)} />
        <p className="small">{t('notes.gates.draftKept')}</p>
      </div>
    );
  }
  if (isApiError(error, 'VALIDATION_ERROR') && Object.keys(error.fields).length) {
    return (
      <div className="alert alert-error" role="alert" id={id} tabIndex={-1}>
        <p className="alert-title">{t('notes.sign.incomplete')}</p>
        <ul>
          {Object.entries(error.fields).map(([k, message]) => (
            <li key={k}>
              <a href={`#${prefix}-${k}`}>{message}</a>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const code = error instanceof ApiError ? error.code : '';
  const known = ['NO_RULE_SET', 'NOTE_SIGNED', 'CONTACT_CLOSED', 'VERSION_CONFLICT'].includes(code);
  return (
    <div className="alert alert-error" role="alert" id={id} tabIndex={-1}>
      <p>{known ? t(`notes.errors.${code as 'NO_RULE_SET'}`) : errorText(error)}</p>
    </div>
  );
}

type ChipOption = { value: string; label: string };

/** Checkboxes or radios drawn as big chips (labels stay the tap target; the inputs stay keyboard-operable). */
export function ChipGroup({
  id,
  legend,
  type,
  options,
  selected,
  onToggle,
  error,
}: {
  id: string;
  legend: string;
  type: 'checkbox' | 'radio';
  options: ChipOption[];
  selected: string[];
  onToggle: (value: string) => void;
  error?: string | undefined;
}) {
  return (
    <fieldset
      id={id}
      className={`group note-block${error ? ' has-error' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
      tabIndex={-1}
    >
      <legend>{legend}</legend>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <div className="chips">
        {options.map((o) => (
          <span className="chip" key={o.value}>
            <input
              id={`${id}-${o.value}`}
              type={type}
              name={id}
              checked={selected.includes(o.value)}
              onChange={() => onToggle(o.value)}
            />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </span>
        ))}
      </div>
    </fieldset>
  );
}
