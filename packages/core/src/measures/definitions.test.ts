import { describe, expect, it } from 'vitest';
import {
  criticalItemIds,
  sumRange,
  totalRange,
  type TBand,
  type TInstrumentDefinition,
  type TLocalizedText,
  ZInstrumentDefinition,
} from './definition.ts';
import {
  ALL_INSTRUMENTS,
  EMBEDDED_INSTRUMENTS,
  findEmbeddedInstrument,
  findInstrument,
  listInstruments,
  ZInstrumentSummary,
} from './instruments.ts';
import { LICENSED_SCORE_ENTRY_INSTRUMENTS, ZScoreEntryDefinition } from './licensed-instruments.ts';
import { GAD7 } from './gad7.ts';
import { PHQ9 } from './phq9.ts';
import { PHQ9_TEEN } from './phq9-teen.ts';
import { answersSchemaFor, scoreInstrument } from './score-instrument.ts';

/** Bands must cover every possible score exactly once. */
const expectTiling = (bands: readonly TBand[], range: { min: number; max: number }) => {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  expect(sorted[0]!.min).toBe(range.min);
  expect(sorted.at(-1)!.max).toBe(range.max);
  for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.min).toBe(sorted[i - 1]!.max + 1);
};

const texts = (def: TInstrumentDefinition): TLocalizedText[] => [
  def.title,
  def.shortTitle,
  def.instructions,
  ...(def.footer ? [def.footer] : []),
  ...def.items.flatMap((i) => [i.text, ...i.options.map((o) => o.label)]),
];

describe.each(EMBEDDED_INSTRUMENTS.map((d) => [d.id, d] as const))('embedded definition %s', (_id, def) => {
  it('parses against the definition schema', () => {
    expect(ZInstrumentDefinition.parse(def)).toEqual(def);
  });

  it('has unique content ids and display order 1..n in array order', () => {
    expect(new Set(def.items.map((i) => i.id)).size).toBe(def.items.length);
    expect(def.items.map((i) => i.order)).toEqual(def.items.map((_, i) => i + 1));
  });

  it('shows the required attribution and licence note', () => {
    expect(def.attribution.length).toBeGreaterThan(20);
    expect(def.licence.note).toMatch(/measures\.md §0/);
  });

  it('has text in every language it declares and none it does not (no invented translations)', () => {
    for (const t of texts(def)) {
      for (const lang of def.languages) expect(t[lang], `${def.id}: ${t.en}`).toBeTruthy();
      if (!def.languages.includes('es')) expect(t.es).toBeUndefined();
    }
  });

  it('has numeric options on every scored item', () => {
    for (const item of def.items.filter((i) => i.scored)) expect(item.options.every((o) => typeof o.value === 'number')).toBe(true);
  });

  it('refers only to its own items in subscales, flag rules and conditions', () => {
    const ids = new Set(def.items.map((i) => i.id));
    const referenced: string[] = [];
    if (def.scoring.kind === 'sum') def.scoring.subscales.forEach((s) => referenced.push(...s.itemIds));
    else referenced.push(...def.scoring.screenItemIds, def.scoring.acuityItemId);
    for (const rule of def.flagRules) {
      if ('itemId' in rule) referenced.push(rule.itemId);
      if ('itemIds' in rule) referenced.push(...rule.itemIds);
    }
    def.items.forEach((i) => referenced.push(...(i.showWhen?.anyOfItems ?? [])));
    for (const id of referenced) expect(ids.has(id), `${def.id} refers to ${id}`).toBe(true);
  });

  it('has bands that tile the total range and each subscale range', () => {
    if (def.scoring.kind !== 'sum') return;
    if (def.scoring.bands.length > 0) expectTiling(def.scoring.bands, totalRange(def)!);
    for (const sub of def.scoring.subscales) {
      const items = sub.itemIds.map((id) => def.items.find((i) => i.id === id)!);
      expectTiling(sub.bands, sumRange(items));
    }
  });

  it('has no reverse-scored items (all embedded instruments are keyed one way, measures.md)', () => {
    expect(def.items.filter((i) => i.reverseScored)).toEqual([]);
  });

  it('builds an answers schema that takes allowed values and blanks and refuses anything else', () => {
    const schema = answersSchemaFor(def);
    const first = def.items[0]!;
    expect(schema.safeParse({ [first.id]: first.options[0]!.value }).success).toBe(true);
    expect(schema.safeParse({ [first.id]: null }).success).toBe(true);
    expect(schema.safeParse({}).success).toBe(true);
    expect(schema.safeParse({ [first.id]: 99 }).success).toBe(false);
    expect(schema.safeParse({ [first.id]: 'maybe' }).success).toBe(false);
    expect(schema.safeParse({ not_an_item: 0 }).success).toBe(false);
  });
});

