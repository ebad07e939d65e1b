import type { TLanguage, TSelfReportForm } from '@mentorbridge/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError, v1 } from '../../api.ts';
import { FormError, Loading } from '../../components/feedback.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { errorText } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { PublicLayout } from '../auth/PublicLayout.tsx';
import { CrisisResources } from './CrisisResources.tsx';
import { type Answers, answersToSend, MeasureForm, textIn, visibleItems } from './MeasureForm.tsx';

/** Why a link no longer works, in the reader's language. */
const GONE_CODES = ['ALREADY_ANSWERED', 'LINK_CANCELLED', 'LINK_EXPIRED'] as const;

/** A self-report link (or a kiosk code's form), answered without an account: the youth's first name only. */
export function SelfReportPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const location = useLocation();
  const fromKiosk = Boolean((location.state as { kiosk?: boolean } | null)?.kiosk);
  const [answers, setAnswers] = useState<Answers>({});
  const [confirmBlanks, setConfirmBlanks] = useState(false);
  const [done, setDone] = useState(false);
  const languageSet = useRef(false);
  const doneHeading = useRef<HTMLHeadingElement>(null);

  const form = useQuery({
    queryKey: ['self-report', token],
    queryFn: ({ signal }) => v1<TSelfReportForm>(`/self-report/${encodeURIComponent(token)}`, { signal }),
    retry: false,
    staleTime: Infinity,
  });
  const submit = useMutation({
    mutationFn: (body: { answers: Answers }) => v1(`/self-report/${encodeURIComponent(token)}`, { method: 'POST', body }),
    onSuccess: () => setDone(true),
  });

  // The page opens in the language the invitation was made in; the switcher changes it from there.
  useEffect(() => {
    if (form.data && !languageSet.current) {
      languageSet.current = true;
      if (i18n.language !== form.data.requestedLanguage) void i18n.changeLanguage(form.data.requestedLanguage);
    }
  }, [form.data, i18n]);
  useEffect(() => {
    if (done) doneHeading.current?.focus();
  }, [done]);

  usePageTitle(done ? t('measures.selfReport.thanksTitle') : t('measures.selfReport.title'));

  if (done) {
    return (
      <PublicLayout>
        <h1 ref={doneHeading} tabIndex={-1}>
          {t('measures.selfReport.thanksTitle')}
        </h1>
        <p>{t('measures.selfReport.thanksBody')}</p>
        <CrisisResources />
        {fromKiosk ? (
          <p>
            <Link to="/kiosk">{t('measures.kiosk.another')}</Link>
          </p>
        ) : null}
      </PublicLayout>
    );
  }

  const gone = GONE_CODES.find((c) => isApiError(form.error, c) || isApiError(submit.error, c));
  if (gone || isApiError(form.error, 'NOT_FOUND') || isApiError(form.error, 'VALIDATION_ERROR')) {
    return (
      <PublicLayout>
        <h1>{t('measures.selfReport.title')}</h1>
        <div className="alert alert-error" role="alert">
          <p>{t(`measures.selfReport.gone.${gone ?? 'NOT_FOUND'}`)}</p>
        </div>
        <CrisisResources />
      </PublicLayout>
    );
  }
  if (form.isPending) {
    return (
      <PublicLayout>
        <Loading />
      </PublicLayout>
    );
  }
  if (form.error) {
    return (
      <PublicLayout>
        <h1>{t('measures.selfReport.title')}</h1>
        <div className="alert alert-error" role="alert">
          <p>{errorText(t, form.error)}</p>
        </div>
      </PublicLayout>
    );
  }

  const data = form.data;
  const wanted: TLanguage = i18n.language === 'es' ? 'es' : 'en';
  const lang: TLanguage = data.form.languages.includes(wanted) ? wanted : 'en';
  const blanks = visibleItems(data.form, answers).filter((i) => answers[i.id] === undefined).length;

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (blanks > 0 && !confirmBlanks) {
      setConfirmBlanks(true);
      return;
    }
    submit.mutate({ answers: answersToSend(data.form, answers) });
  };

  return (
    <PublicLayout>
      <h1>{t('measures.selfReport.hello', { name: data.firstName })}</h1>
      <p className="lead">{textIn(data.form.title, lang)}</p>
      {lang !== wanted ? (
        <p className="alert alert-info" role="note">
          {t('measures.selfReport.englishOnly')}
        </p>
      ) : null}
      <p className="hint">
        {t(data.respondent === 'guardian' ? 'measures.selfReport.privacyGuardian' : 'measures.selfReport.privacyYouth')}{' '}
        {t('measures.selfReport.expires', { when: formatDateTime(data.expiresAt) })}
      </p>
      <form onSubmit={onSubmit} noValidate>
        <MeasureForm
          form={data.form}
          lang={lang}
          answers={answers}
          onChange={(a) => {
            setAnswers(a);
            setConfirmBlanks(false);
          }}
          idPrefix="sr"
        />
        <FormError error={submit.error} />
        {confirmBlanks && blanks > 0 ? (
          <div className="alert alert-warning" role="alert">
            <p>{t('measures.selfReport.blanks', { count: blanks })}</p>
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" className="button primary" disabled={submit.isPending}>
            {confirmBlanks && blanks > 0 ? t('measures.selfReport.submitAnyway') : t('measures.selfReport.submit')}
          </button>
        </div>
      </form>
    </PublicLayout>
  );
}
