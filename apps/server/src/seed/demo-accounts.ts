import type { TRole } from '@mentorbridge/core';

/** Demo sign-ins, printed at start-up and listed in the README. Synthetic people only. */
export const DEMO_PASSWORD = 'Mentorbridge-demo-1';
export const DEMO_ORG_SLUG = 'demo';

export type DemoAccount = { key: string; email: string; name: string; role: TRole; totpSecret?: string };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    key: 'admin',
    email: 'admin@demo.mentorbridge.org',
    name: 'Avery Admin',
    role: 'org_admin',
    totpSecret: 'KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF',
  },
  { key: 'pm', email: 'pm@demo.mentorbridge.org', name: 'Morgan Manager', role: 'program_manager' },
  {
    key: 'supervisor1',
    email: 'supervisor1@demo.mentorbridge.org',
    name: 'Dr. Sam Rivera, LICSW',
    role: 'supervisor',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  },
  {
    key: 'supervisor2',
    email: 'supervisor2@demo.mentorbridge.org',
    name: 'Dr. Jordan Lee, LMHC',
    role: 'supervisor',
    totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  },
  { key: 'mentor1', email: 'mentor1@demo.mentorbridge.org', name: 'Casey Mentor', role: 'mentor' },
  { key: 'mentor2', email: 'mentor2@demo.mentorbridge.org', name: 'Riley Mentor', role: 'mentor' },
  { key: 'mentor3', email: 'mentor3@demo.mentorbridge.org', name: 'Jamie Mentor', role: 'mentor' },
  { key: 'mentor4', email: 'mentor4@demo.mentorbridge.org', name: 'Taylor Mentor', role: 'mentor' },
  { key: 'hub', email: 'hub@demo.mentorbridge.org', name: 'Pat Hub, LMHC', role: 'hub_clinician' },
  { key: 'guardian', email: 'guardian@demo.mentorbridge.org', name: 'Rosa Alvarez', role: 'guardian' },
  // Rosa's daughter Ana (the first demo youth) signs in to her own youth home.
  { key: 'youth', email: 'youth@demo.mentorbridge.org', name: 'Ana Alvarez', role: 'youth' },
];
