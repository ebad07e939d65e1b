import { z } from 'zod';
import {
  bandFor,
  bandRef,
  itemRange,
  type TAnswerValue,
  type TAnswers,
  type TFlag,
  type TFlagRule,
  type TFlagSeverity,
  type TInstrumentDefinition,
  type TInstrumentItem,
  type TInvalidReason,
  type TScoreResult,
  ZAnswerValue,
} from './definition.ts';

/**
 * Zod schema for one instrument's answers: only its content ids, each one of that item's allowed values, or null
 * (blank). The server validates input with it so a bad value is refused with the field named.
 */
export const answersSchemaFor = (def: TInstrumentDefinition) => {
  const shape: Record<string, z.ZodType<TAnswerValue | null | undefined>> = {};
  for (const item of def.items) {
    const values = item.options.map((o) => o.value) as [TAnswerValue, ...TAnswerValue[]];
    shape[item.id] = z.literal(values).nullable().optional();
  }
  return z.object(shape).strict();
};

const SEVERITY_RANK: Record<TFlagSeverity, number> = { routine: 0, non_acute: 1, acute: 2 };

/** Most severe first, so the first flag is the one that routes the alert. */
const bySeverity = (a: TFlag, b: TFlag) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];

/** Keeps the answers that are allowed and records why the others are not; an unusable value never gets scored. */
const cleanAnswers = (def: TInstrumentDefinition, answers: TAnswers) => {
  const reasons: TInvalidReason[] = [];
  const known = new Map(def.items.map((i) => [i.id, i]));
  const unknown = Object.keys(answers).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    reasons.push({ code: 'unknown_item', itemIds: unknown, message: `Not items of ${def.id}: ${unknown.join(', ')}.` });
  }
  const clean = new Map<string, TAnswerValue>();
  const notAllowed: string[] = [];
  for (const item of def.items) {
    const value = answers[item.id];
    if (value == null) continue;
    if (ZAnswerValue.safeParse(value).success && item.options.some((o) => o.value === value)) clean.set(item.id, value);
    else notAllowed.push(item.id);
  }
  if (notAllowed.length > 0) {
    reasons.push({ code: 'value_not_allowed', itemIds: notAllowed, message: `Values not among the allowed options: ${notAllowed.join(', ')}.` });
  }
  return { clean, rejected: new Set(notAllowed), reasons };
};

type TCleaned = ReturnType<typeof cleanAnswers>;

/** Items left blank; a rejected value is reported as such, not a second time as a blank. */
const blankIds = (ids: readonly string[], { clean, rejected }: TCleaned) => ids.filter((id) => !clean.has(id) && !rejected.has(id));

const numeric = (value: TAnswerValue | undefined): number | null => (typeof value === 'number' ? value : null);

/** An item's contribution to a sum: reversed items count from the other end of their own option range. */
const itemScore = (item: TInstrumentItem, value: number): number => {
  if (!item.reverseScored) return value;
  const { min, max } = itemRange(item);
  return min + max - value;
};

const ruleFlags = (def: TInstrumentDefinition, clean: Map<string, TAnswerValue>, total: number | null): TFlag[] => {
  const flags: TFlag[] = [];
  const flag = (rule: TFlagRule, severity: TFlagSeverity, itemIds: string[]) =>
    flags.push({ ruleId: rule.id, type: rule.type, severity, itemIds, message: rule.message });

  for (const rule of def.flagRules) {
    switch (rule.kind) {
      case 'item_levels': {
        const value = numeric(clean.get(rule.itemId));
        if (value == null) break;
        const reached = rule.levels.filter((l) => value >= l.atLeast);
        const top = reached.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])[0];
        if (top) flag(rule, top.severity, [rule.itemId]);
        break;
      }
      case 'item_equals':
        if (clean.get(rule.itemId) === rule.value) flag(rule, rule.severity, [rule.itemId]);
        break;
      case 'any_item_at_least': {
        const hit = rule.itemIds.filter((id) => (numeric(clean.get(id)) ?? -Infinity) >= rule.atLeast);
        if (hit.length > 0) flag(rule, rule.severity, hit);
        break;
      }
      case 'any_item_at_most': {
        const hit = rule.itemIds.filter((id) => (numeric(clean.get(id)) ?? Infinity) <= rule.atMost);
        if (hit.length > 0) flag(rule, rule.severity, hit);
        break;
      }
      case 'total_at_least':
        if (total != null && total >= rule.atLeast) flag(rule, rule.severity, []);
        break;
      case 'total_at_most':
        if (total != null && total <= rule.atMost) flag(rule, rule.severity, []);
        break;
    }
  }
  return flags;
};

