import { ageOn, type TProgram, type TYouth } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, isApiError, v1 } from '../../api.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { formatDate, formatList, todayIso } from '../../format.ts';
import { usePermissions } from '../../session.tsx';
import { CrisisPanel } from '../../components/CrisisPanel.tsx';
import { CareSections } from '../care/CareSections.tsx';
import { SafetySections } from '../safety/SafetySections.tsx';
import { IntakeSections } from '../intake/IntakeSections.tsx';
import { YouthSessionsSection } from '../notes/YouthSessionsSection.tsx';
import { AccessLogPanel } from './AccessLogPanel.tsx';
import { EmergencyContactsSection } from './EmergencyContactsSection.tsx';
import { GuardiansSection } from './GuardiansSection.tsx';
import { displayName, legalNameIfDifferent, usePrograms, useYouth, youthKeys } from './queries.ts';
import { RecordActions } from './RecordActions.tsx';
import { patchBody, validateYouth, valuesFromYouth, YouthForm } from './YouthForm.tsx';

export function YouthProfilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = usePermissions();
  const location = useLocation();
  const youth = useYouth(id);
  const programs = usePrograms();
  usePageTitle(youth.data ? displayName(youth.data) : t('youth.profileTitle'));

  if (youth.isPending) return <Loading />;
  if (youth.error) {
    return (
      <>
        <h1>{t('youth.profileTitle')}</h1>
        {isApiError(youth.error, 'NOT_FOUND') ? (
          <p>{t('youth.notFound')}</p>
        ) : (
          <QueryError error={youth.error} retry={() => void youth.refetch()} />
        )}
        <p>
          <Link to="/youth">{t('youth.backToList')}</Link>
        </p>
      </>
    );
  }

  const y = youth.data;
  const legal = legalNameIfDifferent(y);
  const program = programs.data?.find((p) => p.id === y.programId);
  const created = (location.state as { created?: boolean } | null)?.created;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/youth">{t('youth.backToList')}</Link>
      </p>
      <div className="profile-head card">
        <h1>{displayName(y)}</h1>
        <p className="identity-line">
          {y.pronouns ? (
            <span className="pronouns-tag">
              <span className="visually-hidden">{t('youth.fields.pronouns')}: </span>
              {y.pronouns}
            </span>
          ) : null}
          <StatusBadge status={y.status} />
          {y.interpreterNeeded ? (
            <span className="badge badge-info">
              {t('youth.interpreterNeededFlag', { language: y.primaryLanguage ?? t('common.notRecorded') })}
            </span>
          ) : null}
        </p>
        {legal ? <p className="muted">{t('youth.legalName', { name: legal })}</p> : null}
        <p className="muted">
          {t('youth.ageLine', { age: ageOn(y.dateOfBirth, todayIso()), date: formatDate(y.dateOfBirth, 'long') })}
          {program ? ` · ${program.name}` : ''}
        </p>
      </div>
      <CrisisPanel youthId={y.id} />
      {created ? <StatusMessage>{t('youth.createdMessage')}</StatusMessage> : null}

      <DetailsSection youth={y} programs={programs.data ?? []} canEdit={can('youth.update')} />
      <GuardiansSection youthId={y.id} canEdit={can('guardian.write')} />
      <EmergencyContactsSection youthId={y.id} canEdit={can('emergency_contact.write')} />
      <IntakeSections youth={y} />
      <CareSections youth={y} />
      <SafetySections youth={y} />
      <YouthSessionsSection youthId={y.id} />
      <RecordActions youth={y} />
      {can('youth.access_log') || can('audit.read') ? <AccessLogPanel youthId={y.id} /> : null}
    </>
  );
}

