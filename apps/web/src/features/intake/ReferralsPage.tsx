import { REFERRAL_STATUSES, type TReferralStatus } from '@mentorbridge/core';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { SelectField } from '../../components/fields.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { usePermissions } from '../../session.tsx';
import { displayName, usePrograms } from '../youth/queries.ts';
import { ReferralStatusBadge } from './parts.tsx';
import { REFERRAL_PAGE_SIZE, type ReferralFilters, useReferrals } from './queries.ts';

const readFilters = (p: URLSearchParams): ReferralFilters => ({
  status: p.get('status') ?? undefined,
  programId: p.get('programId') ?? undefined,
  page: Math.max(1, Number(p.get('page')) || 1),
});

const toParams = (f: ReferralFilters) => {
  const p = new URLSearchParams();
  if (f.status) p.set('status', f.status);
  if (f.programId) p.set('programId', f.programId);
  if (f.page > 1) p.set('page', String(f.page));
  return p;
};

/** The referral pipeline: counts per status, the list (the waitlist by priority, then date received), filters. */
export function ReferralsPage() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const [programDraft, setProgramDraft] = useState(filters.programId ?? '');
  useEffect(() => setProgramDraft(filters.programId ?? ''), [filters.programId]);
  usePageTitle(t('intake.referrals.title'));
  const programs = usePrograms();
  const list = useReferrals(filters);
  const programName = useMemo(() => new Map((programs.data ?? []).map((p) => [p.id, p.name])), [programs.data]);
  const status = filters.status as TReferralStatus | undefined;
  const waitlist = status === 'waitlisted';

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    setParams(toParams({ ...filters, programId: programDraft || undefined, page: 1 }));
  };
  const linkFor = (s: TReferralStatus | undefined) => `?${toParams({ ...filters, status: s, page: 1 }).toString()}`;
  const counts = list.data?.counts;
  const all = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null;

  return (
    <>
      <div className="page-head">
        <h1>{t('intake.referrals.title')}</h1>
        {can('referral.create') ? (
          <Link to="/referrals/new" className="button primary">
            {t('intake.refer.button')}
          </Link>
        ) : null}
      </div>

      <nav aria-label={t('intake.referrals.byStatus')}>
        <ul className="intake-tabs">
          {[undefined, ...REFERRAL_STATUSES].map((s) => {
            const n = s ? counts?.[s] : all;
            return (
              <li key={s ?? 'all'}>
                <Link to={linkFor(s)} aria-current={status === s ? 'page' : undefined}>
                  {s ? t(`intake.referralStatus.${s}`) : t('intake.referrals.all')}
                  {n != null ? <span className="intake-count"> {formatNumber(n)}</span> : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      {(programs.data?.length ?? 0) > 1 ? (
        <search className="filters card" aria-label={t('intake.referrals.filters')}>
          <form onSubmit={submit} noValidate>
            <div className="filter-grid">
              <SelectField
                id="referrals-program"
                label={t('intake.fields.program')}
                value={programDraft}
                onChange={setProgramDraft}
                emptyLabel={t('common.any')}
                options={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              />
            </div>
            <div className="actions">
              <button type="submit" className="button primary">
                {t('intake.referrals.apply')}
              </button>
            </div>
          </form>
        </search>
      ) : null}

      <section aria-labelledby="referral-results">
        <h2 id="referral-results" className="results-heading" aria-live="polite">
          {waitlist
            ? t('intake.referrals.waitlistHeading')
            : status
              ? t('intake.referrals.statusHeading', { status: t(`intake.referralStatus.${status}`) })
              : t('intake.referrals.allHeading')}
          {list.data ? ` (${formatNumber(list.data.total)})` : ''}
        </h2>
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <QueryError error={list.error} retry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <p>{t('intake.referrals.none')}</p>
        ) : (
          <>
            <ScrollTable labelledBy="referral-results" className="wide-only">
              <table>
                <caption className="visually-hidden">{t('intake.referrals.caption')}</caption>
                <thead>
                  <tr>
                    {waitlist ? <th scope="col">{t('intake.fields.priority')}</th> : null}
                    <th scope="col">{t('intake.fields.youth')}</th>
                    <th scope="col">{t('intake.fields.received')}</th>
                    <th scope="col">{t('intake.fields.hub')}</th>
                    <th scope="col">{t('intake.fields.program')}</th>
                    <th scope="col">{t('intake.fields.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((r) => (
                    <tr key={r.id}>
                      {waitlist ? <td className="num">{r.priority ?? ''}</td> : null}
                      <td>
                        <Link to={`/referrals/${r.id}`}>{displayName(r.youth)}</Link>
                        <div className="muted small">{t('intake.born', { date: formatDate(r.youth.dateOfBirth) })}</div>
                      </td>
                      <td>{formatDate(r.receivedAt)}</td>
                      <td>
                        {t(`intake.hubTypes.${r.hubType}`)} · {r.referringAgency}
                        <div className="muted small">{r.referringClinicianName}</div>
                      </td>
                      <td>{programName.get(r.programId) ?? ''}</td>
                      <td>
                        <ReferralStatusBadge status={r.status} />
                        {r.declineReason ? (
                          <div className="muted small">{t(`intake.declineReasons.${r.declineReason as 'other'}`)}</div>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
            <ul className="cards narrow-only">
              {list.data.items.map((r) => (
                <li key={r.id} className="card">
                  <p className="card-title">
                    <Link to={`/referrals/${r.id}`}>{displayName(r.youth)}</Link>
                  </p>
                  <p className="small">
                    {t(`intake.hubTypes.${r.hubType}`)} · {r.referringAgency}
                    <br />
                    {t('intake.receivedOn', { date: formatDate(r.receivedAt) })}
                  </p>
                  <p className="stack-row">
                    <ReferralStatusBadge status={r.status} />
                    {r.priority != null ? (
                      <span className="badge badge-priority">{t('intake.priorityValue', { priority: r.priority })}</span>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
            <Pagination
              label={t('intake.referrals.pagination')}
              page={list.data.page}
              pageSize={REFERRAL_PAGE_SIZE}
              total={list.data.total}
              onPage={(page) => setParams(toParams({ ...filters, page }))}
            />
          </>
        )}
      </section>
    </>
  );
}
