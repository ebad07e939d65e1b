import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { AlertSettingsSection } from '../alerts/AlertSettingsSection.tsx';
import { usePrograms } from '../youth/queries.ts';

/** The organization's programs, each linking to its settings (rule sets and the therapeutic mentoring checklist). */
export function ProgramsPage() {
  const { t } = useTranslation();
  const programs = usePrograms();
  usePageTitle(t('intake.programs.title'));
  return (
    <>
      <h1>{t('intake.programs.title')}</h1>
      <p className="muted">{t('intake.programs.intro')}</p>
      {programs.isPending ? (
        <Loading />
      ) : programs.error ? (
        <QueryError error={programs.error} retry={() => void programs.refetch()} />
      ) : programs.data.length === 0 ? (
        <p>{t('intake.programs.none')}</p>
      ) : (
        <ul className="cards">
          {programs.data.map((p) => (
            <li key={p.id} className="card">
              <p className="card-title">
                <Link to={`/programs/${p.id}`}>{p.name}</Link>
              </p>
              <p className="small muted">
                {t(`intake.programKinds.${p.kind}`)}
                {p.active ? '' : ` · ${t('intake.programs.inactive')}`}
              </p>
            </li>
          ))}
        </ul>
      )}
      <AlertSettingsSection />
    </>
  );
}
