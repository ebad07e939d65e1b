import { YOUTH_STATUSES } from '@mentorbridge/core';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { StatusBadge } from '../../components/badges.tsx';
import { Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { usePermissions } from '../../session.tsx';
import { displayName, legalNameIfDifferent, usePrograms, useYouthList, type YouthFilters } from './queries.ts';

const readFilters = (p: URLSearchParams): YouthFilters => ({
  q: p.get('q') ?? undefined,
  dateOfBirth: p.get('dateOfBirth') ?? undefined,
  status: p.get('status') ?? undefined,
  programId: p.get('programId') ?? undefined,
  page: Math.max(1, Number(p.get('page')) || 1),
});

export function YouthListPage() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [filters]);
  usePageTitle(t('youth.listTitle'));

  const programs = usePrograms();
  const list = useYouthList(filters);
  const programName = useMemo(() => new Map((programs.data ?? []).map((p) => [p.id, p.name])), [programs.data]);
  const deleted = (location.state as { deleted?: string } | null)?.deleted;

  const apply = (next: YouthFilters) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) {
      if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) p.set(k, String(v));
    }
    setParams(p);
  };

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    apply({ ...draft, q: draft.q?.trim(), page: 1 });
  };

  const hasFilters = Boolean(filters.q || filters.dateOfBirth || filters.status || filters.programId);

  return (
    <>
      <div className="page-head">
        <h1>{t('youth.listTitle')}</h1>
        {can('youth.create') ? (
          <Link to="/youth/new" className="button primary">
            {t('youth.new')}
          </Link>
        ) : null}
      </div>
      {deleted ? <StatusMessage>{t('youth.deleted', { name: deleted })}</StatusMessage> : null}

      <search className="filters card" aria-label={t('youth.searchForm')}>
        <form onSubmit={submit} noValidate>
          <div className="filter-grid">
            <TextField
              id="youth-q"
              type="search"
              label={t('youth.search')}
              hint={t('youth.searchHint')}
              value={draft.q ?? ''}
              onChange={(v) => setDraft({ ...draft, q: v })}
            />
            <TextField
              id="youth-dob"
              type="date"
              label={t('youth.fields.dateOfBirth')}
              value={draft.dateOfBirth ?? ''}
              onChange={(v) => setDraft({ ...draft, dateOfBirth: v || undefined })}
            />
            <SelectField
              id="youth-status"
              label={t('youth.fields.status')}
              value={draft.status ?? ''}
              onChange={(v) => setDraft({ ...draft, status: v || undefined })}
              emptyLabel={t('common.any')}
              options={YOUTH_STATUSES.map((s) => ({ value: s, label: t(`youth.status.${s}`) }))}
            />
            <SelectField
              id="youth-program"
              label={t('youth.fields.program')}
              value={draft.programId ?? ''}
              onChange={(v) => setDraft({ ...draft, programId: v || undefined })}
              emptyLabel={t('common.any')}
              options={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </div>
          <div className="actions">
            <button type="submit" className="button primary">
              {t('youth.searchButton')}
            </button>
            {hasFilters ? (
              <button type="button" className="button secondary" onClick={() => apply({ page: 1 })}>
                {t('youth.clearFilters')}
              </button>
            ) : null}
          </div>
        </form>
      </search>

      <section aria-labelledby="youth-results">
        <h2 id="youth-results" className="results-heading" aria-live="polite">
          {list.data
            ? t('youth.results', { count: list.data.total, formatted: formatNumber(list.data.total) })
            : t('youth.resultsLoading')}
        </h2>
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <QueryError error={list.error} retry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <p>{hasFilters ? t('youth.noMatches') : t('youth.none')}</p>
        ) : (
          <>
            <ScrollTable labelledBy="youth-results" className="wide-only">
              <table>
                <caption className="visually-hidden">{t('youth.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('youth.fields.name')}</th>
                    <th scope="col">{t('youth.fields.pronouns')}</th>
                    <th scope="col">{t('youth.fields.dateOfBirth')}</th>
                    <th scope="col">{t('youth.fields.program')}</th>
                    <th scope="col">{t('youth.fields.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((y) => {
                    const legal = legalNameIfDifferent(y);
                    return (
                      <tr key={y.id}>
                        <td>
                          <Link to={`/youth/${y.id}`}>{displayName(y)}</Link>
                          {legal ? <div className="muted small">{t('youth.legalName', { name: legal })}</div> : null}
                        </td>
                        <td>{y.pronouns ?? ''}</td>
                        <td>{formatDate(y.dateOfBirth)}</td>
                        <td>{programName.get(y.programId) ?? ''}</td>
                        <td>
                          <StatusBadge status={y.status} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollTable>
            <ul className="cards narrow-only">
              {list.data.items.map((y) => {
                const legal = legalNameIfDifferent(y);
                return (
                  <li key={y.id} className="card youth-card">
                    <p className="card-title">
                      <Link to={`/youth/${y.id}`}>{displayName(y)}</Link>
                      {y.pronouns ? <span className="pronouns"> ({y.pronouns})</span> : null}
                    </p>
                    {legal ? <p className="muted small">{t('youth.legalName', { name: legal })}</p> : null}
                    <p className="small">
                      {t('youth.born', { date: formatDate(y.dateOfBirth) })}
                      {programName.get(y.programId) ? ` · ${programName.get(y.programId)}` : ''}
                    </p>
                    <StatusBadge status={y.status} />
                  </li>
                );
              })}
            </ul>
            <Pagination
              label={t('youth.pagination')}
              page={list.data.page}
              pageSize={list.data.pageSize}
              total={list.data.total}
              onPage={(page) => apply({ ...filters, page })}
            />
          </>
        )}
      </section>
    </>
  );
}
