import type { TStaffProfile } from '@mentorbridge/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LicenceExpiredFlag } from '../../components/badges.tsx';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDate, formatList, formatNumber } from '../../format.ts';
import { useStaffList } from './queries.ts';
import { useRoleLabel } from './roles.ts';

function Licence({ s }: { s: TStaffProfile }) {
  const { t } = useTranslation();
  if (!s.licenceType && !s.licenceNumber) return <span className="muted">{t('staff.noLicence')}</span>;
  return (
    <>
      <span>{[s.licenceType, s.licenceState, s.licenceNumber].filter(Boolean).join(' · ')}</span>
      {s.licenceExpired ? (
        <>
          {' '}
          <LicenceExpiredFlag expiresOn={s.licenceExpiresOn} />
        </>
      ) : s.licenceExpiresOn ? (
        <div className="small muted">{t('staff.licenceValidUntil', { date: formatDate(s.licenceExpiresOn) })}</div>
      ) : null}
    </>
  );
}

export function StaffListPage() {
  const { t } = useTranslation();
  const staff = useStaffList();
  const roleLabel = useRoleLabel();
  usePageTitle(t('staff.listTitle'));

  return (
    <>
      <h1 id="staff-heading">{t('staff.listTitle')}</h1>
      {staff.isPending ? (
        <Loading />
      ) : staff.error ? (
        <QueryError error={staff.error} retry={() => void staff.refetch()} />
      ) : staff.data.length === 0 ? (
        <p>{t('staff.none')}</p>
      ) : (
        <>
          <p className="muted">
            {t('staff.count', { count: staff.data.length, formatted: formatNumber(staff.data.length) })}
          </p>
          <ScrollTable labelledBy="staff-heading" className="wide-only">
            <table>
              <caption className="visually-hidden">{t('staff.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staff.fields.name')}</th>
                  <th scope="col">{t('staff.fields.roles')}</th>
                  <th scope="col">{t('staff.fields.languages')}</th>
                  <th scope="col" className="num">
                    {t('staff.fields.capacity')}
                  </th>
                  <th scope="col">{t('staff.fields.licence')}</th>
                </tr>
              </thead>
              <tbody>
                {staff.data.map((s) => (
                  <tr key={s.userId}>
                    <td>
                      <Link to={`/staff/${encodeURIComponent(s.userId)}`}>{s.name}</Link>
                      {s.title ? <div className="small muted">{s.title}</div> : null}
                    </td>
                    <td>{formatList(s.roles.map(roleLabel))}</td>
                    <td>{formatList(s.languages)}</td>
                    <td className="num">{s.capacity === null ? '' : formatNumber(s.capacity)}</td>
                    <td>
                      <Licence s={s} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <ul className="cards narrow-only">
            {staff.data.map((s) => (
              <li key={s.userId} className="card">
                <p className="card-title">
                  <Link to={`/staff/${encodeURIComponent(s.userId)}`}>{s.name}</Link>
                </p>
                <p className="small">{formatList(s.roles.map(roleLabel))}</p>
                {s.languages.length ? <p className="small">{formatList(s.languages)}</p> : null}
                <div className="small">
                  <Licence s={s} />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
