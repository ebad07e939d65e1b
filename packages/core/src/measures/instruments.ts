import { z } from 'zod';
import { instrumentKey, type TInstrumentDefinition, ZLanguage, ZLocalizedText, ZRespondent } from './definition.ts';
import { ASQ } from './asq.ts';
import { GAD2 } from './gad2.ts';
import { GAD7 } from './gad7.ts';
import { LICENSED_SCORE_ENTRY_INSTRUMENTS, type TScoreEntryDefinition } from './licensed-instruments.ts';
import { PHQ2 } from './phq2.ts';
import { PHQ9 } from './phq9.ts';
import { PHQ9_TEEN } from './phq9-teen.ts';
import { PSC17 } from './psc17.ts';
import { SMFQ_CHILD, SMFQ_PARENT } from './smfq.ts';
import { WHO5 } from './who5.ts';

/**
 * Every embedded instrument version. A new version is added beside the old one, never edited in place: stored
 * responses keep the version they were scored under.
 */
export const EMBEDDED_INSTRUMENTS: readonly TInstrumentDefinition[] = [
  PHQ9,
  PHQ9_TEEN,
  PHQ2,
  GAD7,
  GAD2,
  PSC17,
  SMFQ_CHILD,
  SMFQ_PARENT,
  WHO5,
  ASQ,
];

export type TAnyInstrumentDefinition = TInstrumentDefinition | TScoreEntryDefinition;

export const ALL_INSTRUMENTS: readonly TAnyInstrumentDefinition[] = [...EMBEDDED_INSTRUMENTS, ...LICENSED_SCORE_ENTRY_INSTRUMENTS];

/** A version, or the latest one when no version is given; undefined when there is no such instrument. */
export const findInstrument = (id: string, version?: number): TAnyInstrumentDefinition | undefined => {
  const matches = ALL_INSTRUMENTS.filter((d) => d.id === id && (version == null || d.version === version));
  return matches.sort((a, b) => b.version - a.version)[0];
};

export const findEmbeddedInstrument = (id: string, version?: number): TInstrumentDefinition | undefined => {
  const def = findInstrument(id, version);
  return def?.kind === 'embedded' ? def : undefined;
};

/** What the instrument list shows: enough to choose one and credit it, no items. */
export const ZInstrumentSummary = z.object({
  key: z.string(),
  id: z.string(),
  version: z.number().int(),
  kind: z.enum(['embedded', 'score_entry']),
  title: ZLocalizedText,
  shortTitle: ZLocalizedText,
  respondent: ZRespondent,
  languages: z.array(ZLanguage),
  attribution: z.string(),
  licenceNote: z.string(),
});
export type TInstrumentSummary = z.infer<typeof ZInstrumentSummary>;

export const instrumentSummary = (def: TAnyInstrumentDefinition): TInstrumentSummary => ({
  key: instrumentKey(def),
  id: def.id,
  version: def.version,
  kind: def.kind,
  title: def.title,
  shortTitle: def.shortTitle,
  respondent: def.respondent,
  languages: def.languages,
  attribution: def.attribution,
  licenceNote: def.licence.note,
});

/** The latest version of each instrument. */
export const listInstruments = (): TInstrumentSummary[] =>
  [...new Set(ALL_INSTRUMENTS.map((d) => d.id))].map((id) => instrumentSummary(findInstrument(id)!));