describe('instrument registry', () => {
  it('embeds exactly the instruments measures.md §0 allows', () => {
    expect(EMBEDDED_INSTRUMENTS.map((d) => d.id).sort()).toEqual(
      ['asq', 'gad2', 'gad7', 'phq2', 'phq9', 'phq9_teen', 'psc17', 'smfq_child', 'smfq_parent', 'who5'].sort(),
    );
  });

  it('keeps licensed-only instruments as score entry without any item text', () => {
    const ids = LICENSED_SCORE_ENTRY_INSTRUMENTS.map((d) => d.id);
    expect(ids).toEqual(
      expect.arrayContaining(['sdq_self', 'sdq_parent', 'sdq_teacher', 'rcads25_youth', 'rcads25_parent', 'cssrs_screener', 'swemwbs', 'ors', 'cors']),
    );
    for (const def of LICENSED_SCORE_ENTRY_INSTRUMENTS) {
      expect(ZScoreEntryDefinition.parse(def)).toEqual(def);
      expect(def).not.toHaveProperty('items');
      expect(def.licence.status).toBe('score_entry_only');
    }
  });

  it('has unique id@version keys and finds the latest version', () => {
    const keys = ALL_INSTRUMENTS.map((d) => `${d.id}@${d.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(findInstrument('phq9')?.version).toBe(1);
    expect(findInstrument('phq9', 1)).toBe(PHQ9);
    expect(findInstrument('phq9', 2)).toBeUndefined();
    expect(findInstrument('nope')).toBeUndefined();
    expect(findEmbeddedInstrument('sdq_parent')).toBeUndefined();
    expect(findEmbeddedInstrument('gad7')).toBe(GAD7);
  });

  it('lists every instrument once with its attribution', () => {
    const list = listInstruments();
    expect(list).toHaveLength(new Set(ALL_INSTRUMENTS.map((d) => d.id)).size);
    for (const s of list) expect(ZInstrumentSummary.parse(s)).toEqual(s);
    expect(list.find((s) => s.id === 'psc17')?.attribution).toMatch(/Jellinek & J\.M\. Murphy/);
    expect(list.find((s) => s.id === 'cssrs_screener')?.kind).toBe('score_entry');
  });
});

describe('content ids, not positions', () => {
  const order = (def: TInstrumentDefinition, id: string) => def.items.find((i) => i.id === id)?.order;

  it.each([
    ['anhedonia', 1, 2],
    ['depressed_mood', 2, 1],
    ['sleep', 3, 3],
    ['tiredness', 4, 5],
    ['appetite', 5, 4],
    ['self_harm_thoughts', 9, 9],
  ])('%s is adult item %i and teen item %i', (id, adult, teen) => {
    expect(order(PHQ9, id)).toBe(adult);
    expect(order(PHQ9_TEEN, id)).toBe(teen);
  });

  it('scores the same content the same on both forms', () => {
    const answers = {
      anhedonia: 3,
      depressed_mood: 0,
      sleep: 1,
      tiredness: 2,
      appetite: 0,
      self_worth: 1,
      concentration: 0,
      psychomotor: 0,
      self_harm_thoughts: 0,
    };
    expect(scoreInstrument(PHQ9, answers).total).toBe(7);
    expect(scoreInstrument(PHQ9_TEEN, answers).total).toBe(7);
  });

  it('has the teen extra yes/no items, unscored', () => {
    for (const id of ['past_year_depressed', 'past_month_suicidal_thoughts', 'lifetime_suicide_attempt']) {
      const item = PHQ9_TEEN.items.find((i) => i.id === id)!;
      expect(item.scored).toBe(false);
      expect(item.options.map((o) => o.value)).toEqual(['yes', 'no']);
    }
  });

  it('uses "Not at all" as the GAD-7 zero anchor, never "Not at all sure"', () => {
    for (const item of GAD7.items) expect(item.options.find((o) => o.value === 0)?.label.en).toBe('Not at all');
  });
});

describe('critical items', () => {
  it.each([
    ['phq9', ['self_harm_thoughts']],
    ['phq9_teen', ['self_harm_thoughts', 'past_month_suicidal_thoughts', 'lifetime_suicide_attempt']],
    ['asq', ['wished_dead', 'family_better_off_dead', 'thoughts_of_killing_self', 'ever_tried', 'thoughts_right_now']],
    ['phq2', []],
    ['gad7', []],
    ['gad2', []],
    ['psc17', []],
    ['smfq_child', []],
    ['smfq_parent', []],
    ['who5', []],
  ])('%s → %j', (id, expected) => {
    expect(criticalItemIds(findEmbeddedInstrument(id)!).sort()).toEqual([...expected].sort());
  });
});
