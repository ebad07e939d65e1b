import { ALERT_ACTION_KINDS, ALERT_DISPOSITIONS, type TAlertDetail } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError, v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { SelectField, TextArea, TextField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { fieldErrors } from '../../errors.ts';
import { formatDateTime, localInputToIso } from '../../format.ts';
import { newId } from '../../idempotency.ts';
import { AlertStatusBadge, SeverityBadge, useReasonText } from './labels.tsx';
import { alertKeys, useAlert } from './queries.ts';

/** One alert: what raised it in plain words, the youth, acknowledge, record what was done, close, and the log. */
export function AlertPage() {
  const { alertId = '' } = useParams();
  const { t } = useTranslation();
  const alert = useAlert(alertId);
  const reasonText = useReasonText();
  const [message, setMessage] = useState<string | null>(null);
  usePageTitle(t('alerts.detailTitle'));

  if (alert.isPending) return <Loading />;
  if (alert.error) {
    return (
      <>
        <h1>{t('alerts.detailTitle')}</h1>
        {isApiError(alert.error, 'NOT_FOUND') ? <p>{t('alerts.notFound')}</p> : <QueryError error={alert.error} />}
        <p>
          <Link to="/alerts">{t('alerts.backToList')}</Link>
        </p>
      </>
    );
  }
  const a = alert.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/alerts">{t('alerts.backToList')}</Link>
      </p>
      <div className="page-head">
        <h1>{t('alerts.detailHeading', { name: a.youthName })}</h1>
      </div>
      <p className="badges">
        <SeverityBadge severity={a.severity} />
        <AlertStatusBadge status={a.status} />
        {a.escalationLevel > 0 ? (
          <span className="badge badge-warning">{t('alerts.escalatedTo', { level: a.escalationLevel })}</span>
        ) : null}
      </p>
      {message ? <StatusMessage>{message}</StatusMessage> : null}

      <section aria-labelledby="alert-why-h">
        <h2 id="alert-why-h">{t('alerts.why')}</h2>
        <ul>
          {a.reasons.map((r) => (
            <li key={r}>{reasonText(r, a.source)}</li>
          ))}
        </ul>
        <dl className="details">
          <div>
            <dt>{t('alerts.fields.youth')}</dt>
            <dd>
              <Link to={`/youth/${a.youthId}`}>{a.youthName}</Link>
            </dd>
          </div>
          <div>
            <dt>{t('alerts.fields.source')}</dt>
            <dd>
              {a.source === 'contact_note' && a.sourceId ? (
                <Link to={`/contacts/${a.sourceId}`}>{t('alerts.sources.contact_note')}</Link>
              ) : (
                t(`alerts.sources.${a.source}`)
              )}
            </dd>
          </div>
          <div>
            <dt>{t('alerts.fields.raised')}</dt>
            <dd>
              {formatDateTime(a.raisedAt)}
              {a.raisedByName ? ` · ${a.raisedByName}` : ''}
            </dd>
          </div>
          {a.status === 'open' && a.escalateAt ? (
            <div>
              <dt>{t('alerts.fields.escalates')}</dt>
              <dd>{formatDateTime(a.escalateAt)}</dd>
            </div>
          ) : null}
          {a.acknowledgedAt ? (
            <div>
              <dt>{t('alerts.fields.acknowledged')}</dt>
              <dd>
                {formatDateTime(a.acknowledgedAt)}
                {a.acknowledgedByName ? ` · ${a.acknowledgedByName}` : ''}
              </dd>
            </div>
          ) : null}
          {a.closedAt ? (
            <div>
              <dt>{t('alerts.fields.closed')}</dt>
              <dd>
                {formatDateTime(a.closedAt)}
                {a.closedByName ? ` · ${a.closedByName}` : ''}
                {a.disposition ? ` · ${t(`alerts.dispositions.${a.disposition}`)}` : ''}
              </dd>
            </div>
          ) : null}
          {a.dispositionNote ? (
            <div>
              <dt>{t('alerts.fields.dispositionNote')}</dt>
              <dd className="pre-line">{a.dispositionNote}</dd>
            </div>
          ) : null}
        </dl>
        <p className="small muted">{t('alerts.crisisReminder')}</p>
      </section>

      {a.can.acknowledge ? <Acknowledge alert={a} onDone={() => setMessage(t('alerts.acknowledgedMessage'))} /> : null}

      <section aria-labelledby="alert-actions-h">
        <h2 id="alert-actions-h">{t('alerts.actionsTitle')}</h2>
        {a.actions.length === 0 ? (
          <p>{t('alerts.noActions')}</p>
        ) : (
          <ol className="history">
            {a.actions.map((x) => (
              <li key={x.id}>
                <p>
                  <strong>{t(`alerts.actionKinds.${x.kind}`)}</strong> · {formatDateTime(x.takenAt)}
                  {x.takenByName ? ` · ${x.takenByName}` : ''}
                </p>
                {x.note ? <p className="pre-line">{x.note}</p> : null}
              </li>
            ))}
          </ol>
        )}
        {a.can.act ? <RecordAction alert={a} onDone={() => setMessage(t('alerts.actionRecorded'))} /> : null}
      </section>

      {a.status !== 'closed' && a.can.act ? (
        <CloseAlert alert={a} onDone={() => setMessage(t('alerts.closedMessage'))} />
      ) : null}

      <section aria-labelledby="alert-log-h">
        <h2 id="alert-log-h">{t('alerts.logTitle')}</h2>
        <ol className="history">
          {a.log.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              {formatDateTime(e.at)} · {t(`alerts.log.${e.event}`, { level: e.level ?? 0 })}
              {e.actorName ? ` · ${e.actorName}` : ''}
            </li>
          ))}
        </ol>
        <h3>{t('alerts.noticesTitle')}</h3>
        {a.notices.length === 0 ? (
          <p>{t('alerts.noNotices')}</p>
        ) : (
          <ul className="plain">
            {a.notices.map((n) => (
              <li key={n.id}>
                {n.userName ?? t('common.notRecorded')} · {t(`alerts.channels.${n.channel}`)} ·{' '}
                {t(`alerts.noticeStatus.${n.status}`, { defaultValue: n.status })}
                {n.level > 0 ? ` · ${t('alerts.escalatedTo', { level: n.level })}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

const useRefresh = (id: string) => {
  const queryClient = useQueryClient();
  return (next: TAlertDetail) => {
    queryClient.setQueryData(alertKeys.one(id), next);
    void queryClient.invalidateQueries({ queryKey: alertKeys.all });
  };
};

function Acknowledge({ alert, onDone }: { alert: TAlertDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh(alert.id);
  const ack = useMutation({
    mutationFn: () =>
      v1<TAlertDetail>(`/alerts/${alert.id}/acknowledge`, { method: 'POST', body: { version: alert.version } }),
    onSuccess: (next) => {
      refresh(next);
      onDone();
    },
  });
  return (
    <section aria-labelledby="alert-ack-h" className="action-block">
      <h2 id="alert-ack-h">{t('alerts.ackTitle')}</h2>
      <p>{t('alerts.ackIntro')}</p>
      <FormError error={ack.error} />
      <button type="button" className="button primary" disabled={ack.isPending} onClick={() => ack.mutate()}>
        {ack.isPending ? t('common.saving') : t('alerts.acknowledge')}
      </button>
    </section>
  );
}

function RecordAction({ alert, onDone }: { alert: TAlertDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh(alert.id);
  const [kind, setKind] = useState('');
  const [note, setNote] = useState('');
  const [takenAt, setTakenAt] = useState('');
  const [id, setId] = useState(newId);
  const [missing, setMissing] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      v1<TAlertDetail>(`/alerts/${alert.id}/actions`, {
        method: 'POST',
        body: { id, kind, note: note.trim() || null, takenAt: localInputToIso(takenAt) },
        idempotencyKey: `alert-action-${id}`,
      }),
    onSuccess: (next) => {
      refresh(next);
      setKind('');
      setNote('');
      setTakenAt('');
      setId(newId());
      onDone();
    },
  });
  const errors = fieldErrors(missing ? { kind: missing } : {}, save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!kind) {
      setMissing(t('alerts.chooseAction'));
      return;
    }
    setMissing(null);
    save.mutate();
  };
  const p = 'alert-action';
  return (
    <form onSubmit={submit} noValidate aria-labelledby="alert-record-h">
      <h3 id="alert-record-h">{t('alerts.recordTitle')}</h3>
      <FormError
        error={save.error}
        idPrefix={p}
        fieldLabels={{ kind: t('alerts.fields.kind'), note: t('alerts.fields.note'), takenAt: t('alerts.fields.takenAt') }}
      />
      <SelectField
        id={`${p}-kind`}
        label={t('alerts.fields.kind')}
        required
        value={kind}
        onChange={setKind}
        emptyLabel={t('alerts.chooseAction')}
        options={ALERT_ACTION_KINDS.map((k) => ({ value: k, label: t(`alerts.actionKinds.${k}`) }))}
        error={errors.kind}
      />
      <TextField
        id={`${p}-takenAt`}
        type="datetime-local"
        label={t('alerts.fields.takenAt')}
        hint={t('alerts.takenAtHint')}
        value={takenAt}
        onChange={setTakenAt}
        error={errors.takenAt}
      />
      <TextArea
        id={`${p}-note`}
        label={t('alerts.fields.note')}
        value={note}
        onChange={setNote}
        rows={3}
        maxLength={2000}
        error={errors.note}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('alerts.recordAction')}
        </button>
      </div>
    </form>
  );
}

function CloseAlert({ alert, onDone }: { alert: TAlertDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh(alert.id);
  const [disposition, setDisposition] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const close = useMutation({
    mutationFn: () =>
      v1<TAlertDetail>(`/alerts/${alert.id}/close`, {
        method: 'POST',
        body: { disposition, note: note.trim() || null, version: alert.version },
      }),
    onSuccess: (next) => {
      refresh(next);
      onDone();
    },
  });
  const errors = fieldErrors(missing ? { disposition: missing } : {}, close.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!disposition) {
      setMissing(t('alerts.chooseDisposition'));
      return;
    }
    setMissing(null);
    close.mutate();
  };
  const p = 'alert-close';
  return (
    <section aria-labelledby="alert-close-h">
      <h2 id="alert-close-h">{t('alerts.closeTitle')}</h2>
      {alert.can.close ? (
        <form onSubmit={submit} noValidate>
          <FormError
            error={close.error}
            idPrefix={p}
            fieldLabels={{ disposition: t('alerts.fields.disposition'), note: t('alerts.fields.dispositionNote') }}
          />
          <SelectField
            id={`${p}-disposition`}
            label={t('alerts.fields.disposition')}
            required
            value={disposition}
            onChange={setDisposition}
            emptyLabel={t('alerts.chooseDisposition')}
            options={ALERT_DISPOSITIONS.map((d) => ({ value: d, label: t(`alerts.dispositions.${d}`) }))}
            error={errors.disposition}
          />
          <TextArea
            id={`${p}-note`}
            label={t('alerts.fields.dispositionNote')}
            value={note}
            onChange={setNote}
            rows={3}
            maxLength={2000}
            error={errors.note}
          />
          <div className="actions">
            <button type="submit" className="button primary" disabled={close.isPending}>
              {close.isPending ? t('common.saving') : t('alerts.close')}
            </button>
          </div>
        </form>
      ) : (
        <p>{alert.status === 'open' ? t('alerts.closeNeedsAck') : t('alerts.closeNeedsAction')}</p>
      )}
    </section>
  );
}
