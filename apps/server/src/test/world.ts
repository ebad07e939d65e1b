import { eq } from 'drizzle-orm';
import { guardian, mentorAssignment, supervisionAssignment, youth, youthHubClinician } from '../db/schema.ts';
import { type Client, createOrganization, createUserClient, type TestApp } from './test-app.ts';

const baseYouth = (organizationId: string, programId: string, n: number) => ({
  organizationId,
  programId,
  firstName: `Testfirst${n}`,
  lastName: `Testlast${n}`,
  dateOfBirth: `201${n}-0${n}-1${n}`,
});

/**
 * Two organizations and every relationship the access policy knows:
 * - y1: TM program, mentor m1 (supervised by s1), hub clinician hub, guardian g, and its own youth account;
 * - y2: TM program, mentor m2 (supervised by s2);
 * - y3: Community program, mentor m2;
 * - yb: in the other organization.
 */
export const buildWorld = async (t: TestApp) => {
  const db = t.database.db;
  const orgA = await createOrganization(t, { name: 'Org A' });
  const orgB = await createOrganization(t, { name: 'Org B' });
  const c = async (roles: Parameters<typeof createUserClient>[2], org = orgA.id) => createUserClient(t, org, roles);
  const users = {
    admin: await c([{ role: 'org_admin' }]),
    pm: await c([{ role: 'program_manager', programId: orgA.tmProgramId }]),
    s1: await c([{ role: 'supervisor' }]),
    s2: await c([{ role: 'supervisor' }]),
    m1: await c([{ role: 'mentor' }]),
    m2: await c([{ role: 'mentor' }]),
    hub: await c([{ role: 'hub_clinician' }]),
    g: await c([{ role: 'guardian' }]),
    yu: await c([{ role: 'youth' }]),
  } satisfies Record<string, Client>;
  const adminB = await c([{ role: 'org_admin' }], orgB.id);

  const [y1, y2, y3] = await db
    .insert(youth)
    .values([
      { ...baseYouth(orgA.id, orgA.tmProgramId, 1), userId: users.yu.userId },
      baseYouth(orgA.id, orgA.tmProgramId, 2),
      baseYouth(orgA.id, orgA.communityProgramId, 3),
    ])
    .returning();
  const [yb] = await db
    .insert(youth)
    .values(baseYouth(orgB.id, orgB.tmProgramId, 4))
    .returning();
  await db.insert(mentorAssignment).values([
    { organizationId: orgA.id, mentorUserId: users.m1.userId, youthId: y1!.id },
    { organizationId: orgA.id, mentorUserId: users.m2.userId, youthId: y2!.id },
    { organizationId: orgA.id, mentorUserId: users.m2.userId, youthId: y3!.id },
  ]);
  await db.insert(supervisionAssignment).values([
    { organizationId: orgA.id, supervisorUserId: users.s1.userId, mentorUserId: users.m1.userId },
    { organizationId: orgA.id, supervisorUserId: users.s2.userId, mentorUserId: users.m2.userId },
  ]);
  await db.insert(youthHubClinician).values({ organizationId: orgA.id, youthId: y1!.id, userId: users.hub.userId });
  await db.insert(guardian).values({
    organizationId: orgA.id,
    youthId: y1!.id,
    userId: users.g.userId,
    firstName: 'Gfirst',
    lastName: 'Glast',
    relationship: 'Parent',
    legalAuthority: 'parent',
  });
  return { orgA, orgB, users, adminB, youth: { y1: y1!, y2: y2!, y3: y3!, yb: yb! } };
};

export type World = Awaited<ReturnType<typeof buildWorld>>;

export const youthVersion = async (t: TestApp, id: string) => {
  const [row] = await t.database.db.select({ v: youth.version }).from(youth).where(eq(youth.id, id));
  return row?.v;
};
