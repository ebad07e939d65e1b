import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError, auth } from '../../api.ts';
import { TextField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { errorText } from '../../errors.ts';
import { formatTime } from '../../format.ts';
import { markSignedIn } from '../../session.tsx';
import { PublicLayout } from './PublicLayout.tsx';

type Step = 'password' | 'totp' | 'backup';
type SignInAnswer = { twoFactorRedirect?: boolean; redirect?: boolean; token?: string };

const REASONS = ['expired', 'signed-out', 'everywhere', 'invited', 'password-changed'] as const;
type Reason = (typeof REASONS)[number];

/** Only same-app paths may be a destination after sign-in. */
const safeNext = (next: string | null): string =>
  next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const reasonParam = params.get('reason');
  const reason = REASONS.find((r) => r === reasonParam);
  const [step, setStep] = useState<Step>('password');
  const location = useLocation();
  const stateEmail = (location.state as { email?: unknown } | null)?.email;
  const [email, setEmail] = useState(typeof stateEmail === 'string' ? stateEmail : '');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<{ field: 'email' | 'password' | 'code'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  usePageTitle(step === 'password' ? t('signIn.title') : t('signIn.codeTitle'));

  useEffect(() => {
    if (step !== 'password') document.getElementById('signin-code')?.focus();
  }, [step]);

  const done = () => {
    markSignedIn(true);
    queryClient.removeQueries();
    void navigate(safeNext(params.get('next')), { replace: true });
  };

  const lockedText = (e: ApiError): string => {
    const until = typeof e.details.lockedUntil === 'string' ? new Date(e.details.lockedUntil) : null;
    return until && !Number.isNaN(until.getTime()) && until.getTime() > Date.now()
      ? t('signIn.errors.lockedUntil', { time: formatTime(until) })
      : t('signIn.errors.locked');
  };

  const explain = (e: unknown): string => {
    if (e instanceof ApiError) {
      switch (e.code) {
        case 'INVALID_EMAIL_OR_PASSWORD':
        case 'INVALID_PASSWORD':
        case 'USER_NOT_FOUND':
          return t('signIn.errors.wrongPassword');
        case 'ACCOUNT_LOCKED':
          return lockedText(e);
        case 'INVALID_CODE':
        case 'INVALID_TWO_FACTOR_CODE':
        case 'INVALID_BACKUP_CODE':
          return step === 'backup' ? t('signIn.errors.wrongBackupCode') : t('signIn.errors.wrongCode');
        case 'RATE_LIMITED':
        case 'TOO_MANY_ATTEMPTS':
          return t('signIn.errors.tooMany');
        case 'EMAIL_NOT_VERIFIED':
          return t('signIn.errors.emailNotVerified');
      }
      if (e.status === 423) return lockedText(e);
      if (e.status === 429) return t('signIn.errors.tooMany');
      if (step !== 'password' && e.status === 401) return t('signIn.errors.codeExpired');
      if (e.status === 401) return t('signIn.errors.wrongPassword');
    }
    return errorText(t, e);
  };

  const submitPassword = async (ev: FormEvent) => {
    ev.preventDefault();
    setError(null);
    setFieldError(null);
    if (!email.trim()) return setFieldError({ field: 'email', message: t('validation.required') });
    if (!password) return setFieldError({ field: 'password', message: t('validation.required') });
    setBusy(true);
    try {
      const answer = await auth<SignInAnswer>('/sign-in/email', { email: email.trim(), password });
      setPassword('');
      if (answer?.twoFactorRedirect) {
        setStep('totp');
        setCode('');
      } else {
        done();
      }
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async (ev: FormEvent) => {
    ev.preventDefault();
    setError(null);
    setFieldError(null);
    const value = step === 'totp' ? code.replace(/\s/g, '') : code.trim();
    if (step === 'totp' && !/^\d{6}$/.test(value)) {
      return setFieldError({ field: 'code', message: t('signIn.errors.codeFormat') });
    }
    if (!value) return setFieldError({ field: 'code', message: t('validation.required') });
    setBusy(true);
    try {
      await auth(step === 'totp' ? '/two-factor/verify-totp' : '/two-factor/verify-backup-code', { code: value });
      done();
    } catch (e) {
      const message = explain(e);
      if (
        e instanceof ApiError &&
        e.status === 401 &&
        !['INVALID_CODE', 'INVALID_TWO_FACTOR_CODE', 'INVALID_BACKUP_CODE'].includes(e.code)
      ) {
        // The sign-in step timed out: start again from the password.
        setStep('password');
        setError(message);
      } else {
        setFieldError({ field: 'code', message });
      }
    } finally {
      setBusy(false);
    }
  };

  const reasonText: Record<Reason, string> = {
    expired: t('signIn.reason.expired'),
    'signed-out': t('signIn.reason.signedOut'),
    everywhere: t('signIn.reason.everywhere'),
    invited: t('signIn.reason.invited'),
    'password-changed': t('signIn.reason.passwordChanged'),
  };

  return (
    <PublicLayout>
      {step === 'password' ? (
        <>
          <h1>{t('signIn.title')}</h1>
          {reason ? (
            <p className={`alert ${reason === 'expired' ? 'alert-warning' : 'alert-info'}`} role="status">
              {reasonText[reason]}
            </p>
          ) : null}
          {error ? (
            <div className="alert alert-error" role="alert">
              <p>{error}</p>
            </div>
          ) : null}
          <form onSubmit={submitPassword} noValidate aria-busy={busy}>
            <TextField
              id="signin-email"
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              inputMode="email"
              value={email}
              onChange={setEmail}
              required
              error={fieldError?.field === 'email' ? fieldError.message : undefined}
            />
            <TextField
              id="signin-password"
              label={t('signIn.password')}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              required
              error={fieldError?.field === 'password' ? fieldError.message : undefined}
            />
            <button type="submit" className="button primary wide" disabled={busy}>
              {busy ? t('signIn.signingIn') : t('signIn.submit')}
            </button>
          </form>
          <p className="hint">{t('signIn.help')}</p>
        </>
      ) : (
        <>
          <h1>{t('signIn.codeTitle')}</h1>
          <p>{step === 'totp' ? t('signIn.codeIntro') : t('signIn.backupIntro')}</p>
          {error ? (
            <div className="alert alert-error" role="alert">
              <p>{error}</p>
            </div>
          ) : null}
          <form onSubmit={submitCode} noValidate aria-busy={busy}>
            {fieldError?.field === 'code' ? (
              <p className="visually-hidden" role="alert">
                {fieldError.message}
              </p>
            ) : null}
            <TextField
              key={step}
              id="signin-code"
              label={step === 'totp' ? t('signIn.code') : t('signIn.backupCode')}
              value={code}
              onChange={setCode}
              autoComplete="one-time-code"
              inputMode={step === 'totp' ? 'numeric' : 'text'}
              maxLength={step === 'totp' ? 7 : 40}
              spellCheck={false}
              required
              error={fieldError?.field === 'code' ? fieldError.message : undefined}
            />
            <button type="submit" className="button primary wide" disabled={busy}>
              {busy ? t('signIn.verifying') : t('signIn.verify')}
            </button>
          </form>
          <div className="stack-row">
            <button
              type="button"
              className="button link"
              onClick={() => {
                setStep(step === 'totp' ? 'backup' : 'totp');
                setCode('');
                setError(null);
                setFieldError(null);
              }}
            >
              {step === 'totp' ? t('signIn.useBackup') : t('signIn.useApp')}
            </button>
            <button
              type="button"
              className="button link"
              onClick={() => {
                setStep('password');
                setCode('');
                setError(null);
                setFieldError(null);
              }}
            >
              {t('signIn.startOver')}
            </button>
          </div>
        </>
      )}
    </PublicLayout>
  );
}
