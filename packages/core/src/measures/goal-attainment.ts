import { z } from 'zod';

// Goal Attainment Scaling T-score, Kiresuk & Sherman (1968), with the corrected formula of the Turner-Stokes (2009)
// erratum (measures.md §17): T = 50 + 10·Σ(wᵢxᵢ) / √((1 − ρ)·Σwᵢ² + ρ·(Σwᵢ)²).

export const GAS_DEFAULT_RHO = 0.3;

export const ZGasGoalRating = z.object({
  /** −2 much less than expected … 0 expected … +2 much more than expected. */
  attainment: z.number().int().min(-2).max(2),
  /** Importance × difficulty or any positive weight; 1 when goals are unweighted. */
  weight: z.number().positive().default(1),
});

export const ZGasInput = z.object({
  goals: z.array(ZGasGoalRating).min(1),
  /** Assumed correlation between goal scores; 0.3 by convention. */
  rho: z.number().min(0).lt(1).default(GAS_DEFAULT_RHO),
});
export type TGasInput = z.input<typeof ZGasInput>;

export type TGasResult = {
  tScore: number;
  rho: number;
  weightedSum: number;
  denominator: number;
  formula: string;
};

export const gasTScore = (input: TGasInput): TGasResult => {
  const { goals, rho } = ZGasInput.parse(input);
  const weightedSum = goals.reduce((acc, g) => acc + g.weight * g.attainment, 0);
  const sumW = goals.reduce((acc, g) => acc + g.weight, 0);
  const sumW2 = goals.reduce((acc, g) => acc + g.weight * g.weight, 0);
  const denominator = Math.sqrt((1 - rho) * sumW2 + rho * sumW * sumW);
  return {
    tScore: 50 + (10 * weightedSum) / denominator,
    rho,
    weightedSum,
    denominator,
    formula: 'Kiresuk & Sherman 1968, Turner-Stokes 2009 erratum: T = 50 + 10·Σ(w·x) / √((1 − ρ)·Σw² + ρ·(Σw)²)',
  };
};
