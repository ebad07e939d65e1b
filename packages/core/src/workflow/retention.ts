import { ageOn } from '../licence.ts';
import { addYears, laterOf } from './dates.ts';

export const AGE_OF_MAJORITY = 18;

/**
 * The earliest day a closed record may be destroyed: at least 6 years after the last service;
 * for someone who was a minor at the last contact, also at least 7 years after that contact and 1 year after they
 * come of age. The latest of those wins.
 */
export const retentionDate = (input: { lastServiceDate: string; dateOfBirth: string }): string => {
  const { lastServiceDate, dateOfBirth } = input;
  let keepUntil = addYears(lastServiceDate, 6);
  if (ageOn(dateOfBirth, lastServiceDate) < AGE_OF_MAJORITY) {
    keepUntil = laterOf(keepUntil, addYears(lastServiceDate, 7));
    keepUntil = laterOf(keepUntil, addYears(dateOfBirth, AGE_OF_MAJORITY + 1));
  }
  return keepUntil;
};
