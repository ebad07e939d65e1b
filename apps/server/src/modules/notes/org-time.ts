import { calendarDate } from '@mentorbridge/core';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../access/context.ts';
import type { Db, Tx } from '../../db/client.ts';
import { organization } from '../../db/schema.ts';

// One formatter per time zone: building one costs far more than using it.
const wallClocks = new Map<string, Intl.DateTimeFormat>();
const wallClock = (timeZone: string) => {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClocks.set(timeZone, format);
  }
  return format;
};

/** How far a time zone is ahead of UTC at an instant, in milliseconds. */
const offsetAt = (ms: number, timeZone: string): number => {
  const parts = wallClock(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
};

/** The instant a wall-clock date and time ("2026-03-08", "15:30") happens in a time zone (DST-aware). */
export const zonedInstant = (date: string, time: string, timeZone: string): Date => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const first = offsetAt(wall, timeZone);
  let at = wall - first;
  const second = offsetAt(at, timeZone);
  if (second !== first) at = wall - second;
  return new Date(at);
};

export const orgTimeZone = async (db: Db | Tx, org: string | Actor): Promise<string> => {
  if (typeof org !== 'string' && org.timeZone) return org.timeZone;
  const organizationId = typeof org === 'string' ? org : org.organizationId;
  const [o] = await db
    .select({ tz: organization.timeZone })
    .from(organization)
    .where(eq(organization.id, organizationId));
  return o?.tz ?? 'UTC';
};

/** The organization's time zone, the instant now and its calendar day there (an actor carries the zone). */
export const orgClock = async (db: Db | Tx, org: string | Actor) => {
  const timeZone = await orgTimeZone(db, org);
  const now = new Date();
  return { timeZone, now, today: calendarDate(now, timeZone) };
};
