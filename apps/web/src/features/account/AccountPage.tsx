import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, auth, request } from '../../api.ts';
import { Loading, StatusMessage } from '../../components/feedback.tsx';
import { Checkbox, TextField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { errorText } from '../../errors.ts';
import { markSignedIn, meQueryKey, useMe, useOrganization } from '../../session.tsx';

type SessionAnswer = { user: { id: string; name: string; email: string; twoFactorEnabled?: boolean | null } } | null;

const MIN_PASSWORD = 12;

/** The base32 secret inside an otpauth:// URI, for typing into an authenticator by hand. */
export const secretFromUri = (uri: string): string => {
  try {
    return new URL(uri).searchParams.get('secret') ?? '';
  } catch {
    return /[?&]secret=([^&]+)/.exec(uri)?.[1] ?? '';
  }
};
const group = (s: string) => s.replace(/(.{4})/g, '$1 ').trim();

export function AccountPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const me = useMe();
  // When two-factor is required but not set up, /me answers 403; the session still names the user.
  const session = useQuery({
    queryKey: ['auth-session'],
    queryFn: ({ signal }) => request<SessionAnswer>('/api/auth/get-session', { signal }),
    enabled: me.isError,
  });
  usePageTitle(t('account.title'));

  const user = me.data?.user ?? session.data?.user ?? null;
  const twoFactorEnabled = Boolean(user?.twoFactorEnabled);
  const { organizationId } = useOrganization();
  const activeOrg = me.data?.organizations.find((o) => o.id === (organizationId ?? me.data?.activeOrganizationId));
  const mustSetUp =
    !twoFactorEnabled && (params.get('reason') === 'two-factor' || activeOrg?.twoFactorRequired === true);

  useEffect(() => {
    if (mustSetUp) document.getElementById('two-factor-heading')?.scrollIntoView();
  }, [mustSetUp]);

  return (
    <>
      <h1>{t('account.title')}</h1>
      {mustSetUp ? (
        <div className="alert alert-warning" role="alert">
          <p className="alert-title">{t('account.twoFactorRequiredTitle')}</p>
          <p>{t('account.twoFactorRequiredBody')}</p>
        </div>
      ) : null}
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('account.profile')}</h2>
        {!user ? (
          <Loading />
        ) : (
          <dl className="details compact">
            <div>
              <dt>{t('account.name')}</dt>
              <dd>{user.name}</dd>
            </div>
            <div>
              <dt>{t('account.email')}</dt>
              <dd className="break">{user.email}</dd>
            </div>
          </dl>
        )}
      </section>
      {user ? <TwoFactorSection enabled={twoFactorEnabled} /> : null}
      <ChangePasswordSection />
      <SignOutEverywhereSection />
    </>
  );
}

