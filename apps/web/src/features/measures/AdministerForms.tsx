import type { TCreatedAdministration, TInstrumentCatalogItem, TLanguage, TMeasureResponse, TScoreEntryField } from '@mentorbridge/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { RadioGroup, SelectField, TextField } from '../../components/fields.tsx';
import { fieldErrors } from '../../errors.ts';
import { formatDateTime, todayIso } from '../../format.ts';
import { useIdempotencyKey } from '../../idempotency.ts';
import { type Answers, answersToSend, MeasureForm, textIn } from './MeasureForm.tsx';
import { useInstrument, useRefreshMeasures } from './queries.ts';

const langOf = (l: string): TLanguage => (l === 'es' ? 'es' : 'en');

function InstrumentSelect({
  id,
  items,
  value,
  onChange,
  lang,
}: {
  id: string;
  items: TInstrumentCatalogItem[];
  value: string;
  onChange: (v: string) => void;
  lang: TLanguage;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={id}
      label={t('measures.instrument')}
      value={value}
      onChange={onChange}
      options={[{ value: '', label: t('measures.choose') }, ...items.map((i) => ({ value: i.id, label: textIn(i.shortTitle, lang) }))]}
    />
  );
}

/** The score a staff member sees after saving (never shown on the youth's own self-report page). */
export function SavedScore({ response, lang }: { response: TMeasureResponse; lang: TLanguage }) {
  const { t } = useTranslation();
  return (
    <StatusMessage>
      {t('measures.saved', { title: textIn(response.instrumentTitle, lang) })}{' '}
      {response.total != null ? t('measures.scoreIs', { score: response.total }) : null}{' '}
      {response.band ? textIn(response.band.label, lang) : null}
      {response.alertId ? ` — ${t('measures.alertRaised')}` : null}
    </StatusMessage>
  );
}

/** Saves one response of the youth's (retried safely: one idempotency key per body) and refreshes their measures. */
function useSaveResponse(youthId: string, onSaved: (r: TMeasureResponse) => void) {
  const refresh = useRefreshMeasures(youthId);
  const idem = useIdempotencyKey();
  return useMutation({
    mutationFn: (body: object) => v1<TMeasureResponse>(`/youth/${youthId}/measures`, { method: 'POST', body, idempotencyKey: idem.keyFor(body) }),
    onSuccess: (r) => {
      idem.reset();
      void refresh();
      onSaved(r);
    },
  });
}

/** A mentor administers a form during a visit: the form rendered in full, scored on save. */
export function AdministerNow({
  youthId,
  instruments,
  onDone,
}: {
  youthId: string;
  instruments: TInstrumentCatalogItem[];
  onDone: (r: TMeasureResponse) => void;
}) {
  const { t, i18n } = useTranslation();
  const ui = langOf(i18n.language);
  const [instrumentId, setInstrumentId] = useState('');
  const [answers, setAnswers] = useState<Answers>({});
  const [language, setLanguage] = useState<TLanguage>(ui);
  const detail = useInstrument(instrumentId || null);
  const save = useSaveResponse(youthId, (r) => {
    setAnswers({});
    setInstrumentId('');
    onDone(r);
  });
  const form = detail.data?.form;
  const lang: TLanguage = form?.languages.includes(language) ? language : 'en';
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form) return;
    save.mutate({ instrumentId, language: lang, answers: answersToSend(form, answers) });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="administer-heading">
      <h3 id="administer-heading">{t('measures.administer.title')}</h3>
      <InstrumentSelect
        id="administer-instrument"
        items={instruments.filter((i) => i.kind !== 'score_entry')}
        value={instrumentId}
        onChange={(v) => {
          setInstrumentId(v);
          setAnswers({});
        }}
        lang={ui}
      />
      {instrumentId && detail.isPending ? <Loading /> : null}
      {detail.error ? <QueryError error={detail.error} /> : null}
      {form ? (
        <>
          {form.languages.length > 1 ? (
            <RadioGroup
              id="administer-language"
              name="administer-language"
              legend={t('measures.formLanguage')}
              value={lang}
              onChange={(v) => setLanguage(langOf(v))}
              options={form.languages.map((l) => ({ value: l, label: t(`measures.language.${l}`) }))}
            />
          ) : null}
          <MeasureForm form={form} lang={lang} answers={answers} onChange={setAnswers} idPrefix="adm" errors={fieldErrors({}, save.error)} highlightCritical />
          <FormError error={save.error} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={save.isPending}>
              {t('measures.administer.save')}
            </button>
          </div>
        </>
      ) : null}
    </form>
  );
}

