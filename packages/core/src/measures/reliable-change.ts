import { z } from 'zod';

// Jacobson & Truax (1991) reliable change and clinically significant change (measures.md §16).
// Every result carries the SD, reliability and source it was computed with: the number means nothing without them.

export const RC_CRITICAL_VALUE = 1.96;

export const ZDirection = z.enum(['lower_is_better', 'higher_is_better']);
export type TDirection = z.infer<typeof ZDirection>;

export const ZReliabilityKind = z.enum(['cronbach_alpha', 'test_retest']);

/** The (SD, r, source) triple measures.md §16 asks to store with every RCI. */
export const ZRciParameters = z.object({
  sd: z.number().positive(),
  /** 1 would make the standard error 0 and every change "reliable". */
  reliability: z.number().min(0).lt(1),
  reliabilityKind: ZReliabilityKind,
  /** Where SD and r come from, e.g. "Stoppelbein 2012 non-clinical SD; Gardner 1999 α". */
  source: z.string().min(1),
});
export type TRciParameters = z.infer<typeof ZRciParameters>;

export const CUTOFF_KINDS = ['screening', 'caseness', 'jt_a', 'jt_b', 'jt_c'] as const;

/**
 * Boundary between the dysfunctional and functional ranges. Lower-is-better: dysfunctional at or above the value
 * (PSC-17 ≥ 15). Higher-is-better: dysfunctional below it (WHO-5 raw < 13). Matches how integer cut-offs are
 * published; for a J&T c with decimals the equality case does not arise.
 */
export const ZClinicalCutoff = z.object({
  value: z.number(),
  /** A screening cut-off is not a J&T-derived c (measures.md §16): the UI must say which it is. */
  kind: z.enum(CUTOFF_KINDS),
  source: z.string().min(1),
});
export type TClinicalCutoff = z.infer<typeof ZClinicalCutoff>;

export const ZReliableChangeInput = z.object({
  pre: z.number(),
  post: z.number(),
  direction: ZDirection,
  parameters: ZRciParameters,
  cutoff: ZClinicalCutoff.nullable(),
});
export type TReliableChangeInput = z.infer<typeof ZReliableChangeInput>;

export const CHANGE_CATEGORIES = ['recovered', 'improved', 'unchanged', 'deteriorated'] as const;
export type TChangeCategory = (typeof CHANGE_CATEGORIES)[number];

export type TReliableChange = {
  pre: number;
  post: number;
  change: number;
  /** SE = SD·√(1 − r) */
  standardError: number;
  /** Sdiff = √(2·SE²) */
  sdiff: number;
  /** RC = (post − pre) / Sdiff */
  rci: number;
  /** 1.96 · Sdiff: the smallest raw change that counts as reliable. */
  reliableChangeThreshold: number;
  /** On a whole-number scale, the smallest change that exceeds the threshold. */
  minimumReliableIntegerChange: number;
  reliable: boolean;
  reliablyImproved: boolean;
  reliablyWorse: boolean;
  preDysfunctional: boolean | null;
  postDysfunctional: boolean | null;
  category: TChangeCategory;
  direction: TDirection;
  parameters: TRciParameters;
  cutoff: TClinicalCutoff | null;
  method: string;
};

export const standardErrorOfMeasurement = (sd: number, reliability: number): number => sd * Math.sqrt(1 - reliability);

/** Sdiff = SD·√2·√(1 − r). */
export const standardErrorOfDifference = (sd: number, reliability: number): number =>
  Math.sqrt(2) * standardErrorOfMeasurement(sd, reliability);

export const reliableChangeThreshold = (sd: number, reliability: number): number =>
  RC_CRITICAL_VALUE * standardErrorOfDifference(sd, reliability);

export const isDysfunctional = (score: number, cutoff: TClinicalCutoff, direction: TDirection): boolean =>
  direction === 'lower_is_better' ? score >= cutoff.value : score < cutoff.value;

/**
 * Reliable if |RC| > 1.96 (p < .05). Categories: recovered = reliable improvement that moves from the
 * dysfunctional into the functional range; improved = reliable improvement without that; deteriorated = reliable
 * worsening; unchanged otherwise.
 */
export const reliableChange = (input: TReliableChangeInput): TReliableChange => {
  const { pre, post, direction, parameters, cutoff } = ZReliableChangeInput.parse(input);
  const standardError = standardErrorOfMeasurement(parameters.sd, parameters.reliability);
  const sdiff = standardErrorOfDifference(parameters.sd, parameters.reliability);
  const change = post - pre;
  const rci = change / sdiff;
  const reliable = Math.abs(rci) > RC_CRITICAL_VALUE;
  const better = direction === 'lower_is_better' ? rci < 0 : rci > 0;
  const reliablyImproved = reliable && better;
  const reliablyWorse = reliable && !better;
  const preDysfunctional = cutoff ? isDysfunctional(pre, cutoff, direction) : null;
  const postDysfunctional = cutoff ? isDysfunctional(post, cutoff, direction) : null;
  const threshold = RC_CRITICAL_VALUE * sdiff;

  let category: TChangeCategory = 'unchanged';
  if (reliablyWorse) category = 'deteriorated';
  else if (reliablyImproved) category = preDysfunctional === true && postDysfunctional === false ? 'recovered' : 'improved';

  return {
    pre,
    post,
    change,
    standardError,
    sdiff,
    rci,
    reliableChangeThreshold: threshold,
    // Strictly greater than the threshold, so an exact whole-number threshold needs one more point.
    minimumReliableIntegerChange: Math.floor(threshold) + 1,
    reliable,
    reliablyImproved,
    reliablyWorse,
    preDysfunctional,
    postDysfunctional,
    category,
    direction,
    parameters,
    cutoff,
    method: 'Jacobson & Truax (1991): RC = (post − pre) / (SD·√2·√(1 − r)), reliable if |RC| > 1.96',
  };
};

export const ZNormGroup = z.object({ mean: z.number(), sd: z.number().positive() });

/**
 * J&T cut-offs from a dysfunctional and a functional norm group (measures.md §16), with the functional SD for b.
 * Lower-is-better: a = M_dys − 2·SD_dys, b = M_fun + 2·SD_fun; the signs flip when higher is better.
 * c = (SD_dys·M_fun + SD_fun·M_dys) / (SD_dys + SD_fun) either way.
 */
export const clinicalSignificanceCutoffs = (
  dysfunctional: z.infer<typeof ZNormGroup>,
  functional: z.infer<typeof ZNormGroup>,
  direction: TDirection,
): { a: number; b: number; c: number } => {
  const sign = direction === 'lower_is_better' ? 1 : -1;
  return {
    a: dysfunctional.mean - sign * 2 * dysfunctional.sd,
    b: functional.mean + sign * 2 * functional.sd,
    c: (dysfunctional.sd * functional.mean + functional.sd * dysfunctional.mean) / (dysfunctional.sd + functional.sd),
  };
};
