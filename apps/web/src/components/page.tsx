import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title: "<page> · Mentorbridge". */
export const usePageTitle = (title: string | undefined): void => {
  const { t } = useTranslation();
  useEffect(() => {
    const product = t('app.name');
    document.title = title ? `${title} · ${product}` : product;
  }, [title, t]);
};
