import type { TAlertSettings } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { TextField } from '../../components/fields.tsx';
import { fieldErrors } from '../../errors.ts';
import { usePermissions } from '../../session.tsx';
import { alertKeys, useAlertSettings } from './queries.ts';

/** Organization setting (admins): minutes an acute alert may stay unacknowledged before it escalates. */
export function AlertSettingsSection() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const enabled = can('alert.settings');
  const settings = useAlertSettings(enabled);
  const queryClient = useQueryClient();
  const [minutes, setMinutes] = useState('');
  const [saved, setSaved] = useState(false);
  const [invalid, setInvalid] = useState<string | null>(null);
  useEffect(() => {
    if (settings.data) setMinutes(String(settings.data.acuteEscalationMinutes));
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (value: number) =>
      v1<TAlertSettings>('/organization/alert-settings', { method: 'PUT', body: { acuteEscalationMinutes: value } }),
    onSuccess: (next) => {
      queryClient.setQueryData(alertKeys.settings, next);
      setSaved(true);
    },
  });
  if (!enabled) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const value = Number(minutes);
    if (!Number.isInteger(value) || value < 1 || value > 240) {
      setInvalid(t('alerts.settings.invalid'));
      return;
    }
    setInvalid(null);
    save.mutate(value);
  };
  const errors = fieldErrors(invalid ? { acuteEscalationMinutes: invalid } : {}, save.error);
  return (
    <section aria-labelledby="alert-settings-h">
      <h2 id="alert-settings-h">{t('alerts.settings.title')}</h2>
      {settings.isPending ? (
        <Loading />
      ) : settings.error ? (
        <QueryError error={settings.error} retry={() => void settings.refetch()} />
      ) : (
        <form onSubmit={submit} noValidate>
          {saved ? <StatusMessage>{t('alerts.settings.saved')}</StatusMessage> : null}
          <FormError
            error={save.error}
            idPrefix="alert-settings"
            fieldLabels={{ acuteEscalationMinutes: t('alerts.settings.minutes') }}
          />
          <TextField
            id="alert-settings-acuteEscalationMinutes"
            type="number"
            inputMode="numeric"
            label={t('alerts.settings.minutes')}
            hint={t('alerts.settings.hint')}
            value={minutes}
            onChange={setMinutes}
            error={errors.acuteEscalationMinutes}
          />
          <div className="actions">
            <button type="submit" className="button primary" disabled={save.isPending}>
              {save.isPending ? t('common.saving') : t('common.saveChanges')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
