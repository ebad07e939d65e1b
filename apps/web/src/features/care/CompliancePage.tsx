import { TIMER_KINDS, type TComplianceRow, type TTimerKind } from '@mentorbridge/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { SelectField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatNumber } from '../../format.ts';
import { displayName, usePrograms } from '../youth/queries.ts';
import { useComplianceBoard } from './queries.ts';
import { TimerText, UnsignedText } from './timers.tsx';

type SortKey = 'name' | 'mentor' | TTimerKind;
const SORT_KEYS: SortKey[] = ['name', 'mentor', ...TIMER_KINDS];

/** Overdue first (longest overdue first), then the soonest due, then those without the timer. */
const timerRank = (row: TComplianceRow, kind: TTimerKind): [number, string] => {
  if (kind === 'unsignedNotes') {
    const n = row.timers.unsignedNotes;
    return [n.overdue > 0 ? 0 : n.count > 0 ? 1 : 2, String(1e6 - n.overdue).padStart(7, '0')];
  }
  const s = row.timers[kind];
  if (!s.applicable) return [2, ''];
  return [s.overdue ? 0 : 1, s.due ?? ''];
};

const compare = (a: TComplianceRow, b: TComplianceRow, key: SortKey): number => {
  if (key === 'name') return displayName(a).localeCompare(displayName(b));
  if (key === 'mentor') return (a.mentorName ?? '~').localeCompare(b.mentorName ?? '~');
  const [ra, da] = timerRank(a, key);
  const [rb, db] = timerRank(b, key);
  return ra - rb || da.localeCompare(db) || displayName(a).localeCompare(displayName(b));
};

/** The program manager's compliance board: every youth in service with each timer; sortable, filterable. */
export function CompliancePage() {
  const { t } = useTranslation();
  usePageTitle(t('care.compliance.title'));
  const [params, setParams] = useSearchParams();
  const programId = params.get('programId') ?? '';
  const show = params.get('show') ?? '';
  const sortParam = params.get('sort') as SortKey | null;
  const sort: SortKey = sortParam && SORT_KEYS.includes(sortParam) ? sortParam : 'name';
  const dir = params.get('dir') === 'desc' ? -1 : 1;
  const programs = usePrograms();
  const board = useComplianceBoard(programId);
  const setParam = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const rows = useMemo(() => {
    const all = board.data?.rows ?? [];
    const filtered = all.filter((r) =>
      show === 'overdue' ? r.timers.overdue.length > 0 : show ? r.timers.overdue.includes(show as TTimerKind) : true,
    );
    return [...filtered].sort((a, b) => dir * compare(a, b, sort));
  }, [board.data, show, sort, dir]);

  const headers: { key: SortKey; label: string }[] = [
    { key: 'name', label: t('care.compliance.youth') },
    { key: 'mentor', label: t('care.compliance.mentor') },
    ...TIMER_KINDS.map((k) => ({ key: k as SortKey, label: t(`care.timers.kinds.${k}`) })),
  ];

  return (
    <>
      <h1>{t('care.compliance.title')}</h1>
      <search className="filters card" aria-label={t('care.compliance.filters')}>
        <div className="filter-grid">
          <SelectField
            id="compliance-program"
            label={t('care.compliance.program')}
            value={programId}
            onChange={(v) => setParam({ programId: v })}
            emptyLabel={t('common.any')}
            options={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
          <SelectField
            id="compliance-show"
            label={t('care.compliance.show')}
            value={show}
            onChange={(v) => setParam({ show: v })}
            emptyLabel={t('care.compliance.showAll')}
            options={[
              { value: 'overdue', label: t('care.compliance.showOverdue') },
              ...TIMER_KINDS.map((k) => ({
                value: k,
                label: t('care.timers.overdueKind', { name: t(`care.timers.kinds.${k}`) }),
              })),
            ]}
          />
        </div>
      </search>
      {board.isPending ? (
        <Loading />
      ) : board.error ? (
        <QueryError error={board.error} retry={() => void board.refetch()} />
      ) : (
        <>
          <section aria-labelledby="compliance-totals" className="card">
            <h2 id="compliance-totals">{t('care.compliance.totals')}</h2>
            <dl className="details compact">
              <div>
                <dt>{t('care.compliance.youthInService')}</dt>
                <dd>{formatNumber(board.data.totals.youth)}</dd>
              </div>
              <div>
                <dt>{t('care.compliance.anyOverdue')}</dt>
                <dd>{formatNumber(board.data.totals.anyOverdue)}</dd>
              </div>
              {TIMER_KINDS.map((k) => (
                <div key={k}>
                  <dt>{t('care.timers.overdueKind', { name: t(`care.timers.kinds.${k}`) })}</dt>
                  <dd>{formatNumber(board.data.totals[k])}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section aria-labelledby="compliance-table-heading">
            <h2 id="compliance-table-heading" className="results-heading" aria-live="polite">
              {t('care.compliance.rows', { count: rows.length, formatted: formatNumber(rows.length) })}
            </h2>
            {rows.length === 0 ? (
              <p>{t('care.compliance.none')}</p>
            ) : (
              <ScrollTable labelledBy="compliance-table-heading">
                <table className="care-table">
                  <caption className="visually-hidden">{t('care.compliance.caption')}</caption>
                  <thead>
                    <tr>
                      {headers.map((h) => (
                        <th
                          key={h.key}
                          scope="col"
                          aria-sort={sort === h.key ? (dir === 1 ? 'ascending' : 'descending') : 'none'}
                        >
                          <button
                            type="button"
                            className="sort-button"
                            onClick={() =>
                              setParam({ sort: h.key, dir: sort === h.key && dir === 1 ? 'desc' : '' })}
                          >
                            {h.label}
                            <span aria-hidden="true">{sort === h.key ? (dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                            <span className="visually-hidden">
                              {' '}
                              {t(sort === h.key && dir === 1 ? 'care.compliance.sortDesc' : 'care.compliance.sortAsc')}
                            </span>
                          </button>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.youthId}>
                        <th scope="row">
                          <Link to={`/youth/${r.youthId}`}>{displayName(r)}</Link>
                        </th>
                        <td>{r.mentorName ?? <span className="muted">{t('care.compliance.noMentor')}</span>}</td>
                        {TIMER_KINDS.map((k) => (
                          <td
                            key={k}
                            className={
                              (k === 'unsignedNotes' ? r.timers.unsignedNotes.overdue > 0 : r.timers[k].overdue)
                                ? 'cell-overdue'
                                : undefined
                            }
                          >
                            {k === 'unsignedNotes' ? (
                              <UnsignedText notes={r.timers.unsignedNotes} />
                            ) : (
                              <TimerText state={r.timers[k]} />
                            )}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            )}
          </section>
        </>
      )}
    </>
  );
}
