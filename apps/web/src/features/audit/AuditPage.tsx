import type { TAuditEvent, TMember } from '@mentorbridge/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type Page, v1 } from '../../api.ts';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDateTime, formatNumber, localInputToIso } from '../../format.ts';
import { usePermissions } from '../../session.tsx';

const FILTERS = ['youthId', 'actorUserId', 'action', 'resourceType', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;
const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Verify = { ok: boolean; checked: number; brokenAt: { seq: number; id: string } | null };

const short = (id: string | null) => (id ? id.slice(0, 8) : '');

/** Suggestions for the exact-match filters (the API records these). */
const ACTIONS = [
  'youth.viewed',
  'youth.searched',
  'youth.created',
  'youth.updated',
  'youth.deactivated',
  'youth.reactivated',
  'youth.exported',
  'youth.deleted',
  'youth.access_log_viewed',
  'guardian.listed',
  'guardian.created',
  'guardian.updated',
  'guardian.deleted',
  'emergency_contact.listed',
  'emergency_contact.created',
  'emergency_contact.updated',
  'emergency_contact.deleted',
  'staff.read',
  'staff.updated',
  'member.invited',
  'member.joined',
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.account_locked',
  'auth.sign_in_refused_locked',
  'auth.sign_out',
  'auth.sign_out_everywhere',
  'auth.password_changed',
  'auth.two_factor_verified',
  'auth.two_factor_disabled',
  'auth.backup_code_used',
];
const RESOURCE_TYPES = [
  'youth',
  'guardian',
  'emergency_contact',
  'staff_profile',
  'invitation',
  'user',
  'organization',
];

export function AuditPage() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters, [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(filters);
  const [draftError, setDraftError] = useState<string | null>(null);
  useEffect(() => setDraft(filters), [filters]);
  usePageTitle(t('audit.title'));

  const events = useQuery({
    queryKey: ['audit', 'events', filters, page],
    queryFn: ({ signal }) =>
      v1<Page<TAuditEvent>>('/audit', {
        query: {
          ...filters,
          from: localInputToIso(filters.from),
          to: localInputToIso(filters.to),
          page,
          pageSize: PAGE_SIZE,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled: can('audit.read'),
  });
  const verify = useQuery({
    queryKey: ['audit', 'verify'],
    queryFn: ({ signal }) => v1<Verify>('/audit/verify', { signal }),
    enabled: can('audit.read'),
    staleTime: 0,
  });
  const members = useQuery({
    queryKey: ['members'],
    queryFn: ({ signal }) => v1<TMember[]>('/members', { signal }),
    enabled: can('member.list'),
  });

  if (!can('audit.read')) {
    return (
      <>
        <h1>{t('audit.title')}</h1>
        <p>{t('errors.FORBIDDEN')}</p>
      </>
    );
  }

  const apply = (next: Filters, nextPage = 1) => {
    const p = new URLSearchParams();
    for (const f of FILTERS) if (next[f].trim()) p.set(f, next[f].trim());
    if (nextPage > 1) p.set('page', String(nextPage));
    setParams(p);
  };

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (draft.youthId.trim() && !UUID.test(draft.youthId.trim())) {
      setDraftError(t('audit.youthIdInvalid'));
      document.getElementById('audit-youthId')?.focus();
      return;
    }
    setDraftError(null);
    apply(draft);
  };

  const actorName = new Map((members.data ?? []).map((m) => [m.userId, m.name]));

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <section className="card" aria-labelledby="verify-heading">
        <h2 id="verify-heading">{t('audit.verifyTitle')}</h2>
        {verify.isPending ? (
          <Loading label={t('audit.verifying')} />
        ) : verify.error ? (
          <QueryError error={verify.error} retry={() => void verify.refetch()} />
        ) : verify.data.ok ? (
          <p className="alert alert-success" role="status">
            <span aria-hidden="true">✓ </span>
            {t('audit.verifyOk', { count: verify.data.checked, formatted: formatNumber(verify.data.checked) })}
          </p>
        ) : (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">
              <span aria-hidden="true">⚠ </span>
              {t('audit.verifyBroken', { seq: verify.data.brokenAt ? formatNumber(verify.data.brokenAt.seq) : '?' })}
            </p>
            <p>{t('audit.verifyBrokenHelp')}</p>
          </div>
        )}
        <button
          type="button"
          className="button secondary"
          disabled={verify.isFetching}
          onClick={() => void verify.refetch()}
        >
          {t('audit.verifyAgain')}
        </button>
      </section>

      <search className="filters card" aria-label={t('audit.filters')}>
        <form onSubmit={submit} noValidate>
          <div className="filter-grid">
            <TextField
              id="audit-youthId"
              label={t('audit.fields.youthId')}
              value={draft.youthId}
              onChange={(v) => setDraft({ ...draft, youthId: v })}
              spellCheck={false}
              autoComplete="off"
              error={draftError ?? undefined}
            />
            {members.data ? (
              <SelectField
                id="audit-actor"
                label={t('audit.fields.actor')}
                value={draft.actorUserId}
                onChange={(v) => setDraft({ ...draft, actorUserId: v })}
                emptyLabel={t('common.anyone')}
                options={members.data.map((m) => ({ value: m.userId, label: `${m.name} (${m.email})` }))}
              />
            ) : (
              <TextField
                id="audit-actor"
                label={t('audit.fields.actorId')}
                value={draft.actorUserId}
                onChange={(v) => setDraft({ ...draft, actorUserId: v })}
                autoComplete="off"
              />
            )}
            <TextField
              id="audit-action"
              label={t('audit.fields.action')}
              hint={t('audit.actionHint')}
              list="audit-actions"
              value={draft.action}
              onChange={(v) => setDraft({ ...draft, action: v })}
              spellCheck={false}
              autoComplete="off"
            />
            <TextField
              id="audit-resourceType"
              label={t('audit.fields.resourceType')}
              hint={t('audit.resourceTypeHint')}
              list="audit-resource-types"
              value={draft.resourceType}
              onChange={(v) => setDraft({ ...draft, resourceType: v })}
              spellCheck={false}
              autoComplete="off"
            />
            <TextField
              id="audit-from"
              type="datetime-local"
              label={t('audit.fields.from')}
              value={draft.from}
              onChange={(v) => setDraft({ ...draft, from: v })}
            />
            <TextField
              id="audit-to"
              type="datetime-local"
              label={t('audit.fields.to')}
              value={draft.to}
              onChange={(v) => setDraft({ ...draft, to: v })}
            />
          </div>
          <datalist id="audit-actions">
            {ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <datalist id="audit-resource-types">
            {RESOURCE_TYPES.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          <div className="actions">
            <button type="submit" className="button primary">
              {t('audit.apply')}
            </button>
            {FILTERS.some((f) => filters[f]) ? (
              <button
                type="button"
                className="button secondary"
                onClick={() => apply(Object.fromEntries(FILTERS.map((f) => [f, ''])) as Filters)}
              >
                {t('youth.clearFilters')}
              </button>
            ) : null}
          </div>
        </form>
      </search>

      <section aria-labelledby="audit-results">
        <h2 id="audit-results" className="results-heading" aria-live="polite">
          {events.data
            ? t('audit.results', { count: events.data.total, formatted: formatNumber(events.data.total) })
            : t('youth.resultsLoading')}
        </h2>
        {events.isPending ? (
          <Loading />
        ) : events.error ? (
          <QueryError error={events.error} retry={() => void events.refetch()} />
        ) : events.data.items.length === 0 ? (
          <p>{t('audit.none')}</p>
        ) : (
          <>
            <ScrollTable labelledBy="audit-results">
              <table className="audit-table">
                <thead>
                  <tr>
                    <th scope="col">{t('audit.cols.time')}</th>
                    <th scope="col">{t('audit.cols.actor')}</th>
                    <th scope="col">{t('audit.cols.action')}</th>
                    <th scope="col">{t('audit.cols.resource')}</th>
                    <th scope="col">{t('audit.cols.youth')}</th>
                    <th scope="col">{t('audit.cols.ip')}</th>
                  </tr>
                </thead>
                <tbody>
                  {events.data.items.map((e) => (
                    <tr key={e.id}>
                      <td className="nowrap">{formatDateTime(e.at)}</td>
                      <td>
                        {e.actorName ??
                          (e.actorUserId ? (actorName.get(e.actorUserId) ?? e.actorUserId) : t('accessLog.system'))}
                      </td>
                      <td>
                        <code>{e.action}</code>
                        {Array.isArray(e.detail.fields) ? (
                          <div className="small muted">
                            {t('audit.changedFields', {
                              fields: (e.detail.fields as unknown[]).map(String).join(', '),
                            })}
                          </div>
                        ) : null}
                      </td>
                      <td>
                        <code>{e.resourceType}</code>
                        {e.resourceId ? (
                          <span className="small muted" title={e.resourceId}>
                            {' '}
                            {short(e.resourceId)}
                          </span>
                        ) : null}
                      </td>
                      <td>
                        {e.youthId ? (
                          <Link to={`/youth/${e.youthId}`} aria-label={t('audit.openYouth', { id: e.youthId })}>
                            {short(e.youthId)}
                          </Link>
                        ) : null}
                      </td>
                      <td className="nowrap">{e.ip ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
            <Pagination
              label={t('audit.pagination')}
              page={events.data.page}
              pageSize={events.data.pageSize}
              total={events.data.total}
              onPage={(p) => apply(filters, p)}
            />
          </>
        )}
      </section>
    </>
  );
}
