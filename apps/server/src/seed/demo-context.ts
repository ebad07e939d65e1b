import type { Tx } from '../db/client.ts';
import { demoCare } from './demo-care.ts';
import { demoIntake } from './demo-intake.ts';
import { demoNotes } from './demo-notes.ts';
import { demoSafety } from './demo-safety.ts';

/** What the base demo seed made, for the steps that add each area's demo records on top. */
export type DemoContext = {
  organizationId: string;
  programs: { tm: string; community: string };
  /** User ids by demo account key (admin, pm, supervisor1, mentor1, hub, guardian, …). */
  users: Record<string, string>;
  /** The twenty youth, each already matched with `mentorKey`; the first fourteen are in the TM program. */
  youth: { id: string; programId: string; mentorKey: string; index: number }[];
};

export type DemoStep = (tx: Tx, ctx: DemoContext) => Promise<void>;

/** Run in order inside the seeding transaction. */
export const DEMO_WORKFLOW_STEPS: DemoStep[] = [demoIntake, demoCare, demoNotes, demoSafety];
