import type { TLanguage, TTrajectory } from '@mentorbridge/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { textIn } from './MeasureForm.tsx';

const W = 320;
const H = 180;
const PAD = { l: 32, r: 8, t: 8, b: 24 };
const BAND_FILLS = ['band-0', 'band-1', 'band-2', 'band-3', 'band-4', 'band-5'];

/** Scores over time on an SVG with the instrument's bands shaded, and the same numbers as a table. */
export function TrajectoryChart({ data, lang }: { data: TTrajectory; lang: TLanguage }) {
  const { t } = useTranslation();
  const tableId = useId();
  const points = data.points;
  const min = data.range?.min ?? Math.min(0, ...points.map((p) => p.score));
  const max = data.range?.max ?? Math.max(1, ...points.map((p) => p.score));
  const y = (v: number) => PAD.t + (H - PAD.t - PAD.b) * (1 - (v - min) / (max - min || 1));
  const times = points.map((p) => Date.parse(p.administeredOn));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x = (ms: number) => (t1 === t0 ? (PAD.l + W - PAD.r) / 2 : PAD.l + ((W - PAD.l - PAD.r) * (ms - t0)) / (t1 - t0));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(times[i]!).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const title = textIn(data.title, lang);
  return (
    <figure className="trajectory">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('measures.trajectory.chartLabel', { title, count: points.length })}>
        {data.bands.map((b, i) => {
          const top = y(Math.min(max, b.max + 0.5));
          const bottom = y(Math.max(min, b.min - 0.5));
          return (
            <g key={b.id}>
              <rect
                className={BAND_FILLS[i % BAND_FILLS.length]}
                x={PAD.l}
                y={top}
                width={W - PAD.l - PAD.r}
                height={Math.max(0, bottom - top)}
              />
              <text className="band-label" x={W - PAD.r - 2} y={top + 10} textAnchor="end">
                {textIn(b.label, lang)}
              </text>
            </g>
          );
        })}
        <line className="axis" x1={PAD.l} x2={PAD.l} y1={PAD.t} y2={H - PAD.b} />
        <line className="axis" x1={PAD.l} x2={W - PAD.r} y1={H - PAD.b} y2={H - PAD.b} />
        <text className="tick" x={PAD.l - 4} y={y(max) + 4} textAnchor="end">
          {max}
        </text>
        <text className="tick" x={PAD.l - 4} y={y(min)} textAnchor="end">
          {min}
        </text>
        {points.length > 1 ? <path className="line" d={path} /> : null}
        {points.map((p, i) => (
          <circle key={p.responseId} className="point" cx={x(times[i]!)} cy={y(p.score)} r={4} />
        ))}
        {points.length > 0 ? (
          <>
            <text className="tick" x={PAD.l} y={H - 6}>
              {formatDate(points[0]!.administeredOn, 'short')}
            </text>
            <text className="tick" x={W - PAD.r} y={H - 6} textAnchor="end">
              {formatDate(points[points.length - 1]!.administeredOn, 'short')}
            </text>
          </>
        ) : null}
      </svg>
      <figcaption className="visually-hidden">{title}</figcaption>
      <ScrollTable labelledBy={tableId}>
        <table>
          <caption id={tableId}>{t('measures.trajectory.tableCaption', { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('measures.trajectory.date')}</th>
              <th scope="col">{t('measures.trajectory.score')}</th>
              <th scope="col">{t('measures.trajectory.band')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.responseId}>
                <td>{formatDate(p.administeredOn)}</td>
                <td>{formatNumber(p.score)}</td>
                <td>{p.band ? textIn(p.band.label, lang) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </figure>
  );
}
