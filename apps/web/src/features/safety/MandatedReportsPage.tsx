import type { TMandatedReport } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError, v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { formatDateTime, localInputToIso } from '../../format.ts';
import { usePermissions } from '../../session.tsx';
import { ReportDeadline } from './MandatedReportsSection.tsx';
import { safetyKeys, useMandatedReport, useMandatedReports } from './queries.ts';

/** Program managers' list of mandated reports, earliest written-report deadline first. */
export function MandatedReportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('safety.reports.pageTitle'));
  const [status, setStatus] = useState('open');
  const reports = useMandatedReports(status);
  return (
    <>
      <h1>{t('safety.reports.pageTitle')}</h1>
      <div className="filter-grid">
        <SelectField
          id="reports-status"
          label={t('safety.reports.statusFilter')}
          value={status}
          onChange={setStatus}
          options={(['open', 'oral_reported', 'written_filed', 'closed'] as const).map((s) => ({
            value: s,
            label: t(`safety.reports.status.${s}`),
          }))}
        />
      </div>
      <section className="card" aria-labelledby="reports-list-heading">
        <h2 id="reports-list-heading" className="visually-hidden">
          {t('safety.reports.pageTitle')}
        </h2>
        {reports.isPending ? (
          <Loading />
        ) : reports.error ? (
          <QueryError error={reports.error} retry={() => void reports.refetch()} />
        ) : reports.data.length === 0 ? (
          <p>{t('safety.reports.noneOpen')}</p>
        ) : (
          <ul className="person-list">
            {reports.data.map((r) => (
              <li key={r.id} className="person">
                <h3>
                  <Link to={`/mandated-reports/${r.id}`}>{r.youthName}</Link>
                </h3>
                <p>
                  {r.kinds.map((k) => t(`safety.reports.kinds.${k}`)).join(', ')} · {t(`safety.reports.status.${r.status}`)} ·{' '}
                  {t('safety.reports.by', { name: r.reporterName })}
                </p>
                <p>
                  <ReportDeadline r={r} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** One mandated report: what was reported, its deadline, recording the written report, closing it. */
export function MandatedReportPage() {
  const { reportId = '' } = useParams();
  const { t } = useTranslation();
  const { can } = usePermissions();
  const report = useMandatedReport(reportId);
  usePageTitle(t('safety.reports.detailTitle'));
  if (report.isPending) return <Loading />;
  if (report.error) {
    return (
      <>
        <h1>{t('safety.reports.detailTitle')}</h1>
        {isApiError(report.error, 'NOT_FOUND') ? <p>{t('safety.reports.notFound')}</p> : <QueryError error={report.error} />}
      </>
    );
  }
  const r = report.data;
  const rows: [string, string | null][] = [
    [t('safety.reports.fields.kinds'), r.kinds.map((k) => t(`safety.reports.kinds.${k}`)).join(', ')],
    [t('safety.reports.fields.oralReportAt'), formatDateTime(r.oralReportAt)],
    [t('safety.reports.fields.oralReportTo'), r.oralReportTo],
    [t('safety.reports.fields.viaPersonInCharge'), r.viaPersonInCharge ? t('common.yes') : t('common.no')],
    [t('safety.reports.fields.caregivers'), r.caregivers],
    [t('safety.reports.fields.natureAndExtent'), r.natureAndExtent],
    [t('safety.reports.fields.priorEvidence'), r.priorEvidence],
    [t('safety.reports.fields.circumstances'), r.circumstances],
    [t('safety.reports.fields.actionTaken'), r.actionTaken],
    [t('safety.reports.fields.suspectedPerpetrator'), r.suspectedPerpetrator],
    [t('safety.reports.fields.otherInformation'), r.otherInformation],
    [t('safety.reports.reporter'), r.reporterName],
    [t('safety.reports.supervisorNotified'), formatDateTime(r.supervisorNotifiedAt)],
    [t('safety.reports.agencyReference'), r.agencyReference],
  ];
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/youth/${r.youthId}#mandated-reports`}>{r.youthName}</Link>
      </p>
      <h1>{t('safety.reports.detailTitle')}</h1>
      <section className="card" aria-labelledby="report-status-heading">
        <h2 id="report-status-heading">{t(`safety.reports.status.${r.status}`)}</h2>
        <p>
          <ReportDeadline r={r} />
        </p>
        {r.status === 'oral_reported' && can('mandated_report.update') ? <FileWritten report={r} /> : null}
        {r.status === 'written_filed' && can('mandated_report.close') ? <CloseReport report={r} /> : null}
      </section>
      <section className="card" aria-labelledby="report-details-heading">
        <h2 id="report-details-heading">{t('safety.reports.details')}</h2>
        <dl className="details">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value || <span className="muted">{t('common.notRecorded')}</span>}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}

function FileWritten({ report }: { report: TMandatedReport }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [filedAt, setFiledAt] = useState('');
  const [reference, setReference] = useState('');
  const file = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1<TMandatedReport>(`/mandated-reports/${report.id}/written`, { method: 'POST', body }),
    onSuccess: (next) => {
      queryClient.setQueryData(safetyKeys.report(report.id), next);
      void queryClient.invalidateQueries({ queryKey: ['safety', 'reports'] });
    },
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    file.mutate({
      writtenFiledAt: localInputToIso(filedAt) ?? '',
      agencyReference: reference.trim() || null,
      version: report.version,
    });
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-labelledby="file-written-title">
      <h3 id="file-written-title">{t('safety.reports.fileWritten')}</h3>
      <FormError
        error={file.error}
        fieldLabels={{ writtenFiledAt: t('safety.reports.writtenFiledAt'), agencyReference: t('safety.reports.agencyReference') }}
        idPrefix="file-written"
      />
      <div className="grid-2">
        <TextField
          id="file-written-writtenFiledAt"
          type="datetime-local"
          label={t('safety.reports.writtenFiledAt')}
          value={filedAt}
          onChange={setFiledAt}
          required
        />
        <TextField
          id="file-written-agencyReference"
          label={t('safety.reports.agencyReference')}
          value={reference}
          onChange={setReference}
          maxLength={100}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button primary" disabled={file.isPending}>
          {t('safety.reports.recordWritten')}
        </button>
      </div>
    </form>
  );
}

function CloseReport({ report }: { report: TMandatedReport }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const close = useMutation({
    mutationFn: () =>
      v1<TMandatedReport>(`/mandated-reports/${report.id}/close`, { method: 'POST', body: { version: report.version } }),
    onSuccess: (next) => {
      queryClient.setQueryData(safetyKeys.report(report.id), next);
      void queryClient.invalidateQueries({ queryKey: ['safety', 'reports'] });
    },
  });
  return (
    <div className="actions">
      <FormError error={close.error} />
      {close.isSuccess ? <StatusMessage>{t('safety.reports.closed')}</StatusMessage> : null}
      <button type="button" className="button secondary" disabled={close.isPending} onClick={() => close.mutate()}>
        {t('safety.reports.close')}
      </button>
    </div>
  );
}
