import { z } from 'zod';
import { ageOn } from '../licence.ts';
import type { TRuleSet } from './rule-set.ts';

export const LIVING_SITUATIONS = [
  'home',
  'foster_home',
  'community',
  'out_of_home_with_discharge_plan',
  'out_of_home_no_plan',
] as const;
export const ZLivingSituation = z.enum(LIVING_SITUATIONS);
export type TLivingSituation = z.infer<typeof ZLivingSituation>;

/** Admission criteria: the first and third must hold, and at least one of the needs in the second. */
export const ADMISSION_CRITERIA = [
  'assessment_warrants_tm',
  'needs_skill_support',
  'risk_of_out_of_home_placement',
  'returning_from_congregate_care',
  'outpatient_alone_insufficient',
] as const;
/** Exclusion criteria (R-1.11 a–f): any one blocks admission. */
export const EXCLUSION_CRITERIA = [
  'imminent_risk',
  'medical_condition_prevents_benefit',
  'tm_not_needed_for_goal',
  'only_supervision_or_respite',
  'needs_met_by_similar_services',
  'residential_no_plan_to_return',
] as const;
export const ZAdmissionCriterion = z.enum(ADMISSION_CRITERIA);
export const ZExclusionCriterion = z.enum(EXCLUSION_CRITERIA);

export type EligibilityInput = {
  dateOfBirth: string;
  onDate: string;
  payer: string | null;
  livingSituation: TLivingSituation | null;
  hasActiveHub: boolean;
  admissionCriteria: readonly z.infer<typeof ZAdmissionCriterion>[];
  exclusionCriteria: readonly z.infer<typeof ZExclusionCriterion>[];
  rules: Pick<TRuleSet, 'eligibilityAgeLimit' | 'eligibleCoverage' | 'hubRequired'>;
};

export type EligibilityFinding = { code: string; met: boolean; detail: string };

/** Every check, met or not, so the record shows why a youth was (or was not) eligible. */
export const checkEligibility = (i: EligibilityInput): { eligible: boolean; findings: EligibilityFinding[] } => {
  const findings: EligibilityFinding[] = [];
  const age = ageOn(i.dateOfBirth, i.onDate);
  if (i.rules.eligibilityAgeLimit != null) {
    findings.push({
      code: 'age',
      met: age < i.rules.eligibilityAgeLimit,
      detail: `Age ${age}; the program serves youth under ${i.rules.eligibilityAgeLimit}`,
    });
  }
  if (i.rules.eligibleCoverage.length) {
    findings.push({
      code: 'coverage',
      met: i.payer != null && (i.rules.eligibleCoverage as readonly string[]).includes(i.payer),
      detail: i.payer ? `Coverage: ${i.payer}` : 'No coverage recorded',
    });
  }
  findings.push({
    code: 'living_situation',
    met: i.livingSituation != null && i.livingSituation !== 'out_of_home_no_plan',
    detail: i.livingSituation ? `Living situation: ${i.livingSituation}` : 'Living situation not recorded',
  });
  if (i.rules.hubRequired) {
    findings.push({
      code: 'hub',
      met: i.hasActiveHub,
      detail: i.hasActiveHub ? 'Active hub service' : 'No active hub service',
    });
  }
  const has = (c: (typeof ADMISSION_CRITERIA)[number]) => i.admissionCriteria.includes(c);
  findings.push({
    code: 'admission_criteria',
    met:
      has('assessment_warrants_tm') &&
      has('outpatient_alone_insufficient') &&
      (has('needs_skill_support') || has('risk_of_out_of_home_placement') || has('returning_from_congregate_care')),
    detail: `${i.admissionCriteria.length} admission criteria recorded`,
  });
  findings.push({
    code: 'exclusions',
    met: i.exclusionCriteria.length === 0,
    detail: i.exclusionCriteria.length ? `Excluded: ${i.exclusionCriteria.join(', ')}` : 'No exclusion applies',
  });
  return { eligible: findings.every((f) => f.met), findings };
};
