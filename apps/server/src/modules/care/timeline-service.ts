import type { TTimelineItem, TTimelinePage } from '@mentorbridge/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../access/context.ts';
import { auditRead } from '../../audit/write-audit.ts';
import type { Db } from '../../db/client.ts';
import { iso } from '../../http/schemas.ts';
import { findYouthFor } from '../youth/youth-record.ts';
import { orgClock, permissionsOn, rows } from './care-access.ts';

type Row = {
  kind: TTimelineItem['kind'];
  id: string;
  day: string;
  at_ts: Date | string | null;
  code: string | null;
  secondary_code: string | null;
  note_status: TTimelineItem['noteStatus'];
  label: string | null;
  level: number | null;
};

/**
 * Everything that happened to a youth, newest first: referral, admission, consents, matches, goals and progress,
 * contacts with their note status, hub contacts, discharge. Reads each table directly (the other areas write
 * them); each kind is shown only to those who may read it (e.g. contacts to case staff).
 */
export const youthTimeline = async (
  db: Db,
  actor: Actor,
  youthId: string,
  q: { page: number; pageSize: number },
): Promise<TTimelinePage> => {
  await findYouthFor(db, actor, youthId, 'episode.read');
  const [may, { timeZone, today }] = await Promise.all([
    permissionsOn(db, actor, youthId, [
      'episode.read',
      'match.read',
      'goal.read',
      'contact.read',
      'hub_contact.read',
    ] as const),
    orgClock(db, actor),
  ]);
  const local = (col: SQL) => sql`(${col} at time zone ${timeZone})::date::text`;
  const parts: SQL[] = [];
  if (may['episode.read']) {
    parts.push(
      sql`select 'referral', r.id::text, ${local(sql`r.received_at`)}, r.received_at,
        r.status::text, null::text, null::text, r.referring_agency, null::int
      from referral r where r.youth_id = ${youthId}`,
      sql`select 'admission', e.id::text, e.admitted_on::text, e.created_at, e.status, null, null, null, null
      from episode e where e.youth_id = ${youthId}`,
      sql`select 'discharge', e.id::text, e.discharged_on::text, e.updated_at,
        coalesce(e.discharge -> 'summary' -> 'reasons' ->> 0, e.discharge -> 'reasons' ->> 0), null, null, null, null
      from episode e where e.youth_id = ${youthId} and e.discharged_on is not null`,
      sql`select 'consent', c.id::text, c.given_on::text, c.created_at, c.kind::text,
        case when c.withdrawn_at is not null then 'withdrawn' end, null, null, null
      from consent c where c.youth_id = ${youthId}`,
    );
  }
  if (may['match.read']) {
    parts.push(
      sql`select 'match_started', m.id::text, ${local(sql`m.created_at`)}, m.created_at,
        case when m.is_primary then 'primary' else 'secondary' end, m.status::text, null, u.name, null
      from mentor_assignment m join "user" u on u.id = m.mentor_user_id where m.youth_id = ${youthId}`,
      sql`select 'match_closed', m.id::text, m.closed_on::text, m.ended_at, m.closure_type, m.closure_reasons[1],
        null, u.name, null
      from mentor_assignment m join "user" u on u.id = m.mentor_user_id
      where m.youth_id = ${youthId} and m.closed_on is not null`,
    );
  }
  if (may['goal.read']) {
    parts.push(
      sql`select 'goal', g.id::text, ${local(sql`g.created_at`)}, g.created_at, g.status::text, null, null, g.title, null
      from goal g where g.youth_id = ${youthId}`,
      sql`select 'goal_progress', p.id::text, p.rated_on::text, p.created_at, null, null, null, g.title, p.level
      from goal_progress p join goal g on g.id = p.goal_id where g.youth_id = ${youthId}`,
    );
  }
  if (may['contact.read']) {
    parts.push(
      sql`select 'contact', c.id::text, c.date::text, c.created_at, c.kind::text, c.status::text, c.note_status::text,
        null, null
      from contact c where c.youth_id = ${youthId} and c.date <= ${today}`,
    );
  }
  if (may['hub_contact.read']) {
    parts.push(
      sql`select 'hub_contact', h.id::text, h.contact_on::text, h.created_at, h.mode, null, null, null, null
      from hub_contact h where h.youth_id = ${youthId}`,
    );
  }
  const union = sql.join(parts, sql` union all `);
  const columns = sql.raw('t(kind, id, day, at_ts, code, secondary_code, note_status, label, level)');
  const [found, [total]] = await Promise.all([
    rows<Row>(
      db,
      sql`select * from (${union}) ${columns} order by t.day desc, t.at_ts desc nulls last, t.kind, t.id
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from (${union}) ${columns}`),
  ]);
  await auditRead(db, actor, {
    action: 'timeline.viewed',
    resourceType: 'youth',
    resourceId: youthId,
    youthId,
    detail: { page: q.page, shown: found.map((r) => `${r.kind}:${r.id}`) },
  });
  return {
    items: found.map((r) => ({
      kind: r.kind,
      id: r.id,
      on: r.day,
      at: iso(r.at_ts),
      code: r.code,
      secondaryCode: r.secondary_code,
      noteStatus: r.note_status,
      label: r.label,
      level: r.level == null ? null : Number(r.level),
    })),
    page: q.page,
    pageSize: q.pageSize,
    total: Number(total?.n ?? 0),
  };
};
