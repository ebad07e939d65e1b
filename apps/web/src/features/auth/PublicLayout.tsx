import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../../components/LanguageSwitcher.tsx';

/** Layout of the pages seen before signing in (sign-in, invitation). */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="app public">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <div className="bar">
          <span className="brand">{t('app.name')}</span>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="public-main">
        <div className="card narrow">{children}</div>
      </main>
      <footer className="app-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
