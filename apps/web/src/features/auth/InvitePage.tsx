import { type TRole, ZAcceptInvitation } from '@mentorbridge/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError, v1 } from '../../api.ts';
import { Loading } from '../../components/feedback.tsx';
import { TextField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { errorText, fieldErrors, zodFieldErrors } from '../../errors.ts';
import { PublicLayout } from './PublicLayout.tsx';

type Lookup = { email: string; name: string; organizationName: string; role: TRole };

export function InvitePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  usePageTitle(t('invite.title'));

  const lookup = useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => v1<Lookup>('/invitations/lookup', { query: { token }, signal }),
    enabled: token.length > 0,
    retry: false,
  });

  const accept = useMutation({
    mutationFn: () => v1<{ email: string }>('/invitations/accept', { method: 'POST', body: { token, password } }),
    onSuccess: (answer) => {
      void navigate('/sign-in?reason=invited', { replace: true, state: { email: answer.email } });
    },
  });

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const parsed = ZAcceptInvitation.safeParse({ token, password });
    const errors = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    if (!errors.password && password !== confirm) errors.confirm = t('invite.mismatch');
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    accept.mutate();
  };

  const errors = fieldErrors(clientErrors, accept.error);
  const invalid =
    !token || (lookup.error && (isApiError(lookup.error, 'NOT_FOUND') || isApiError(lookup.error, 'VALIDATION_ERROR')));

  return (
    <PublicLayout>
      <h1>{t('invite.title')}</h1>
      {invalid ? (
        <div className="alert alert-error" role="alert">
          <p>{t('invite.invalid')}</p>
        </div>
      ) : lookup.isPending ? (
        <Loading />
      ) : lookup.error ? (
        <div className="alert alert-error" role="alert">
          <p>{errorText(t, lookup.error)}</p>
        </div>
      ) : (
        <>
          <p>
            {t('invite.intro', { organization: lookup.data.organizationName, role: t(`roles.${lookup.data.role}`) })}
          </p>
          <dl className="details compact">
            <div>
              <dt>{t('invite.name')}</dt>
              <dd>{lookup.data.name}</dd>
            </div>
            <div>
              <dt>{t('invite.email')}</dt>
              <dd>{lookup.data.email}</dd>
            </div>
            <div>
              <dt>{t('invite.organization')}</dt>
              <dd>{lookup.data.organizationName}</dd>
            </div>
            <div>
              <dt>{t('invite.role')}</dt>
              <dd>{t(`roles.${lookup.data.role}`)}</dd>
            </div>
          </dl>
          {accept.error && (!isApiError(accept.error) || Object.keys(accept.error.fields).length === 0) ? (
            <div className="alert alert-error" role="alert">
              <p>{isApiError(accept.error, 'NOT_FOUND') ? t('invite.invalid') : errorText(t, accept.error)}</p>
            </div>
          ) : null}
          {Object.keys(errors).length > 0 ? (
            <p className="visually-hidden" role="alert">
              {t('errors.fixFields', { count: Object.keys(errors).length })}
            </p>
          ) : null}
          <form onSubmit={submit} noValidate aria-busy={accept.isPending}>
            <input type="text" name="username" autoComplete="username" value={lookup.data.email} readOnly hidden />
            <TextField
              id="invite-password"
              label={t('invite.password')}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
              hint={t('invite.passwordHint')}
              required
              error={errors.password}
            />
            <TextField
              id="invite-confirm"
              label={t('invite.confirm')}
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={setConfirm}
              required
              error={errors.confirm}
            />
            <button type="submit" className="button primary wide" disabled={accept.isPending}>
              {accept.isPending ? t('common.saving') : t('invite.submit')}
            </button>
          </form>
        </>
      )}
      <p>
        <Link to="/sign-in">{t('invite.haveAccount')}</Link>
      </p>
    </PublicLayout>
  );
}
