import { ZKioskRedeem } from '@mentorbridge/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError, v1 } from '../../api.ts';
import { FormError } from '../../components/feedback.tsx';
import { TextField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { PublicLayout } from '../auth/PublicLayout.tsx';

/** A shared device in the program's office: the youth types the short code staff gave them. */
export function KioskPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);
  usePageTitle(t('measures.kiosk.title'));

  const redeem = useMutation({
    mutationFn: (c: string) => v1<{ token: string }>('/kiosk', { method: 'POST', body: { code: c } }),
    onSuccess: ({ token }) => {
      setCode('');
      void navigate(`/r/${token}`, { replace: true, state: { kiosk: true } });
    },
  });

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    const parsed = ZKioskRedeem.safeParse({ code });
    if (!parsed.success) {
      setClientError(t('measures.kiosk.invalidFormat'));
      return;
    }
    setClientError(null);
    redeem.mutate(parsed.data.code);
  };

  const gone = (['LINK_EXPIRED', 'LINK_CANCELLED', 'ALREADY_ANSWERED'] as const).find((c) => isApiError(redeem.error, c));
  const serverMessage: string | null = isApiError(redeem.error, 'KIOSK_CODE_INVALID')
    ? t('measures.kiosk.wrong')
    : isApiError(redeem.error, 'RATE_LIMITED')
      ? t('measures.kiosk.locked')
      : gone
        ? t(`measures.selfReport.gone.${gone}`)
        : null;

  return (
    <PublicLayout>
      <h1>{t('measures.kiosk.title')}</h1>
      <p>{t('measures.kiosk.intro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          id="kiosk-code"
          label={t('measures.kiosk.code')}
          value={code}
          onChange={setCode}
          error={clientError ?? serverMessage ?? undefined}
          autoComplete="off"
          spellCheck={false}
          inputMode="text"
        />
        {serverMessage ? null : <FormError error={redeem.error} />}
        <div className="actions">
          <button type="submit" className="button primary" disabled={redeem.isPending}>
            {t('measures.kiosk.start')}
          </button>
        </div>
      </form>
    </PublicLayout>
  );
}