function TwoFactorSection({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [setup, setSetup] = useState<{ totpURI: string; backupCodes: string[] } | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [done, setDone] = useState<'enabled' | 'disabled' | null>(null);

  const passwordMessage = (e: unknown) =>
    e instanceof ApiError && (e.code === 'INVALID_PASSWORD' || e.status === 401 || e.status === 400)
      ? t('account.wrongPassword')
      : errorText(t, e);

  const enable = useMutation({
    mutationFn: () => auth<{ totpURI: string; backupCodes: string[] }>('/two-factor/enable', { password }),
    onSuccess: (answer) => {
      setPassword('');
      setSetup(answer);
      setDone(null);
    },
    onError: (e) => setPasswordError(passwordMessage(e)),
  });
  const verify = useMutation({
    mutationFn: () => auth('/two-factor/verify-totp', { code: code.replace(/\s/g, '') }),
    onSuccess: () => {
      setSetup(null);
      setCode('');
      setDone('enabled');
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['auth-session'] });
    },
    onError: (e) =>
      setCodeError(e instanceof ApiError && e.status === 401 ? t('signIn.errors.wrongCode') : errorText(t, e)),
  });
  const disable = useMutation({
    mutationFn: () => auth('/two-factor/disable', { password }),
    onSuccess: () => {
      setPassword('');
      setDone('disabled');
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
    onError: (e) => setPasswordError(passwordMessage(e)),
  });

  const submitPassword = (ev: FormEvent) => {
    ev.preventDefault();
    setPasswordError(null);
    if (!password) {
      setPasswordError(t('validation.required'));
      return;
    }
    if (enabled) disable.mutate();
    else enable.mutate();
  };
  const submitCode = (ev: FormEvent) => {
    ev.preventDefault();
    setCodeError(null);
    if (!/^\d{6}$/.test(code.replace(/\s/g, ''))) {
      setCodeError(t('signIn.errors.codeFormat'));
      return;
    }
    verify.mutate();
  };

  const secret = setup ? secretFromUri(setup.totpURI) : '';

  return (
    <section className="card" aria-labelledby="two-factor-heading" id="two-factor">
      <h2 id="two-factor-heading">{t('account.twoFactor')}</h2>
      {done === 'enabled' ? <StatusMessage>{t('account.twoFactorNowOn')}</StatusMessage> : null}
      {done === 'disabled' ? <StatusMessage>{t('account.twoFactorNowOff')}</StatusMessage> : null}
      <p>
        <strong>{enabled ? t('account.twoFactorOn') : t('account.twoFactorOff')}</strong>
      </p>
      {setup ? (
        <div className="two-factor-setup">
          <h3>{t('account.step2')}</h3>
          <p>{t('account.scanHelp')}</p>
          <dl className="details compact">
            <div>
              <dt>{t('account.secret')}</dt>
              <dd>
                <code className="secret" translate="no">
                  {group(secret)}
                </code>
              </dd>
            </div>
            <div>
              <dt>{t('account.uri')}</dt>
              <dd>
                <code className="break" translate="no">
                  {setup.totpURI}
                </code>
              </dd>
            </div>
          </dl>
          <h3>{t('account.backupCodes')}</h3>
          <p>{t('account.backupHelp')}</p>
          <ul className="backup-codes" translate="no">
            {setup.backupCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <h3>{t('account.step3')}</h3>
          <form onSubmit={submitCode} noValidate>
            {codeError ? (
              <p className="visually-hidden" role="alert">
                {codeError}
              </p>
            ) : null}
            <TextField
              id="two-factor-code"
              label={t('signIn.code')}
              value={code}
              onChange={setCode}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              required
              error={codeError ?? undefined}
            />
            <div className="actions">
              <button type="submit" className="button primary" disabled={verify.isPending}>
                {t('account.turnOn')}
              </button>
              <button type="button" className="button secondary" onClick={() => setSetup(null)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        </div>
      ) : (
        <form onSubmit={submitPassword} noValidate>
          <p>{enabled ? t('account.disableHelp') : t('account.enableHelp')}</p>
          {passwordError ? (
            <p className="visually-hidden" role="alert">
              {passwordError}
            </p>
          ) : null}
          <TextField
            id="two-factor-password"
            type="password"
            label={t('account.password')}
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
            required
            error={passwordError ?? undefined}
          />
          <button
            type="submit"
            className={enabled ? 'button danger-outline' : 'button primary'}
            disabled={enable.isPending || disable.isPending}
          >
            {enabled ? t('account.disable') : t('account.enable')}
          </button>
        </form>
      )}
    </section>
  );
}

function ChangePasswordSection() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [revokeOthers, setRevokeOthers] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const change = useMutation({
    mutationFn: () =>
      auth('/change-password', { currentPassword: current, newPassword: next, revokeOtherSessions: revokeOthers }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
    },
    onError: (e) => {
      if (e instanceof ApiError && (e.code === 'INVALID_PASSWORD' || e.status === 401)) {
        setErrors({ current: t('account.wrongPassword') });
      } else if (e instanceof ApiError && e.code === 'PASSWORD_TOO_SHORT') {
        setErrors({ next: t('validation.tooShort', { min: MIN_PASSWORD }) });
      } else setFormError(errorText(t, e));
    },
  });

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    setDone(false);
    setFormError(null);
    const found: Record<string, string> = {};
    if (!current) found.current = t('validation.required');
    if (next.length < MIN_PASSWORD) found.next = t('validation.tooShort', { min: MIN_PASSWORD });
    else if (next !== confirm) found.confirm = t('invite.mismatch');
    setErrors(found);
    if (Object.keys(found).length === 0) change.mutate();
  };

  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">{t('account.changePassword')}</h2>
      {done ? <StatusMessage>{t('account.passwordChanged')}</StatusMessage> : null}
      {formError ? (
        <div className="alert alert-error" role="alert">
          <p>{formError}</p>
        </div>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <p className="visually-hidden" role="alert">
          {t('errors.fixFields', { count: Object.keys(errors).length })}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate aria-busy={change.isPending}>
        <TextField
          id="pw-current"
          type="password"
          label={t('account.currentPassword')}
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
          required
          error={errors.current}
        />
        <TextField
          id="pw-new"
          type="password"
          label={t('account.newPassword')}
          hint={t('invite.passwordHint')}
          value={next}
          onChange={setNext}
          autoComplete="new-password"
          required
          error={errors.next}
        />
        <TextField
          id="pw-confirm"
          type="password"
          label={t('account.confirmPassword')}
          value={confirm}
          onChange={setConfirm}
          autoComplete="new-password"
          required
          error={errors.confirm}
        />
        <Checkbox id="pw-revoke" label={t('account.revokeOthers')} checked={revokeOthers} onChange={setRevokeOthers} />
        <button type="submit" className="button primary" disabled={change.isPending}>
          {t('account.changePasswordButton')}
        </button>
      </form>
    </section>
  );
}

function SignOutEverywhereSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => auth('/revoke-sessions'),
    onSuccess: async () => {
      await auth('/sign-out').catch(() => undefined);
      markSignedIn(false);
      queryClient.clear();
      void navigate('/sign-in?reason=everywhere', { replace: true });
    },
  });
  return (
    <section className="card" aria-labelledby="everywhere-heading">
      <h2 id="everywhere-heading">{t('account.everywhere')}</h2>
      <p>{t('account.everywhereHelp')}</p>
      {revoke.error ? (
        <div className="alert alert-error" role="alert">
          <p>{errorText(t, revoke.error)}</p>
        </div>
      ) : null}
      <button
        type="button"
        className="button danger-outline"
        disabled={revoke.isPending}
        onClick={() => revoke.mutate()}
      >
        {t('account.everywhereButton')}
      </button>
    </section>
  );
}
