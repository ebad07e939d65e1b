import { addDays } from '@mentorbridge/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { formatDate, todayIso } from '../../format.ts';
import { useMe, usePermissions } from '../../session.tsx';
import { ContactList } from './ContactList.tsx';
import { hasRole, useContacts } from './queries.ts';

/**
 * The schedule: notes waiting for the mentor (returned ones first), today's visits and the next two weeks. A mentor
 * sees their own contacts; supervisors and managers see everything within their reach.
 */
export function SchedulePage() {
  const { t } = useTranslation();
  usePageTitle(t('notes.schedule.title'));
  const me = useMe();
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const today = todayIso();
  const mentor = hasRole(me.data, 'mentor');
  const mine = mentor ? me.data?.user.id : undefined;
  const ready = Boolean(me.data);
  const waiting = useContacts(
    { mentorUserId: mine, from: addDays(today, -60), to: today, order: 'asc', pageSize: 100 },
    ready,
  );
  const ahead = useContacts(
    { mentorUserId: mine, from: today, to: addDays(today, 14), status: 'scheduled', order: 'asc', pageSize: 100 },
    ready,
  );
  const needsNote = (waiting.data?.items ?? [])
    .filter((c) => c.status !== 'cancelled' && c.status !== 'no_show')
    .filter((c) => c.noteStatus === 'draft' || c.noteStatus === 'returned')
    .filter((c) => !(c.date === today && c.status === 'scheduled'))
    .sort((a, b) => Number(b.noteStatus === 'returned') - Number(a.noteStatus === 'returned'));
  const todays = (ahead.data?.items ?? []).filter((c) => c.date === today);
  const later = (ahead.data?.items ?? []).filter((c) => c.date > today);
  const canWrite = can('contact.write');
  const changed = (text: string) => {
    setMessage(text);
    void queryClient.invalidateQueries({ queryKey: ['notes', 'contacts'] });
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('notes.schedule.title')}</h1>
      </div>
      <p className="muted">
        {formatDate(today, 'long')}
        {mentor ? '' : ` · ${t('notes.schedule.everyone')}`}
      </p>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      <section aria-labelledby="schedule-notes-h">
        <h2 id="schedule-notes-h">
          {waiting.data ? t('notes.schedule.needsNote', { count: needsNote.length }) : t('notes.schedule.notes')}
        </h2>
        {waiting.isPending ? (
          <Loading />
        ) : waiting.error ? (
          <QueryError error={waiting.error} retry={() => void waiting.refetch()} />
        ) : needsNote.length === 0 ? (
          <p>{t('notes.schedule.allDone')}</p>
        ) : (
          <ContactList items={needsNote} canWrite={canWrite} showYouth onChanged={changed} />
        )}
      </section>
      <section aria-labelledby="schedule-today-h">
        <h2 id="schedule-today-h">{t('notes.schedule.today')}</h2>
        {ahead.isPending ? (
          <Loading />
        ) : ahead.error ? (
          <QueryError error={ahead.error} retry={() => void ahead.refetch()} />
        ) : todays.length === 0 ? (
          <p>{t('notes.schedule.noneToday')}</p>
        ) : (
          <ContactList items={todays} canWrite={canWrite} showYouth onChanged={changed} />
        )}
      </section>
      <section aria-labelledby="schedule-later-h">
        <h2 id="schedule-later-h">{t('notes.schedule.later')}</h2>
        {ahead.isPending ? null : later.length === 0 ? (
          <p>{t('notes.schedule.noneLater')}</p>
        ) : (
          <ContactList items={later} canWrite={canWrite} showYouth onChanged={changed} />
        )}
      </section>
    </>
  );
}
