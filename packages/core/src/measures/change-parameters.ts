import {
  reliableChange,
  type TClinicalCutoff,
  type TDirection,
  type TRciParameters,
  type TReliableChange,
} from './reliable-change.ts';

// Published inputs for change statistics per instrument and score (measures.md §16 table). Where measures.md has
// no SD (PHQ-9, SMFQ) there is no preset: an RCI needs an SD the program supplies and records.

export type TRciPreset = TRciParameters & { id: string; label: string };

export type TScoreChangeParameters = {
  presets: TRciPreset[];
  cutoff: TClinicalCutoff | null;
  /** Ready-made thresholds from the literature, shown beside the J&T result, never mixed into it. */
  publishedAlternatives: string[];
};

export type TInstrumentChangeParameters = {
  direction: TDirection;
  /** 'total' or a subscale id. */
  scores: Record<string, TScoreChangeParameters>;
};

const PHQ9_TOTAL: TScoreChangeParameters = {
  presets: [],
  cutoff: { value: 10, kind: 'caseness', source: 'NHS IAPT caseness PHQ-9 > 9 (NCT05134103; measures.md §1)' },
  publishedAlternatives: [
    'Reliability α .89 (Kroenke 2001, secondary); population SD not retrieved ⚠ — supply the SD used.',
    'Individual MCID 5 points (Löwe 2004).',
    'NHS IAPT reliable improvement: a drop of 6 or more points.',
  ],
};

const psc = (id: string, label: string, sd: number, alpha: number, alphaText: string): TRciPreset => ({
  id,
  label,
  sd,
  reliability: alpha,
  reliabilityKind: 'cronbach_alpha',
  source: `SD ${sd}: Stoppelbein 2012 non-clinical norms, n=322, 6–16 y (secondary, novopsych); α ${alphaText}: Gardner 1999 (secondary) — measures.md §4, §16`,
});

const PSC_NOTE = 'Cut-off is the PSC-17 screening cut-off, not a J&T-derived c (measures.md §16).';

export const CHANGE_PARAMETERS: Record<string, TInstrumentChangeParameters> = {
  phq9: { direction: 'lower_is_better', scores: { total: PHQ9_TOTAL } },
  phq9_teen: { direction: 'lower_is_better', scores: { total: PHQ9_TOTAL } },
  phq2: { direction: 'lower_is_better', scores: {} },
  gad7: {
    direction: 'lower_is_better',
    scores: {
      total: {
        presets: [
          {
            id: 'general_population_women',
            label: 'German general population, women (Löwe 2008)',
            sd: 3.5,
            reliability: 0.89,
            reliabilityKind: 'cronbach_alpha',
            source: 'SD 3.5 (women) and α .89: Löwe et al. 2008, n=5,030 German general population — measures.md §3, §16',
          },
          {
            id: 'general_population_men',
            label: 'German general population, men (Löwe 2008)',
            sd: 3.2,
            reliability: 0.89,
            reliabilityKind: 'cronbach_alpha',
            source: 'SD 3.2 (men) and α .89: Löwe et al. 2008, n=5,030 German general population — measures.md §3, §16',
          },
        ],
        cutoff: { value: 8, kind: 'caseness', source: 'NHS IAPT caseness GAD-7 > 7 (NCT05134103; measures.md §3)' },
        publishedAlternatives: ['NHS IAPT reliable improvement: a drop of 4 or more points.'],
      },
    },
  },
  gad2: { direction: 'lower_is_better', scores: {} },
  psc17: {
    direction: 'lower_is_better',
    scores: {
      total: {
        presets: [psc('stoppelbein_2012', 'Non-clinical norms (Stoppelbein 2012)', 5.62, 0.89, '.89')],
        cutoff: { value: 15, kind: 'screening', source: `PSC-17 total ≥ 15. ${PSC_NOTE}` },
        publishedAlternatives: [],
      },
      internalizing: {
        presets: [psc('stoppelbein_2012', 'Non-clinical norms (Stoppelbein 2012)', 1.71, 0.79, '.79')],
        cutoff: { value: 5, kind: 'screening', source: `Internalizing ≥ 5. ${PSC_NOTE}` },
        publishedAlternatives: [],
      },
      attention: {
        presets: [psc('stoppelbein_2012', 'Non-clinical norms (Stoppelbein 2012)', 2.43, 0.83, '.83')],
        cutoff: { value: 7, kind: 'screening', source: `Attention ≥ 7. ${PSC_NOTE}` },
        publishedAlternatives: [],
      },
      externalizing: {
        presets: [psc('stoppelbein_2012', 'Non-clinical norms (Stoppelbein 2012)', 2.78, 0.83, '.83')],
        cutoff: { value: 7, kind: 'screening', source: `Externalizing ≥ 7. ${PSC_NOTE}` },
        publishedAlternatives: [],
      },
    },
  },
  smfq_child: {
    direction: 'lower_is_better',
    scores: {
      total: {
        presets: [],
        cutoff: null,
        publishedAlternatives: ['Reliability α .85 (Angold 1995, secondary); normative SD not retrieved ⚠ — supply the SD used.'],
      },
    },
  },
  smfq_parent: {
    direction: 'lower_is_better',
    scores: {
      total: {
        presets: [],
        cutoff: null,
        publishedAlternatives: ['Reliability α .87 (Angold 1995, secondary); normative SD not retrieved ⚠ — supply the SD used.'],
      },
    },
  },
  who5: {
    direction: 'higher_is_better',
    scores: {
      total: {
        presets: [],
        cutoff: { value: 13, kind: 'screening', source: 'WHO-5 raw < 13 = poor well-being (measures.md §6)' },
        publishedAlternatives: ['A 10% difference in the percentage score indicates a significant change (Valant, secondary).'],
      },
    },
  },
  asq: { direction: 'lower_is_better', scores: {} },
};

/**
 * RCI for an instrument score using one of its published presets; undefined when measures.md has no such preset
 * (then call reliableChange with the SD and reliability the program chooses, which are returned with the result).
 */
export const reliableChangeFor = (
  instrumentId: string,
  scoreId: string,
  presetId: string,
  pre: number,
  post: number,
): TReliableChange | undefined => {
  const instrument = CHANGE_PARAMETERS[instrumentId];
  const score = instrument?.scores[scoreId];
  const preset = score?.presets.find((p) => p.id === presetId);
  if (!instrument || !score || !preset) return undefined;
  const { sd, reliability, reliabilityKind, source } = preset;
  const parameters = { sd, reliability, reliabilityKind, source };
  return reliableChange({ pre, post, direction: instrument.direction, parameters, cutoff: score.cutoff });
};