const scoreSum = (def: TInstrumentDefinition, cleaned: TCleaned): TScoreResult => {
  if (def.scoring.kind !== 'sum') throw new Error('scoreSum needs a summed instrument');
  const { clean, reasons } = cleaned;
  const scoring = def.scoring;
  const scored = def.items.filter((i) => i.scored);
  const blanks = blankIds(scored.map((i) => i.id), cleaned);

  if (scoring.missing.kind === 'all_required' && blanks.length > 0) {
    reasons.push({ code: 'missing_items', itemIds: blanks, message: `Every scored item must be answered; blank: ${blanks.join(', ')}.` });
  }
  if (scoring.missing.kind === 'blank_as_zero' && blanks.length > scoring.missing.maxBlank) {
    reasons.push({
      code: 'too_many_blanks',
      itemIds: blanks,
      message: `${blanks.length} items are blank; the form is invalid with ${scoring.missing.maxBlank + 1} or more.`,
    });
  }

  const valid = reasons.length === 0;
  // Blanks count 0 only under a blank_as_zero rule; otherwise a valid form has none.
  const sumOf = (items: TInstrumentItem[]) =>
    items.reduce((acc, item) => {
      const v = numeric(clean.get(item.id));
      return acc + (v == null ? 0 : itemScore(item, v));
    }, 0);

  const total = valid ? sumOf(scored) : null;
  const band = total == null ? null : bandFor(scoring.bands, total);
  const byId = new Map(def.items.map((i) => [i.id, i]));
  const subscales: TScoreResult['subscales'] = {};
  for (const sub of scoring.subscales) {
    const score = valid ? sumOf(sub.itemIds.map((id) => byId.get(id)!)) : null;
    const subBand = score == null ? null : bandFor(sub.bands, score);
    subscales[sub.id] = { score, band: subBand ? bandRef(subBand) : null };
  }
  const derived: Record<string, number> = {};
  if (total != null) for (const d of scoring.derived) derived[d.id] = total * d.multiplier;

  return {
    instrumentId: def.id,
    instrumentVersion: def.version,
    total,
    subscales,
    derived,
    band: band ? bandRef(band) : null,
    valid,
    invalidReasons: reasons,
    flags: ruleFlags(def, clean, total).sort(bySeverity),
  };
};

/** ASQ screen logic exactly as measures.md §7 / §15 state it; the gaps it leaves are resolved towards safety. */
const scoreAsq = (def: TInstrumentDefinition, cleaned: TCleaned): TScoreResult => {
  if (def.scoring.kind !== 'asq') throw new Error('scoreAsq needs the ASQ');
  const { clean, reasons } = cleaned;
  const { screenItemIds, acuityItemId, positiveValues, outcomes } = def.scoring;
  const outcome = (id: string) => {
    const o = outcomes.find((x) => x.id === id)!;
    return { id: o.id, label: o.label };
  };
  const flags: TFlag[] = [];
  const positives = screenItemIds.filter((id) => positiveValues.includes(clean.get(id) as TAnswerValue));
  const blanks = blankIds(screenItemIds, cleaned);
  const acuity = clean.get(acuityItemId);
  let band: TScoreResult['band'] = null;

  if (positives.length > 0) {
    if (acuity === 'yes') {
      band = outcome('acute_positive');
      flags.push({
        ruleId: 'asq_acute_positive',
        type: 'safety',
        severity: 'acute',
        itemIds: [...positives, acuityItemId],
        message: 'ASQ acute positive screen (imminent risk): urgent/STAT safety and full mental-health evaluation. The youth cannot leave and must not be left alone until evaluated. Give the resource list.',
      });
    } else if (acuity === 'no') {
      band = outcome('non_acute_positive');
      flags.push({
        ruleId: 'asq_non_acute_positive',
        type: 'safety',
        severity: 'non_acute',
        itemIds: positives,
        message: 'ASQ non-acute positive screen (potential risk): a trained clinician must complete a Brief Suicide Safety Assessment before the youth leaves. Give the resource list.',
      });
    } else {
      // measures.md has no rule for a refused or skipped acuity question: imminent risk is not ruled out, so acute.
      if (acuity === 'refused') band = outcome('positive_acuity_refused');
      else reasons.push({ code: 'acuity_not_answered', itemIds: [acuityItemId], message: 'Positive screen: question 5 (acuity) must be asked.' });
      flags.push({
        ruleId: 'asq_positive_acuity_unknown',
        type: 'safety',
        severity: 'acute',
        itemIds: [...positives, acuityItemId],
        message: 'ASQ positive screen with the acuity question refused or not asked: imminent risk cannot be ruled out — treat as acute until a clinician assesses. Give the resource list.',
      });
    }
  } else if (blanks.length > 0) {
    reasons.push({
      code: 'screen_incomplete',
      itemIds: blanks,
      message: `A negative screen needs "No" to questions 1–4; blank: ${blanks.join(', ')}.`,
    });
  } else if (acuity != null) {
    reasons.push({ code: 'acuity_not_applicable', itemIds: [acuityItemId], message: 'Question 5 is asked only after a positive answer to questions 1–4.' });
  } else {
    band = outcome('negative');
  }

  // A "Yes" to "thoughts of killing yourself right now" is never ignored, whatever else the form says.
  if (acuity === 'yes' && positives.length === 0) {
    flags.push({
      ruleId: 'asq_acuity_yes',
      type: 'safety',
      severity: 'acute',
      itemIds: [acuityItemId],
      message: 'ASQ question 5 answered "Yes" (thoughts of killing themself right now): urgent/STAT safety and full mental-health evaluation.',
    });
  }

  const valid = reasons.length === 0;
  return {
    instrumentId: def.id,
    instrumentVersion: def.version,
    total: null,
    subscales: {},
    derived: {},
    band: valid ? band : null,
    valid,
    invalidReasons: reasons,
    flags: flags.sort(bySeverity),
  };
};

/**
 * Scores one administration. Pure: the same answers always give the same result, so the preview endpoint and the
 * stored response agree. Answers are keyed by content id, never by position.
 */
export const scoreInstrument = (def: TInstrumentDefinition, answers: TAnswers): TScoreResult => {
  const cleaned = cleanAnswers(def, answers);
  return def.scoring.kind === 'asq' ? scoreAsq(def, cleaned) : scoreSum(def, cleaned);
};
