import { isLicenceExpired } from '../licence.ts';

export const GATE_CODES = [
  'guardian_agreement',
  'active_hub',
  'linked_goal',
  'supervisor_licence',
  'mentor_cleared',
] as const;
export type TGateCode = (typeof GATE_CODES)[number];

export type GateInput = {
  today: string;
  hubRequired: boolean;
  hasGuardianAgreement: boolean;
  hasActiveHub: boolean;
  linkedGoalCount: number;
  supervisor: { licenceExpiresOn: string | null; hasLicence: boolean } | null;
  mentorClearedOn: string | null;
};

export type GateFailure = { code: TGateCode; message: string };

/**
 * The hard gates before a note is signed as a billable TM contact. Returns every gate that fails, each
 * with the sentence a mentor sees.
 */
export const failedGates = (g: GateInput): GateFailure[] => {
  const failed: GateFailure[] = [];
  if (!g.hasGuardianAgreement) {
    failed.push({ code: 'guardian_agreement', message: 'The episode has no recorded guardian agreement' });
  }
  if (g.hubRequired && !g.hasActiveHub) {
    failed.push({ code: 'active_hub', message: 'The youth has no active hub service (ICC, IHT or OP)' });
  }
  if (g.linkedGoalCount < 1) {
    failed.push({ code: 'linked_goal', message: 'The note addresses no goal from the hub plan' });
  }
  if (!g.supervisor) {
    failed.push({ code: 'supervisor_licence', message: 'The mentor has no assigned clinical supervisor' });
  } else if (!g.supervisor.hasLicence || isLicenceExpired(g.supervisor.licenceExpiresOn, g.today)) {
    failed.push({ code: 'supervisor_licence', message: 'The supervisor\'s licence is missing or expired' });
  }
  if (!g.mentorClearedOn || g.mentorClearedOn > g.today) {
    failed.push({ code: 'mentor_cleared', message: 'The mentor is not cleared to practise' });
  }
  return failed;
};