function DetailsSection({ youth, programs, canEdit }: { youth: TYouth; programs: TProgram[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<'saved' | 'unchanged' | null>(null);
  const [formKey, setFormKey] = useState(0);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  const update = useMutation({
    mutationFn: (body: Record<string, unknown>) => v1<TYouth>(`/youth/${youth.id}`, { method: 'PATCH', body }),
    onSuccess: (next) => {
      queryClient.setQueryData(youthKeys.one(next.id), next);
      void queryClient.invalidateQueries({ queryKey: ['youth', 'list'] });
      setEditing(false);
      setSaved('saved');
    },
  });

  // Return focus to the Edit button after leaving the form.
  useEffect(() => {
    if (!editing && wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const conflict = update.error instanceof ApiError && update.error.code === 'VERSION_CONFLICT' ? update.error : null;
  const reloadCurrent = () => {
    const current = conflict?.current as TYouth | undefined;
    if (current) queryClient.setQueryData(youthKeys.one(youth.id), current);
    else void queryClient.invalidateQueries({ queryKey: youthKeys.one(youth.id) });
    update.reset();
    setFormKey((k) => k + 1);
  };

  const programName = programs.find((p) => p.id === youth.programId)?.name ?? '';
  const races = youth.raceDeclined
    ? t('youth.fields.raceDeclined')
    : youth.races.length
      ? formatList(youth.races.map((r) => t(`youth.races.${r}`)))
      : t('common.notRecorded');
  const rows: [string, string][] = [
    [t('youth.fields.firstName'), youth.firstName],
    [t('youth.fields.lastName'), youth.lastName],
    [t('youth.fields.preferredName'), youth.preferredName ?? ''],
    [t('youth.fields.pronouns'), youth.pronouns ?? ''],
    [t('youth.fields.dateOfBirth'), formatDate(youth.dateOfBirth, 'long')],
    [t('youth.fields.genderIdentity'), youth.genderIdentity ?? ''],
    [t('youth.fields.race'), races],
    [t('youth.fields.ethnicity'), t(`youth.ethnicities.${youth.ethnicity}`)],
    [t('youth.fields.primaryLanguage'), youth.primaryLanguage ?? ''],
    [t('youth.fields.interpreterNeeded'), youth.interpreterNeeded ? t('common.yes') : t('common.no')],
    [t('youth.fields.school'), youth.school ?? ''],
    [t('youth.fields.grade'), youth.grade ?? ''],
    [t('youth.fields.payer'), youth.payer ? t(`youth.payers.${youth.payer}`) : ''],
    [t('youth.fields.memberId'), youth.memberId ?? ''],
    [t('youth.fields.phone'), youth.phone ?? ''],
    [t('youth.fields.address'), youth.address ?? ''],
    [t('youth.fields.program'), programName],
    [t('youth.fields.status'), t(`youth.status.${youth.status}`)],
    [t('youth.fields.updatedAt'), formatDate(youth.updatedAt)],
  ];

  return (
    <section className="card" aria-labelledby="details-heading">
      <div className="section-head">
        <h2 id="details-heading">{t('youth.details')}</h2>
        {canEdit && !editing ? (
          <button
            type="button"
            ref={editButton}
            className="button secondary"
            onClick={() => {
              setSaved(null);
              update.reset();
              setEditing(true);
            }}
          >
            {t('youth.editDetails')}
          </button>
        ) : null}
      </div>
      {saved === 'saved' ? <StatusMessage>{t('youth.saved')}</StatusMessage> : null}
      {saved === 'unchanged' ? <StatusMessage>{t('youth.unchanged')}</StatusMessage> : null}
      {editing ? (
        <YouthForm
          key={`${youth.version}-${formKey}`}
          idPrefix="edit-youth"
          initial={valuesFromYouth(youth)}
          programs={programs}
          pending={update.isPending}
          serverError={conflict ? null : update.error}
          submitLabel={t('common.saveChanges')}
          notice={
            conflict ? (
              <div className="alert alert-warning" role="alert">
                <p className="alert-title">{t('youth.conflictTitle')}</p>
                <p>{t('youth.conflictBody')}</p>
                <button type="button" className="button primary" onClick={reloadCurrent}>
                  {t('youth.conflictReload')}
                </button>
              </div>
            ) : null
          }
          onSubmit={(values) => {
            const body = patchBody(valuesFromYouth(youth), values, youth.version);
            if (!body) {
              setEditing(false);
              setSaved('unchanged');
              return {};
            }
            const errors = validateYouth(t, 'edit', body);
            if (Object.keys(errors).length === 0) update.mutate(body);
            return errors;
          }}
          onCancel={() => {
            update.reset();
            setEditing(false);
          }}
        />
      ) : (
        <dl className="details">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value || <span className="muted">{t('common.notRecorded')}</span>}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
