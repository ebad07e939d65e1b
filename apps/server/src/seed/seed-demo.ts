import { randomBytes } from 'node:crypto';
import type { TCreateYouth } from '@mentorbridge/core';
import { symmetricEncrypt } from 'better-auth/crypto';
import { eq } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';
import { createPasswordUser } from '../auth/accounts.ts';
import type { Db } from '../db/client.ts';
import {
  emergencyContact,
  guardian,
  mentorAssignment,
  organization,
  program,
  staffProfile,
  supervisionAssignment,
  twoFactor,
  user,
  youth,
  youthHubClinician,
} from '../db/schema.ts';
import { addMembership } from '../modules/members/members-service.ts';
import { DEMO_ACCOUNTS, DEMO_ORG_SLUG, DEMO_PASSWORD, type DemoAccount } from './demo-accounts.ts';
import { DEMO_WORKFLOW_STEPS, type DemoContext } from './demo-context.ts';

const FIRST = [
  'Ana',
  'Marcus',
  'Lena',
  'Diego',
  'Aaliyah',
  'Noah',
  'Sofia',
  'Jayden',
  'Mei',
  'Elijah',
  'Zoe',
  'Mateo',
  'Imani',
  'Liam',
  'Priya',
  'Kevin',
  'Nia',
  'Lucas',
  'Hana',
  'Omar',
];
const LAST = [
  'Alvarez',
  'Brooks',
  'Chen',
  'Delgado',
  'Evans',
  'Fofana',
  'Garcia',
  'Haddad',
  'Ito',
  'Johnson',
  'Kim',
  'Lopez',
  'Mensah',
  'Nguyen',
  'Okafor',
  'Pereira',
  'Quinn',
  'Rossi',
  'Santos',
  'Tran',
];
const PREFERRED: Record<number, string> = { 1: 'Marc', 7: 'Jay', 15: 'Kev' };
const PRONOUNS = ['she/her', 'he/him', 'they/them'];
const LANGUAGES = ['English', 'Spanish', 'Portuguese', 'Haitian Creole', 'Vietnamese', 'Cape Verdean Creole'];
const SCHOOLS = ['Dorchester Middle School', 'Eastside High School', 'Riverside Academy', 'Lincoln K-8'];
const RACES = [
  ['white'],
  ['black_or_african_american'],
  ['asian'],
  ['black_or_african_american', 'white'],
  [],
] as const;

export type SeedResult = { organizationId: string; accounts: DemoAccount[] };

export class SeedRefusedError extends Error {}

