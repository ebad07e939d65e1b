import { MANDATED_REPORT_KINDS, type TMandatedReport, type TMandatedReportSummary, ZCreateMandatedReport } from '@mentorbridge/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError, v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { Checkbox, Fieldset, TextArea, TextField } from '../../components/fields.tsx';
import { fieldErrors, zodFieldErrors } from '../../errors.ts';
import { formatDateTime, localInputToIso } from '../../format.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { useRefreshSafety, useYouthMandatedReports } from './queries.ts';

/** Deadline wording shared by the youth's list and the program managers' list. */
export function ReportDeadline({ r }: { r: TMandatedReportSummary }) {
  const { t } = useTranslation();
  if (r.status !== 'oral_reported') {
    return <span>{t('safety.reports.filedOn', { date: formatDateTime(r.writtenFiledAt) })}</span>;
  }
  return (
    <span className={r.overdue ? 'badge badge-danger' : undefined}>
      {r.overdue
        ? t('safety.reports.overdue', { date: formatDateTime(r.writtenDueAt) })
        : t('safety.reports.dueBy', { date: formatDateTime(r.writtenDueAt) })}
    </span>
  );
}

/** Mandated reports of a youth (R-5.14–5.17): staff with access file one here. Never shown to guardians or the youth. */
export function MandatedReportsSection({ youthId, canCreate }: { youthId: string; canCreate: boolean }) {
  const { t } = useTranslation();
  const reports = useYouthMandatedReports(youthId);
  const [adding, setAdding] = useState(false);
  const [filed, setFiled] = useState<TMandatedReport | null>(null);
  if (isApiError(reports.error, 'FORBIDDEN')) return null;
  return (
    <section className="card" aria-labelledby="reports-heading" id="mandated-reports">
      <div className="section-head">
        <h2 id="reports-heading">{t('safety.reports.title')}</h2>
        {canCreate && !adding ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setFiled(null);
              setAdding(true);
            }}
          >
            {t('safety.reports.add')}
          </button>
        ) : null}
      </div>
      {filed ? (
        <StatusMessage>{t('safety.reports.filed', { date: formatDateTime(filed.writtenDueAt) })}</StatusMessage>
      ) : null}
      {adding ? (
        <ReportForm
          youthId={youthId}
          onDone={(r) => {
            setAdding(false);
            setFiled(r);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      {reports.isPending ? (
        <Loading />
      ) : reports.error ? (
        <QueryError error={reports.error} retry={() => void reports.refetch()} />
      ) : reports.data.length === 0 ? (
        <p>{t('safety.reports.none')}</p>
      ) : (
        <ul className="person-list">
          {reports.data.map((r) => (
            <li key={r.id} className="person">
              <h3>
                <Link to={`/mandated-reports/${r.id}`}>
                  {t('safety.reports.itemTitle', { date: formatDateTime(r.oralReportAt) })}
                </Link>
              </h3>
              <p>
                {r.kinds.map((k) => t(`safety.reports.kinds.${k}`)).join(', ')} · {t(`safety.reports.status.${r.status}`)}
              </p>
              <p>
                <ReportDeadline r={r} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const TEXT_FIELDS = [
  'caregivers',
  'natureAndExtent',
  'priorEvidence',
  'circumstances',
  'actionTaken',
  'suspectedPerpetrator',
  'otherInformation',
] as const;
const REQUIRED_TEXT = new Set(['natureAndExtent', 'circumstances']);

function ReportForm({
  youthId,
  onDone,
  onCancel,
}: {
  youthId: string;
  onDone: (r: TMandatedReport) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshSafety();
  const prefix = 'report-new';
  const [recordId] = useState(newId);
  const idempotency = useIdempotencyKey();
  const [kinds, setKinds] = useState<string[]>([]);
  const [oralReportAt, setOralReportAt] = useState('');
  const [oralReportTo, setOralReportTo] = useState('');
  const [viaPersonInCharge, setVia] = useState(false);
  const [text, setText] = useState<Record<(typeof TEXT_FIELDS)[number], string>>(
    Object.fromEntries(TEXT_FIELDS.map((f) => [f, ''])) as Record<(typeof TEXT_FIELDS)[number], string>,
  );
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1<TMandatedReport>(`/youth/${youthId}/mandated-reports`, {
        method: 'POST',
        body,
        idempotencyKey: idempotency.keyFor(body),
      }),
    onSuccess: (r) => {
      void refresh();
      onDone(r);
    },
  });
  const labels: Record<string, string> = {
    kinds: t('safety.reports.fields.kinds'),
    oralReportAt: t('safety.reports.fields.oralReportAt'),
    oralReportTo: t('safety.reports.fields.oralReportTo'),
    ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, t(`safety.reports.fields.${f}`)])),
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const body = {
      id: recordId,
      kinds,
      oralReportAt: localInputToIso(oralReportAt) ?? '',
      oralReportTo: oralReportTo.trim(),
      viaPersonInCharge,
      ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, text[f].trim() || (REQUIRED_TEXT.has(f) ? '' : null)])),
    };
    const parsed = ZCreateMandatedReport.safeParse(body);
    const errors = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    setClientErrors(errors);
    if (Object.keys(errors).length) {
      document.getElementById(`${prefix}-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    save.mutate(body);
  };
  const errors = fieldErrors(clientErrors, save.error);
  return (
    <form className="subform" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{t('safety.reports.formTitle')}</h3>
      <div className="alert alert-info">
        <p className="alert-title">{t('safety.reports.guidanceTitle')}</p>
        <p>{t('safety.reports.guidance')}</p>
      </div>
      <FormError error={save.error} fieldLabels={labels} idPrefix={prefix} />
      <Fieldset id={`${prefix}-kinds`} legend={labels.kinds} error={errors.kinds}>
        {MANDATED_REPORT_KINDS.map((k) => (
          <Checkbox
            key={k}
            id={`${prefix}-kind-${k}`}
            label={t(`safety.reports.kinds.${k}`)}
            checked={kinds.includes(k)}
            onChange={(on) => setKinds((s) => (on ? [...s, k] : s.filter((x) => x !== k)))}
          />
        ))}
      </Fieldset>
      <div className="grid-2">
        <TextField
          id={`${prefix}-oralReportAt`}
          type="datetime-local"
          label={labels.oralReportAt}
          value={oralReportAt}
          onChange={setOralReportAt}
          required
          error={errors.oralReportAt}
        />
        <TextField
          id={`${prefix}-oralReportTo`}
          label={labels.oralReportTo}
          hint={t('safety.reports.oralReportToHint')}
          value={oralReportTo}
          onChange={setOralReportTo}
          maxLength={200}
          required
          error={errors.oralReportTo}
        />
      </div>
      <Checkbox
        id={`${prefix}-viaPersonInCharge`}
        label={t('safety.reports.fields.viaPersonInCharge')}
        hint={t('safety.reports.viaHint')}
        checked={viaPersonInCharge}
        onChange={setVia}
      />
      {TEXT_FIELDS.map((f) => (
        <TextArea
          key={f}
          id={`${prefix}-${f}`}
          label={labels[f]}
          value={text[f]}
          onChange={(v) => setText((s) => ({ ...s, [f]: v }))}
          required={REQUIRED_TEXT.has(f)}
          maxLength={4000}
          error={errors[f]}
        />
      ))}
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('safety.reports.submit')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