/** Staff record the scores of a licensed form (SDQ, RCADS, C-SSRS) administered on paper. */
export function EnterScores({
  youthId,
  instruments,
  onDone,
}: {
  youthId: string;
  instruments: TInstrumentCatalogItem[];
  onDone: (r: TMeasureResponse) => void;
}) {
  const { t, i18n } = useTranslation();
  const ui = langOf(i18n.language);
  const [instrumentId, setInstrumentId] = useState('');
  const [scores, setScores] = useState<Record<string, string>>({});
  const [administeredOn, setAdministeredOn] = useState(todayIso());
  const detail = useInstrument(instrumentId || null);
  const save = useSaveResponse(youthId, (r) => {
    setScores({});
    setInstrumentId('');
    onDone(r);
  });
  const fields: TScoreEntryField[] = detail.data?.scoreEntryFields ?? [];
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const answers: Record<string, string | number> = {};
    for (const f of fields) {
      const v = scores[f.id]?.trim();
      if (!v) continue;
      answers[f.id] = f.kind === 'number' ? Number(v) : v;
    }
    save.mutate({ instrumentId, administeredOn, answers });
  };
  const errors = fieldErrors({}, save.error);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="scores-heading">
      <h3 id="scores-heading">{t('measures.scores.title')}</h3>
      <InstrumentSelect
        id="scores-instrument"
        items={instruments.filter((i) => i.kind === 'score_entry')}
        value={instrumentId}
        onChange={(v) => {
          setInstrumentId(v);
          setScores({});
        }}
        lang={ui}
      />
      {detail.data && fields.length > 0 ? (
        <>
          <p className="hint">{detail.data.summary.attribution}</p>
          <TextField
            id="scores-administeredOn"
            type="date"
            label={t('measures.scores.administeredOn')}
            value={administeredOn}
            onChange={setAdministeredOn}
            max={todayIso()}
            required
            error={errors.administeredOn}
          />
          {fields.map((f) =>
            f.kind === 'number' ? (
              <TextField
                key={f.id}
                id={`scores-${f.id}`}
                type="number"
                inputMode="numeric"
                label={`${textIn(f.label, ui)} (${f.min}–${f.max})`}
                value={scores[f.id] ?? ''}
                onChange={(v) => setScores({ ...scores, [f.id]: v })}
                required={f.required}
                min={f.min}
                max={f.max}
                error={errors[`answers.${f.id}`]}
              />
            ) : (
              <SelectField
                key={f.id}
                id={`scores-${f.id}`}
                label={textIn(f.label, ui)}
                value={scores[f.id] ?? ''}
                onChange={(v) => setScores({ ...scores, [f.id]: v })}
                required={f.required}
                options={[{ value: '', label: t('measures.choose') }, ...f.options.map((o) => ({ value: o.value, label: textIn(o.label, ui) }))]}
                error={errors[`answers.${f.id}`]}
              />
            ),
          )}
          <FormError error={save.error} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={save.isPending}>
              {t('measures.scores.save')}
            </button>
          </div>
        </>
      ) : null}
    </form>
  );
}

