import { DEFAULT_CHECK_IN_DOMAINS, type TProgramSafetySettings, ZUpdateProgramSafetySettings } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { TextField } from '../../components/fields.tsx';
import { fieldErrors, zodFieldErrors } from '../../errors.ts';
import { safetyKeys, useProgramSafetySettings } from './queries.ts';
import { useDomainLabel } from './RatingScale.tsx';

/** On the program settings page: the weekly check-in areas and the mobile crisis number of the crisis panel. */
export function ProgramSafetySection({ programId, canEdit }: { programId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const settings = useProgramSafetySettings(programId);
  const domainLabel = useDomainLabel();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  if (isApiError(settings.error, 'FORBIDDEN')) return null;
  return (
    <section className="card" aria-labelledby="program-safety-heading">
      <div className="section-head">
        <h2 id="program-safety-heading">{t('safety.program.title')}</h2>
        {canEdit && !editing && settings.data ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {t('common.edit')}
          </button>
        ) : null}
      </div>
      {saved ? <StatusMessage>{t('safety.program.saved')}</StatusMessage> : null}
      {settings.isPending ? (
        <Loading />
      ) : settings.error ? (
        <QueryError error={settings.error} retry={() => void settings.refetch()} />
      ) : editing ? (
        <SettingsForm
          settings={settings.data}
          onDone={() => {
            setEditing(false);
            setSaved(true);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <dl className="details">
          <div>
            <dt>{t('safety.program.domains')}</dt>
            <dd>{settings.data.checkInDomains.map(domainLabel).join(', ')}</dd>
          </div>
          <div>
            <dt>{t('safety.program.mobileCrisisPhone')}</dt>
            <dd>{settings.data.mobileCrisisPhone ?? <span className="muted">{t('common.notRecorded')}</span>}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}

function SettingsForm({
  settings,
  onDone,
  onCancel,
}: {
  settings: TProgramSafetySettings;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefix = 'program-safety';
  const [domains, setDomains] = useState(settings.checkInDomains.join(', '));
  const [phone, setPhone] = useState(settings.mobileCrisisPhone ?? '');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1<TProgramSafetySettings>(`/programs/${settings.programId}/safety-settings`, { method: 'PUT', body }),
    onSuccess: (next) => {
      queryClient.setQueryData(safetyKeys.programSettings(settings.programId), next);
      onDone();
    },
  });
  const labels = { checkInDomains: t('safety.program.domains'), mobileCrisisPhone: t('safety.program.mobileCrisisPhone') };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const body = {
      checkInDomains: domains
        .split(',')
        .map((d) => d.trim().toLowerCase().replace(/\s+/g, '_'))
        .filter(Boolean),
      mobileCrisisPhone: phone.trim() || null,
    };
    const parsed = ZUpdateProgramSafetySettings.safeParse(body);
    const errors = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    const flat = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.split('.')[0]!, v]));
    setClientErrors(flat);
    if (Object.keys(flat).length) {
      document.getElementById(`${prefix}-${Object.keys(flat)[0]}`)?.focus();
      return;
    }
    save.mutate(body);
  };
  const errors = fieldErrors(clientErrors, save.error);
  return (
    <form className="subform" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{t('safety.program.formTitle')}</h3>
      <FormError error={save.error} fieldLabels={labels} idPrefix={prefix} />
      <TextField
        id={`${prefix}-checkInDomains`}
        label={labels.checkInDomains}
        hint={t('safety.program.domainsHint', { defaults: DEFAULT_CHECK_IN_DOMAINS.join(', ') })}
        value={domains}
        onChange={setDomains}
        required
        error={errors.checkInDomains}
      />
      <TextField
        id={`${prefix}-mobileCrisisPhone`}
        type="tel"
        label={labels.mobileCrisisPhone}
        hint={t('safety.program.phoneHint')}
        value={phone}
        onChange={setPhone}
        maxLength={25}
        error={errors.mobileCrisisPhone}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('common.saveChanges')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