/** Demo data: one organization, two programs, staff with the relationships between them, twenty synthetic youth. */
export const seedDemo = async (db: Db, opts: { authSecret: string; env: string }): Promise<SeedResult | null> => {
  if (opts.env === 'production') throw new SeedRefusedError('Demo data is never seeded with NODE_ENV=production');
  const [exists] = await db
    .select({ id: organization.id })
    .from(organization)
    .where(eq(organization.slug, DEMO_ORG_SLUG));
  if (exists) return null;

  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organization)
      .values({
        name: 'Harborlight Youth Services (demo)',
        slug: DEMO_ORG_SLUG,
        twoFactorRoles: ['org_admin', 'supervisor'],
      })
      .returning();
    const orgId = org!.id;
    const [tm, community] = await tx
      .insert(program)
      .values([
        { organizationId: orgId, name: 'Therapeutic Mentoring (CBHI)', kind: 'therapeutic_mentoring' },
        { organizationId: orgId, name: 'Community Mentoring', kind: 'community' },
      ])
      .returning();

    const ids: Record<string, string> = {};
    for (const a of DEMO_ACCOUNTS) {
      const id = await createPasswordUser(tx, { email: a.email, name: a.name, password: DEMO_PASSWORD });
      ids[a.key] = id;
      await addMembership(tx as unknown as Db, orgId, id, a.role, null);
      if (a.totpSecret) {
        const backupCodes = Array.from({ length: 10 }, () => randomBytes(5).toString('hex'));
        await tx.insert(twoFactor).values({
          id: randomBytes(12).toString('hex'),
          userId: id,
          // better-auth decodes secrets stored with this prefix from base32, as authenticator apps show them.
          secret: await symmetricEncrypt({ key: opts.authSecret, data: `base32:${a.totpSecret}` }),
          backupCodes: await symmetricEncrypt({ key: opts.authSecret, data: JSON.stringify(backupCodes) }),
          verified: true,
        });
        await tx.update(user).set({ twoFactorEnabled: true }).where(eq(user.id, id));
      }
    }

    const profile = (key: string, values: Partial<typeof staffProfile.$inferInsert>) =>
      tx.update(staffProfile).set(values).where(eq(staffProfile.userId, ids[key]!));
    await profile('supervisor1', {
      title: 'Clinical supervisor',
      licenceType: 'LICSW',
      licenceNumber: '115342',
      licenceState: 'MA',
      licenceExpiresOn: '2028-06-30',
      degreeLevel: 'master',
      languages: ['English', 'Spanish'],
    });
    await profile('supervisor2', {
      title: 'Clinical supervisor',
      licenceType: 'LMHC',
      licenceNumber: '9921',
      licenceState: 'MA',
      // Lapsed on purpose: the demo shows how an expired licence is flagged.
      licenceExpiresOn: '2026-09-30',
      degreeLevel: 'master',
      languages: ['English'],
    });
    const mentorProfiles: [string, string[], 'bachelor' | 'some_college' | 'associate', number][] = [
      ['mentor1', ['English', 'Spanish'], 'bachelor', 12],
      ['mentor2', ['English'], 'some_college', 10],
      ['mentor3', ['English', 'Portuguese'], 'associate', 8],
      ['mentor4', ['English', 'Haitian Creole'], 'bachelor', 12],
    ];
    for (const [key, languages, degreeLevel, capacity] of mentorProfiles) {
      await profile(key, { title: 'Therapeutic mentor', languages, degreeLevel, capacity });
    }

    await tx.insert(supervisionAssignment).values([
      { organizationId: orgId, supervisorUserId: ids.supervisor1!, mentorUserId: ids.mentor1! },
      { organizationId: orgId, supervisorUserId: ids.supervisor1!, mentorUserId: ids.mentor2! },
      { organizationId: orgId, supervisorUserId: ids.supervisor2!, mentorUserId: ids.mentor3! },
      { organizationId: orgId, supervisorUserId: ids.supervisor2!, mentorUserId: ids.mentor4! },
    ]);

    const mentors = ['mentor1', 'mentor2', 'mentor3', 'mentor4'];
    const demoYouth: DemoContext['youth'] = [];
    for (let i = 0; i < 20; i++) {
      const year = 2008 + (i % 10);
      const month = String((i % 12) + 1).padStart(2, '0');
      const day = String(((i * 7) % 27) + 1).padStart(2, '0');
      const values: TCreateYouth & { organizationId: string } = {
        organizationId: orgId,
        programId: i < 14 ? tm!.id : community!.id,
        firstName: FIRST[i]!,
        lastName: LAST[i]!,
        preferredName: PREFERRED[i] ?? null,
        pronouns: PRONOUNS[i % 3]!,
        dateOfBirth: `${year}-${month}-${day}`,
        races: [...RACES[i % RACES.length]!],
        raceDeclined: i % RACES.length === 4,
        ethnicity: i % 3 === 0 ? 'hispanic_or_latino' : 'not_hispanic_or_latino',
        primaryLanguage: LANGUAGES[i % LANGUAGES.length]!,
        interpreterNeeded: i % 6 === 1,
        school: SCHOOLS[i % SCHOOLS.length]!,
        grade: String(6 + (i % 7)),
        payer: i < 14 ? (i % 4 === 0 ? 'masshealth_commonhealth' : 'masshealth_standard') : 'private',
        memberId: i < 14 ? `1000${String(4711 + i * 13)}` : null,
        phone: `617-555-${String(1000 + i * 37).slice(-4)}`,
      };
      const [y] = await tx
        .insert(youth)
        .values({ ...values, status: 'active', createdBy: ids.admin })
        .returning();
      await tx
        .insert(mentorAssignment)
        .values({ organizationId: orgId, mentorUserId: ids[mentors[i % 4]!]!, youthId: y!.id });
      demoYouth.push({ id: y!.id, programId: values.programId, mentorKey: mentors[i % 4]!, index: i });
      if (i < 14 && i % 2 === 0) {
        await tx.insert(youthHubClinician).values({ organizationId: orgId, youthId: y!.id, userId: ids.hub! });
      }
      await tx.insert(guardian).values({
        organizationId: orgId,
        youthId: y!.id,
        userId: i === 0 ? ids.guardian : null,
        firstName: i === 0 ? 'Rosa' : ['Maria', 'James', 'Linh', 'Carmen', 'David'][i % 5]!,
        lastName: LAST[i]!,
        relationship: i % 5 === 3 ? 'Grandmother' : 'Parent',
        legalAuthority: i % 7 === 5 ? 'dcf' : i % 5 === 3 ? 'guardian' : 'parent',
        phone: `617-555-${String(2000 + i * 41).slice(-4)}`,
        preferredLanguage: LANGUAGES[i % LANGUAGES.length]!,
      });
      await tx.insert(emergencyContact).values({
        organizationId: orgId,
        youthId: y!.id,
        name: `${['Tia', 'Uncle', 'Neighbor', 'Coach'][i % 4]} ${LAST[(i + 5) % 20]}`,
        relationship: ['Aunt', 'Uncle', 'Neighbor', 'Coach'][i % 4]!,
        phone: `617-555-${String(3000 + i * 53).slice(-4)}`,
      });
    }
    const context: DemoContext = {
      organizationId: orgId,
      programs: { tm: tm!.id, community: community!.id },
      users: ids,
      youth: demoYouth,
    };
    for (const step of DEMO_WORKFLOW_STEPS) await step(tx, context);
    await writeAudit(
      tx,
      { organizationId: orgId, actorUserId: null, ip: null, userAgent: null, requestId: null },
      { action: 'organization.seeded', resourceType: 'organization', resourceId: orgId, detail: { youth: 20 } },
    );
    return { organizationId: orgId, accounts: DEMO_ACCOUNTS };
  });
};

export const demoSignInText = (publicUrl: string) => {
  const lines = [
    `Demo sign-ins at ${publicUrl} (password for every account: ${DEMO_PASSWORD})`,
    ...DEMO_ACCOUNTS.map(
      (a) =>
        `  ${a.role.padEnd(16)} ${a.email.padEnd(36)}${a.totpSecret ? ` TOTP secret ${a.totpSecret} (npm run demo:totp -- ${a.email})` : ''}`,
    ),
  ];
  return lines.join('\n');
};
