import type { ZYouthAccessEntry } from '@mentorbridge/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { v1 } from '../../api.ts';
import { Loading, QueryError } from '../../components/feedback.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';
import { youthKeys } from './queries.ts';

type Entry = z.infer<typeof ZYouthAccessEntry>;

/** "Who opened this record" — loaded on request (reading it is itself audited). */
export function AccessLogPanel({ youthId }: { youthId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const log = useQuery({
    queryKey: youthKeys.accessLog(youthId),
    queryFn: ({ signal }) => v1<Entry[]>(`/youth/${youthId}/access-log`, { signal }),
    enabled: open,
  });

  return (
    <section className="card" aria-labelledby="access-heading">
      <div className="section-head">
        <h2 id="access-heading">{t('accessLog.title')}</h2>
        <button
          type="button"
          className="button secondary"
          aria-expanded={open}
          aria-controls="access-log-body"
          onClick={() => setOpen((o) => !o)}
        >
          {open ? t('accessLog.hide') : t('accessLog.show')}
        </button>
      </div>
      <div id="access-log-body" hidden={!open}>
        {!open ? null : log.isPending ? (
          <Loading />
        ) : log.error ? (
          <QueryError error={log.error} retry={() => void log.refetch()} />
        ) : log.data.length === 0 ? (
          <p>{t('accessLog.none')}</p>
        ) : (
          <ScrollTable labelledBy="access-heading">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('accessLog.person')}</th>
                  <th scope="col">{t('accessLog.first')}</th>
                  <th scope="col">{t('accessLog.last')}</th>
                  <th scope="col" className="num">
                    {t('accessLog.count')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {log.data.map((e) => (
                  <tr key={`${e.actorUserId ?? 'system'}-${e.firstAt}`}>
                    <td>{e.actorName ?? e.actorUserId ?? t('accessLog.system')}</td>
                    <td>{formatDateTime(e.firstAt)}</td>
                    <td>{formatDateTime(e.lastAt)}</td>
                    <td className="num">{formatNumber(e.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </div>
    </section>
  );
}
