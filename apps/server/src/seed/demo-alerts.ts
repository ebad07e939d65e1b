import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import {
  alertNotification,
  contact,
  mentorAssignment,
  safetyAlert,
  safetyAlertAction,
} from '../db/schema.ts';
import { raiseAlert } from '../modules/safety/raise-alert.ts';
import type { DemoStep } from './demo-context.ts';

const MINUTE = 60_000;

/**
 * Demo safety alerts, raised through `raiseAlert` like real ones, in every state:
 * - an acute alert (teen PHQ-9 self-harm item) raised minutes ago, not yet acknowledged: it escalates in the demo;
 * - an acute alert acknowledged by the supervisor with the youth contacted and the safety plan reviewed;
 * - a non-acute check-in "need to talk" alert, closed with a disposition;
 * - the mentor's safety concern in the signed demo note, acknowledged.
 * Notices of alerts already handled are marked delivered, so starting the demo sends mail only for the open one.
 */
export const demoAlerts: DemoStep = async (tx, ctx) => {
  const now = new Date();
  const tm = ctx.youth.filter((y) => y.programId === ctx.programs.tm);
  const mentor1Youth = tm.filter((y) => y.mentorKey === 'mentor1');
  const [first, second] = mentor1Youth.length >= 2 ? mentor1Youth : tm;
  const third = tm.find((y) => y.id !== first?.id && y.id !== second?.id);
  if (!first || !second || !third) return;
  const origin = {
    organizationId: ctx.organizationId,
    actorUserId: null,
    ip: null,
    userAgent: null,
    requestId: null,
  };
  const supervisor = ctx.users.supervisor1!;
  const mentorOf = async (youthId: string) => {
    const [m] = await tx
      .select({ id: mentorAssignment.mentorUserId })
      .from(mentorAssignment)
      .where(and(eq(mentorAssignment.youthId, youthId), eq(mentorAssignment.active, true)))
      .orderBy(desc(mentorAssignment.isPrimary))
      .limit(1);
    return m?.id ?? ctx.users.mentor1!;
  };
  const handled: string[] = [];

  await raiseAlert(tx, origin, {
    youthId: first.id,
    source: 'measure_response',
    sourceId: null,
    severity: 'acute',
    reasons: ['phq9_teen.item9_self_harm_thoughts'],
    raisedBy: null,
    now: new Date(now.getTime() - 4 * MINUTE),
  });

  const acked = await raiseAlert(tx, origin, {
    youthId: second.id,
    source: 'measure_response',
    sourceId: null,
    severity: 'acute',
    reasons: ['phq9_teen.item9_self_harm_thoughts'],
    raisedBy: null,
    now: new Date(now.getTime() - 26 * 60 * MINUTE),
  });
  await tx
    .update(safetyAlert)
    .set({
      status: 'acknowledged',
      acknowledgedAt: new Date(now.getTime() - 25.9 * 60 * MINUTE),
      acknowledgedBy: supervisor,
      escalateAt: null,
      version: 2,
    })
    .where(eq(safetyAlert.id, acked.id));
  await tx.insert(safetyAlertAction).values([
    {
      organizationId: ctx.organizationId,
      alertId: acked.id,
      kind: 'contacted_youth',
      note: 'Reached the youth by phone with their parent present; no plan or intent, agreed to talk again tomorrow.',
      takenAt: new Date(now.getTime() - 25.5 * 60 * MINUTE),
      takenBy: supervisor,
    },
    {
      organizationId: ctx.organizationId,
      alertId: acked.id,
      kind: 'safety_plan_reviewed',
      note: null,
      takenAt: new Date(now.getTime() - 25 * 60 * MINUTE),
      takenBy: supervisor,
    },
  ]);
  handled.push(acked.id);

  const closed = await raiseAlert(tx, origin, {
    youthId: third.id,
    source: 'check_in',
    sourceId: null,
    severity: 'non_acute',
    reasons: ['check_in.need_to_talk'],
    raisedBy: null,
    now: new Date(now.getTime() - 6 * 24 * 60 * MINUTE),
  });
  const thirdMentor = await mentorOf(third.id);
  await tx.insert(safetyAlertAction).values({
    organizationId: ctx.organizationId,
    alertId: closed.id,
    kind: 'contacted_youth',
    note: 'Talked after school; stress about exams, no safety concern.',
    takenAt: new Date(now.getTime() - 5.9 * 24 * 60 * MINUTE),
    takenBy: thirdMentor,
  });
  await tx
    .update(safetyAlert)
    .set({
      status: 'closed',
      acknowledgedAt: new Date(now.getTime() - 5.95 * 24 * 60 * MINUTE),
      acknowledgedBy: thirdMentor,
      closedAt: new Date(now.getTime() - 5.8 * 24 * 60 * MINUTE),
      closedBy: thirdMentor,
      disposition: 'no_imminent_risk',
      version: 3,
    })
    .where(eq(safetyAlert.id, closed.id));
  handled.push(closed.id);

  // The demo note whose mentor answered "yes" to the safety question.
  const [concern] = await tx
    .select({ id: contact.id, youthId: contact.youthId, mentor: contact.mentorUserId, signedAt: contact.signedAt })
    .from(contact)
    .where(and(eq(contact.organizationId, ctx.organizationId), eq(contact.safetyConcern, true)))
    .orderBy(asc(contact.date))
    .limit(1);
  if (concern?.signedAt) {
    const fromNote = await raiseAlert(tx, { ...origin, actorUserId: concern.mentor }, {
      youthId: concern.youthId,
      source: 'contact_note',
      sourceId: concern.id,
      severity: 'non_acute',
      reasons: ['contact_note.safety_concern'],
      raisedBy: concern.mentor,
      now: concern.signedAt,
    });
    await tx
      .update(safetyAlert)
      .set({
        status: 'acknowledged',
        acknowledgedAt: new Date(concern.signedAt.getTime() + 40 * MINUTE),
        acknowledgedBy: supervisor,
        version: 2,
      })
      .where(eq(safetyAlert.id, fromNote.id));
    handled.push(fromNote.id);
  }

  await tx
    .update(alertNotification)
    .set({ status: 'delivered', deliveredAt: now, readAt: now })
    .where(inArray(alertNotification.alertId, handled));
};
