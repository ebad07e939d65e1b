import { useTranslation } from 'react-i18next';

/** 988 and 911, one tap away: shown after every self-report, whatever was answered. */
export function CrisisResources() {
  const { t } = useTranslation();
  return (
    <section className="crisis-resources" aria-labelledby="crisis-heading">
      <h2 id="crisis-heading">{t('measures.crisis.title')}</h2>
      <p>{t('measures.crisis.intro')}</p>
      <ul className="crisis-list">
        <li>
          <a className="button primary" href="tel:988">
            {t('measures.crisis.call988')}
          </a>{' '}
          <a className="button secondary" href="sms:988">
            {t('measures.crisis.text988')}
          </a>
        </li>
        <li>
          <a className="button danger" href="tel:911">
            {t('measures.crisis.call911')}
          </a>
        </li>
      </ul>
    </section>
  );
}
