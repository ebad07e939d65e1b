import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureResponse, safetyAlert } from '../../db/schema-measures.ts';
import { organization } from '../../db/schema.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { scoreWith } from './catalog.ts';
import { resolveInstrument } from './catalog.ts';
import { scheduledMeasures } from './schedule-service.ts';
import { calendarDate } from '@mentorbridge/core';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, { authSecret: t.config.authSecret, env: 'test' });
});
afterAll(async () => t?.close());

describe('demo measures', () => {
  it('responses over time on the teen and adult PHQ-9, GAD-7 and PSC-17, each scored as the scorer scores it', async () => {
    const db = t.database.db;
    const rows = await db.select().from(measureResponse);
    expect(new Set(rows.map((r) => r.instrumentId))).toEqual(new Set(['phq9_teen', 'phq9', 'gad7', 'psc17']));
    const perYouth = new Map<string, number>();
    for (const r of rows) {
      if (r.instrumentId === 'phq9_teen') perYouth.set(r.youthId, (perYouth.get(r.youthId) ?? 0) + 1);
      const def = await resolveInstrument(db, r.organizationId, r.instrumentId, { version: r.instrumentVersion });
      const score = scoreWith(def, r.answers as Record<string, string | number>);
      expect({ total: r.total == null ? null : Number(r.total), band: r.bandId, valid: r.valid }).toEqual({
        total: score.total,
        band: score.band?.id ?? null,
        valid: score.valid,
      });
    }
    expect([...perYouth.values()].some((n) => n >= 2)).toBe(true);
    // No demo answer touches a safety item, so no alert comes from this step.
    // No demo answer touches a safety item (the alerts demo adds its own, with no response row).
    expect(
      await db
        .select()
        .from(safetyAlert)
        .where(and(eq(safetyAlert.source, 'measure_response'), isNotNull(safetyAlert.sourceId))),
    ).toEqual([]);
  });

  it('leaves some measures overdue', async () => {
    const db = t.database.db;
    const [org] = await db.select().from(organization);
    const overdue = await scheduledMeasures(db, org!.id, sql`true`, calendarDate(new Date(), org!.timeZone), { includeDue: false });
    expect(overdue.length).toBeGreaterThan(0);
  });
});