/** A one-time link or a kiosk code for the youth or a guardian to answer without an account. */
export function InviteForm({ youthId, instruments }: { youthId: string; instruments: TInstrumentCatalogItem[] }) {
  const { t, i18n } = useTranslation();
  const ui = langOf(i18n.language);
  const [instrumentId, setInstrumentId] = useState('');
  const [mode, setMode] = useState<'link' | 'kiosk'>('link');
  const [language, setLanguage] = useState<TLanguage>(ui);
  const [hours, setHours] = useState('72');
  const [created, setCreated] = useState<TCreatedAdministration | null>(null);
  const [copied, setCopied] = useState(false);
  const refresh = useRefreshMeasures(youthId);
  const idem = useIdempotencyKey();
  const chosen = instruments.find((i) => i.id === instrumentId);
  const respondent = chosen?.respondent === 'parent' ? 'guardian' : 'youth';
  const create = useMutation({
    mutationFn: (body: object) =>
      v1<TCreatedAdministration>(`/youth/${youthId}/administrations`, { method: 'POST', body, idempotencyKey: idem.keyFor(body) }),
    onSuccess: (a) => {
      idem.reset();
      void refresh();
      setCreated(a);
      setCopied(false);
    },
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    create.mutate({ instrumentId, respondent, mode, language, expiresInHours: Number(hours) });
  };
  const errors = fieldErrors({}, create.error);
  const answerable = instruments.filter((i) => i.kind !== 'score_entry' && (i.respondent === 'youth' || i.respondent === 'parent'));
  return (
    <form onSubmit={submit} noValidate aria-labelledby="invite-heading">
      <h3 id="invite-heading">{t('measures.invite.title')}</h3>
      <InstrumentSelect id="invite-instrument" items={answerable} value={instrumentId} onChange={setInstrumentId} lang={ui} />
      {chosen ? <p className="hint">{t(`measures.invite.answeredBy.${respondent}`)}</p> : null}
      <RadioGroup
        id="invite-mode"
        name="invite-mode"
        legend={t('measures.invite.mode')}
        value={mode}
        onChange={(v) => {
          setMode(v === 'kiosk' ? 'kiosk' : 'link');
          setHours(v === 'kiosk' ? '1' : '72');
        }}
        options={[
          { value: 'link', label: t('measures.invite.link') },
          { value: 'kiosk', label: t('measures.invite.kiosk') },
        ]}
      />
      <RadioGroup
        id="invite-language"
        name="invite-language"
        legend={t('measures.formLanguage')}
        value={language}
        onChange={(v) => setLanguage(langOf(v))}
        options={[
          { value: 'en', label: t('measures.language.en') },
          { value: 'es', label: t('measures.language.es') },
        ]}
      />
      {chosen && language === 'es' && !chosen.languages.includes('es') ? <p className="hint">{t('measures.invite.englishOnly')}</p> : null}
      <SelectField
        id="invite-expiresInHours"
        label={t('measures.invite.expires')}
        value={hours}
        onChange={setHours}
        options={(mode === 'kiosk' ? [1, 2, 4] : [24, 72, 168, 336]).map((h) => ({ value: String(h), label: t('measures.invite.hours', { count: h }) }))}
        error={errors.expiresInHours}
      />
      <FormError error={create.error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={create.isPending || !instrumentId}>
          {t(mode === 'kiosk' ? 'measures.invite.createKiosk' : 'measures.invite.createLink')}
        </button>
      </div>
      {created ? (
        <div className="alert alert-success" role="status">
          <p>{t('measures.invite.createdOnce', { when: formatDateTime(created.expiresAt) })}</p>
          {created.url ? (
            <>
              <TextField id="invite-url" label={t('measures.invite.url')} value={created.url} onChange={() => undefined} spellCheck={false} />
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  void navigator.clipboard?.writeText(created.url!).then(() => setCopied(true));
                }}
              >
                {copied ? t('measures.invite.copied') : t('measures.invite.copy')}
              </button>
            </>
          ) : null}
          {created.kioskCode ? (
            <p>
              {t('measures.invite.kioskCode')} <strong className="kiosk-code">{created.kioskCode}</strong> — {t('measures.invite.kioskWhere')}
            </p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
