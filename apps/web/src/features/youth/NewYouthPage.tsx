import type { TYouth } from '@mentorbridge/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError, v1 } from '../../api.ts';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { usePermissions } from '../../session.tsx';
import { usePrograms, youthKeys } from './queries.ts';
import { emptyYouthValues, toPayload, validateYouth, YouthForm } from './YouthForm.tsx';

export function NewYouthPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { can } = usePermissions();
  const programs = usePrograms();
  // One record id for this form: a retry after a lost answer cannot create the youth twice.
  const [recordId] = useState(newId);
  const idempotency = useIdempotencyKey();
  usePageTitle(t('youth.newTitle'));

  const create = useMutation({
    mutationFn: (body: ReturnType<typeof toPayload> & { id: string }) =>
      v1<TYouth>('/youth', { method: 'POST', body, idempotencyKey: idempotency.keyFor(body) }),
    onSuccess: (youth) => {
      queryClient.setQueryData(youthKeys.one(youth.id), youth);
      void queryClient.invalidateQueries({ queryKey: ['youth', 'list'] });
      void navigate(`/youth/${youth.id}`, { state: { created: true } });
    },
  });

  if (!can('youth.create')) {
    return (
      <>
        <h1>{t('youth.newTitle')}</h1>
        <p>{t('errors.FORBIDDEN')}</p>
      </>
    );
  }

  const activePrograms = (programs.data ?? []).filter((p) => p.active);
  const conflict = isApiError(create.error, 'CONFLICT') || isApiError(create.error, 'IDEMPOTENCY_CONFLICT');

  return (
    <>
      <p className="breadcrumb">
        <Link to="/youth">{t('youth.backToList')}</Link>
      </p>
      <h1>{t('youth.newTitle')}</h1>
      <p>{t('youth.newIntro')}</p>
      {programs.isPending ? (
        <Loading />
      ) : programs.error ? (
        <QueryError error={programs.error} retry={() => void programs.refetch()} />
      ) : (
        <YouthForm
          idPrefix="new-youth"
          initial={emptyYouthValues(activePrograms.length === 1 ? activePrograms[0]!.id : '')}
          programs={programs.data}
          pending={create.isPending}
          serverError={conflict ? null : create.error}
          submitLabel={t('youth.create')}
          notice={
            conflict ? (
              <div className="alert alert-warning" role="alert">
                <p>{t('youth.alreadySaved')}</p>
                <Link to={`/youth/${recordId}`}>{t('youth.openSaved')}</Link>
              </div>
            ) : null
          }
          onSubmit={(values) => {
            const body = { ...toPayload(values), id: recordId };
            const errors = validateYouth(t, 'create', body);
            if (Object.keys(errors).length === 0) create.mutate(body);
            return errors;
          }}
          onCancel={() => void navigate('/youth')}
        />
      )}
    </>
  );
}
