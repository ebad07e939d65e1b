import type { TYouth } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError, v1 } from '../../api.ts';
import { StatusMessage } from '../../components/feedback.tsx';
import { Checkbox } from '../../components/fields.tsx';
import { errorText } from '../../errors.ts';
import { formatDateTime, todayIso } from '../../format.ts';
import { usePermissions } from '../../session.tsx';
import { displayName, youthKeys } from './queries.ts';

/** Deactivate / reactivate, export as JSON, delete — each shown only to those allowed to do it. */
export function RecordActions({ youth }: { youth: TYouth }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
  const [exportedAt, setExportedAt] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [statusMessage, setStatusMessage] = useState<string | null>(null);

  const canStatus = can('youth.deactivate');
  const canExport = can('youth.export');
  const canDelete = can('youth.delete');

  const status = useMutation({
    mutationFn: (action: 'deactivate' | 'reactivate') =>
      v1<TYouth>(`/youth/${youth.id}/${action}`, { method: 'POST', body: { version: youth.version } }),
    onSuccess: (next, action) => {
      queryClient.setQueryData(youthKeys.one(next.id), next);
      void queryClient.invalidateQueries({ queryKey: ['youth', 'list'] });
      setConfirmDeactivate(false);
      setStatusMessage(action === 'deactivate' ? t('record.deactivated') : t('record.reactivated'));
    },
    onError: (e) => {
      if (isApiError(e, 'VERSION_CONFLICT')) void queryClient.invalidateQueries({ queryKey: youthKeys.one(youth.id) });
    },
  });

  const exportRecord = useMutation({
    mutationFn: () => v1<unknown>(`/youth/${youth.id}/export`),
    onSuccess: (data) => {
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `youth-${youth.id}-${todayIso()}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setExportedAt(new Date().toISOString());
      // An earlier "export first" refusal no longer applies.
      remove.reset();
    },
  });

  const remove = useMutation({
    mutationFn: () => v1<void>(`/youth/${youth.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: youthKeys.one(youth.id) });
      void queryClient.invalidateQueries({ queryKey: ['youth', 'list'] });
      void navigate('/youth', { state: { deleted: displayName(youth) } });
    },
  });

  if (!canStatus && !canExport && !canDelete) return null;

  return (
    <section className="card" aria-labelledby="record-heading">
      <h2 id="record-heading">{t('record.title')}</h2>
      {statusMessage ? <StatusMessage>{statusMessage}</StatusMessage> : null}

      {canStatus ? (
        <div className="action-block">
          <h3>{youth.status === 'inactive' ? t('record.reactivateTitle') : t('record.deactivateTitle')}</h3>
          {status.error ? (
            <div className="alert alert-error" role="alert">
              <p>
                {isApiError(status.error, 'VERSION_CONFLICT') ? t('record.statusConflict') : errorText(t, status.error)}
              </p>
            </div>
          ) : null}
          {youth.status === 'inactive' ? (
            <>
              <p>{t('record.reactivateHelp', { date: formatDateTime(youth.deactivatedAt) })}</p>
              <button
                type="button"
                className="button secondary"
                disabled={status.isPending}
                onClick={() => status.mutate('reactivate')}
              >
                {t('record.reactivate')}
              </button>
            </>
          ) : confirmDeactivate ? (
            <div className="confirm">
              <p>{t('record.deactivateConfirm', { name: displayName(youth) })}</p>
              <div className="actions">
                <button
                  type="button"
                  className="button danger"
                  disabled={status.isPending}
                  onClick={() => status.mutate('deactivate')}
                >
                  {t('record.deactivate')}
                </button>
                <button type="button" className="button secondary" onClick={() => setConfirmDeactivate(false)}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <>
              <p>{t('record.deactivateHelp')}</p>
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  status.reset();
                  setStatusMessage(null);
                  setConfirmDeactivate(true);
                }}
              >
                {t('record.deactivate')}
              </button>
            </>
          )}
        </div>
      ) : null}

      {canExport ? (
        <div className="action-block">
          <h3>{t('record.exportTitle')}</h3>
          <p>{t('record.exportHelp')}</p>
          {exportRecord.error ? (
            <div className="alert alert-error" role="alert">
              <p>{errorText(t, exportRecord.error)}</p>
            </div>
          ) : null}
          {exportedAt ? (
            <StatusMessage>{t('record.exported', { time: formatDateTime(exportedAt) })}</StatusMessage>
          ) : null}
          <button
            type="button"
            className="button secondary"
            disabled={exportRecord.isPending}
            onClick={() => exportRecord.mutate()}
          >
            {exportRecord.isPending ? t('record.exporting') : t('record.export')}
          </button>
        </div>
      ) : null}

      {canDelete ? (
        <div className="action-block danger-zone">
          <h3>{t('record.deleteTitle')}</h3>
          <p>{t('record.deleteHelp')}</p>
          {remove.error ? (
            <div className="alert alert-error" role="alert">
              <p>
                {isApiError(remove.error, 'EXPORT_REQUIRED') ? t('errors.EXPORT_REQUIRED') : errorText(t, remove.error)}
              </p>
            </div>
          ) : null}
          {confirmDelete ? (
            <div className="confirm">
              <Checkbox
                id="delete-understood"
                label={t('record.deleteUnderstood', { name: displayName(youth) })}
                checked={understood}
                onChange={setUnderstood}
              />
              <div className="actions">
                <button
                  type="button"
                  className="button danger"
                  disabled={!understood || remove.isPending}
                  onClick={() => remove.mutate()}
                >
                  {t('record.deletePermanently')}
                </button>
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => {
                    setConfirmDelete(false);
                    setUnderstood(false);
                    remove.reset();
                  }}
                >
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" className="button danger-outline" onClick={() => setConfirmDelete(true)}>
              {t('record.delete')}
            </button>
          )}
        </div>
      ) : null}
    </section>
  );
}
