import {
  bandRef,
  findInstrument,
  formOfInstrument,
  formOfSurvey,
  instrumentKey,
  listInstruments,
  programSurveyAnswersSchemaFor,
  answersSchemaFor,
  scoreEntryScoresSchemaFor,
  evaluateScoreEntry,
  scoreInstrument,
  scoreProgramSurvey,
  sumRange,
  totalRange,
  type TAnswers,
  type TBand,
  type TInstrumentCatalogItem,
  type TInstrumentDefinition,
  type TInstrumentDetail,
  type TLanguage,
  type TLocalizedText,
  type TMeasureForm,
  type TProgramSurveyDefinition,
  type TScoreEntryDefinition,
  type TScoreResult,
  type TBandRef,
} from '@mentorbridge/core';
import { and, desc, eq, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { programSurvey } from '../../db/schema-measures.ts';
import { AppError, badRequest } from '../../http/errors.ts';

/** Any instrument a response can be recorded against: the core library's, or the organization's own survey. */
export type ResolvedInstrument =
  | { kind: 'embedded'; def: TInstrumentDefinition }
  | { kind: 'score_entry'; def: TScoreEntryDefinition }
  | { kind: 'program_survey'; def: TProgramSurveyDefinition; programId: string | null; active: boolean };

const instrumentNotFound = () => new AppError(404, 'NOT_FOUND', 'Instrument not found');

type SurveyRow = typeof programSurvey.$inferSelect;
const fromSurvey = (r: SurveyRow): ResolvedInstrument => ({ kind: 'program_survey', def: r.definition, programId: r.programId, active: r.active });

/**
 * An instrument by id (and version, else the latest). A program survey must belong to the organization and, when a
 * youth's program is given, to that program or to every program.
 */
export const resolveInstrument = async (
  db: Db | Tx,
  organizationId: string,
  id: string,
  opts: { version?: number; programId?: string } = {},
): Promise<ResolvedInstrument> => {
  const core = findInstrument(id, opts.version);
  if (core) return core.kind === 'embedded' ? { kind: 'embedded', def: core } : { kind: 'score_entry', def: core };
  const rows = await db
    .select()
    .from(programSurvey)
    .where(
      and(
        eq(programSurvey.organizationId, organizationId),
        eq(programSurvey.instrumentId, id),
        opts.version ? eq(programSurvey.version, opts.version) : undefined,
        opts.programId ? or(isNull(programSurvey.programId), eq(programSurvey.programId, opts.programId)) : undefined,
      ),
    )
    .orderBy(desc(programSurvey.version))
    .limit(1);
  if (!rows[0]) throw instrumentNotFound();
  return fromSurvey(rows[0]);
};

export const titleOf = (r: ResolvedInstrument): TLocalizedText => r.def.title;

const shortTitleOf = (r: ResolvedInstrument): TLocalizedText => (r.kind === 'program_survey' ? r.def.title : r.def.shortTitle);

export const summaryOf = (r: ResolvedInstrument): TInstrumentCatalogItem => {
  if (r.kind === 'program_survey') {
    return {
      key: instrumentKey(r.def),
      id: r.def.id,
      version: r.def.version,
      kind: 'program_survey',
      title: r.def.title,
      shortTitle: shortTitleOf(r),
      respondent: r.def.respondent,
      languages: formOfSurvey(r.def).languages,
      attribution: null,
      licenceNote: null,
      programId: r.programId,
    };
  }
  return {
    key: instrumentKey(r.def),
    id: r.def.id,
    version: r.def.version,
    kind: r.kind,
    title: r.def.title,
    shortTitle: r.def.shortTitle,
    respondent: r.def.respondent,
    languages: r.def.languages,
    attribution: r.def.attribution,
    licenceNote: r.def.licence.note,
    programId: null,
  };
};

/** The library's instruments and the organization's active program surveys. */
export const listCatalog = async (db: Db, organizationId: string): Promise<TInstrumentCatalogItem[]> => {
  const core = listInstruments().map((s) => summaryOf(resolveCore(s.id)));
  const surveys = await db
    .select()
    .from(programSurvey)
    .where(and(eq(programSurvey.organizationId, organizationId), eq(programSurvey.active, true)))
    .orderBy(programSurvey.instrumentId, desc(programSurvey.version));
  const latest = new Map<string, SurveyRow>();
  for (const s of surveys) if (!latest.has(s.instrumentId)) latest.set(s.instrumentId, s);
  return [...core, ...[...latest.values()].map((s) => summaryOf(fromSurvey(s)))];
};

const resolveCore = (id: string): ResolvedInstrument => {
  const def = findInstrument(id)!;
  return def.kind === 'embedded' ? { kind: 'embedded', def } : { kind: 'score_entry', def };
};

/** What a client needs to render an answerable form, or the score fields of a licensed one. */
export const formOf = (r: ResolvedInstrument): TMeasureForm | null =>
  r.kind === 'embedded' ? formOfInstrument(r.def) : r.kind === 'program_survey' ? formOfSurvey(r.def) : null;

/** Bands of a score ('total' or a subscale id), for chart shading. */
export const bandsOf = (r: ResolvedInstrument, score = 'total'): TBand[] => {
  if (r.kind === 'embedded') {
    if (r.def.scoring.kind !== 'sum') return [];
    if (score === 'total') return r.def.scoring.bands;
    return r.def.scoring.subscales.find((s) => s.id === score)?.bands ?? [];
  }
  if (r.kind === 'score_entry') {
    const fieldId = score === 'total' ? r.def.totalFieldId : score;
    const field = r.def.fields.find((f) => f.id === fieldId);
    return field?.kind === 'number' ? field.bands : [];
  }
  return [];
};

/** The possible range of a score, for the chart's axis. */
export const rangeOf = (r: ResolvedInstrument, score = 'total'): { min: number; max: number } | null => {
  if (r.kind === 'embedded') {
    if (score === 'total') return totalRange(r.def);
    if (r.def.scoring.kind !== 'sum') return null;
    const sub = r.def.scoring.subscales.find((s) => s.id === score);
    return sub ? sumRange(r.def.items.filter((i) => sub.itemIds.includes(i.id))) : null;
  }
  if (r.kind === 'score_entry') {
    const field = r.def.fields.find((f) => f.id === (score === 'total' ? r.def.totalFieldId : score));
    return field?.kind === 'number' ? { min: field.min, max: field.max } : null;
  }
  if (score !== 'total') return null;
  const lo = r.def.items.reduce((a, i) => a + i.min, 0);
  const hi = r.def.items.reduce((a, i) => a + i.max, 0);
  return r.def.total === 'sum'
    ? { min: lo, max: hi }
    : { min: Math.min(...r.def.items.map((i) => i.min)), max: Math.max(...r.def.items.map((i) => i.max)) };
};

export const detailOf = (r: ResolvedInstrument): TInstrumentDetail => ({
  summary: summaryOf(r),
  form: formOf(r),
  scoreEntryFields: r.kind === 'score_entry' ? r.def.fields : null,
  bands: bandsOf(r),
  citation: r.kind === 'program_survey' ? null : r.def.citation,
  ageNote: r.kind === 'program_survey' ? null : r.def.ageNote,
  scoringNotes: r.kind === 'program_survey' ? [] : r.def.scoringNotes,
});

/** Languages the instrument's own text exists in (never our own clinical translation). */
export const languagesOf = (r: ResolvedInstrument): TLanguage[] => summaryOf(r).languages;

export type AnswersInput = Record<string, string | number | null>;

/** Scores any instrument; pure, so the preview and the stored response agree. */
export const scoreWith = (r: ResolvedInstrument, answers: AnswersInput): TScoreResult => {
  if (r.kind === 'embedded') return scoreInstrument(r.def, answers as TAnswers);
  if (r.kind === 'score_entry') return evaluateScoreEntry(r.def, answers);
  return scoreProgramSurvey(r.def, answers as Record<string, number | null>);
};

const schemaOf = (r: ResolvedInstrument): z.ZodType =>
  r.kind === 'embedded'
    ? answersSchemaFor(r.def)
    : r.kind === 'score_entry'
      ? scoreEntryScoresSchemaFor(r.def)
      : programSurveyAnswersSchemaFor(r.def);

/** Refuses answers a stored response must not hold, naming each field (`answers.<item id>`). */
export const assertAnswers = (r: ResolvedInstrument, answers: AnswersInput) => {
  const parsed = schemaOf(r).safeParse(answers);
  if (parsed.success) return;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') for (const k of issue.keys) fields[`answers.${k}`] = `Not an item of ${r.def.id}`;
    else fields[`answers.${issue.path.join('.')}`] ??= issue.message;
  }
  throw badRequest(fields, 'Some answers are not allowed for this instrument');
};

/** The band of a stored response, looked up again from its definition (only the band id is stored). */
export const bandById = (r: ResolvedInstrument, bandId: string | null, score = 'total'): TBandRef | null => {
  if (!bandId) return null;
  const band = bandsOf(r, score).find((b) => b.id === bandId);
  if (band) return bandRef(band);
  if (r.kind === 'embedded' && r.def.scoring.kind === 'asq') {
    const o = r.def.scoring.outcomes.find((x) => x.id === bandId);
    if (o) return { id: o.id, label: o.label };
  }
  if (r.kind === 'score_entry') {
    for (const f of r.def.fields) {
      if (f.kind !== 'choice' || f.id !== r.def.bandFieldId) continue;
      const o = f.options.find((x) => x.value === bandId);
      if (o) return { id: o.value, label: o.label };
    }
  }
  return { id: bandId, label: { en: bandId } };
};
