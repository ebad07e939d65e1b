import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format.ts';
import { useGas } from './queries.ts';

const level = (n: number) => (n > 0 ? `+${n}` : String(n));

/** Goal Attainment Scaling T-score over the youth's goals with GAS levels (50 = goals met as expected). */
export function GasSummaryPanel({ youthId }: { youthId: string }) {
  const { t } = useTranslation();
  const gas = useGas(youthId);
  if (!gas.data || gas.data.goals.length === 0) return null;
  const g = gas.data;
  return (
    <div className="gas-summary" aria-labelledby="gas-heading">
      <h3 id="gas-heading">{t('measures.gas.title')}</h3>
      <p>
        {g.tScore == null ? t('measures.gas.noRatings') : t('measures.gas.tScore', { score: formatNumber(Math.round(g.tScore * 10) / 10) })}{' '}
        <span className="hint">{t('measures.gas.rho', { rho: g.rho })}</span>
      </p>
      <ul>
        {g.goals.map((goal) => (
          <li key={goal.goalId}>
            {goal.title}: {goal.attainment == null ? t('measures.gas.notRated') : level(goal.attainment)}
            {goal.weight !== 1 ? ` (${t('measures.gas.weight', { weight: goal.weight })})` : null}
          </li>
        ))}
      </ul>
      <p className="hint">{g.formula}</p>
    </div>
  );
}
