import type { TLanguage, TMeasureResponse, TYouth } from '@mentorbridge/core';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, v1 } from '../../api.ts';
import { FormError, Loading, QueryError } from '../../components/feedback.tsx';
import { Checkbox, SelectField, TextField } from '../../components/fields.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { usePermissions } from '../../session.tsx';
import { AdministerNow, EnterScores, InviteForm, SavedScore } from './AdministerForms.tsx';
import { GasSummaryPanel } from './GasSummaryPanel.tsx';
import { textIn } from './MeasureForm.tsx';
import { useAdministrations, useInstruments, useRefreshMeasures, useResponses, useTrajectory } from './queries.ts';
import { TrajectoryChart } from './TrajectoryChart.tsx';

type Panel = 'administer' | 'scores' | 'invite' | null;

/** A youth's measures: administer, enter licensed scores, send self-report links, responses and change over time. */
export function MeasuresSection({ youth }: { youth: TYouth }) {
  const { t, i18n } = useTranslation();
  const { can } = usePermissions();
  const lang: TLanguage = i18n.language === 'es' ? 'es' : 'en';
  const canWrite = can('measure.write');
  const responses = useResponses(youth.id);
  const instruments = useInstruments();
  const [panel, setPanel] = useState<Panel>(null);
  const [saved, setSaved] = useState<TMeasureResponse | null>(null);
  if (isApiError(responses.error, 'FORBIDDEN')) return null;

  const toggle = (p: Panel) => {
    setSaved(null);
    setPanel(panel === p ? null : p);
  };
  const done = (r: TMeasureResponse) => {
    setSaved(r);
    setPanel(null);
  };
  return (
    <section className="card" aria-labelledby="measures-heading" id="measures">
      <div className="section-head">
        <h2 id="measures-heading">{t('measures.title')}</h2>
      </div>
      {canWrite && instruments.data ? (
        <div className="actions">
          <button type="button" className="button secondary" aria-expanded={panel === 'administer'} onClick={() => toggle('administer')}>
            {t('measures.administer.open')}
          </button>
          <button type="button" className="button secondary" aria-expanded={panel === 'scores'} onClick={() => toggle('scores')}>
            {t('measures.scores.open')}
          </button>
          <button type="button" className="button secondary" aria-expanded={panel === 'invite'} onClick={() => toggle('invite')}>
            {t('measures.invite.open')}
          </button>
        </div>
      ) : null}
      {saved ? <SavedScore response={saved} lang={lang} /> : null}
      {panel === 'administer' && instruments.data ? <AdministerNow youthId={youth.id} instruments={instruments.data} onDone={done} /> : null}
      {panel === 'scores' && instruments.data ? <EnterScores youthId={youth.id} instruments={instruments.data} onDone={done} /> : null}
      {panel === 'invite' && instruments.data ? <InviteForm youthId={youth.id} instruments={instruments.data} /> : null}

      {responses.isPending ? <Loading /> : null}
      {responses.error ? <QueryError error={responses.error} retry={() => void responses.refetch()} /> : null}
      {responses.data ? (
        <>
          <ResponsesTable items={responses.data.items} lang={lang} />
          <Trend youthId={youth.id} items={responses.data.items} lang={lang} />
          {can('measure.privacy') ? <PrivacySetting youthId={youth.id} shared={responses.data.shareAnswersWithGuardian} /> : null}
        </>
      ) : null}
      {canWrite ? <Invitations youthId={youth.id} lang={lang} /> : null}
      {can('goal.read') ? <GasSummaryPanel youthId={youth.id} /> : null}
    </section>
  );
}

function ResponsesTable({ items, lang }: { items: TMeasureResponse[]; lang: TLanguage }) {
  const { t } = useTranslation();
  const id = useId();
  if (items.length === 0) return <p>{t('measures.responses.none')}</p>;
  return (
    <ScrollTable labelledBy={id}>
      <table>
        <caption id={id}>{t('measures.responses.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('measures.responses.date')}</th>
            <th scope="col">{t('measures.instrument')}</th>
            <th scope="col">{t('measures.responses.by')}</th>
            <th scope="col">{t('measures.responses.score')}</th>
            <th scope="col">{t('measures.responses.result')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <td>{formatDate(r.administeredOn)}</td>
              <td>{textIn(r.instrumentTitle, lang)}</td>
              <td>
                {t(`measures.respondent.${r.respondent}`)} · {t(`measures.mode.${r.mode}`)}
              </td>
              <td>{r.total == null ? '—' : formatNumber(r.total)}</td>
              <td>
                {r.valid ? (r.band ? textIn(r.band.label, lang) : '—') : t('measures.responses.invalid')}
                {r.flags.some((f) => f.type === 'safety') ? <span className="badge badge-warning"> {t('measures.responses.safety')}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function Trend({ youthId, items, lang }: { youthId: string; items: TMeasureResponse[]; lang: TLanguage }) {
  const { t } = useTranslation();
  const withScores = [...new Map(items.filter((i) => i.total != null).map((i) => [i.instrumentId, i])).values()];
  const [chosen, setChosen] = useState<string | null>(null);
  const [sd, setSd] = useState('');
  const [reliability, setReliability] = useState('');
  const instrument = chosen ?? withScores[0]?.instrumentId ?? null;
  const both = sd.trim() !== '' && reliability.trim() !== '';
  const trend = useTrajectory(youthId, instrument, both ? sd : '', both ? reliability : '');
  if (withScores.length === 0) return null;
  const c = trend.data?.change;
  return (
    <div className="trend" aria-labelledby="trend-heading">
      <h3 id="trend-heading">{t('measures.trajectory.title')}</h3>
      <SelectField
        id="trend-instrument"
        label={t('measures.instrument')}
        value={instrument ?? ''}
        onChange={setChosen}
        options={withScores.map((r) => ({ value: r.instrumentId, label: textIn(r.instrumentTitle, lang) }))}
      />
      {trend.isPending ? <Loading /> : null}
      {trend.error ? <QueryError error={trend.error} /> : null}
      {trend.data ? (
        <div className="trend-body">
          <TrajectoryChart data={trend.data} lang={lang} />
          <div className="change-stats">
            <h4>{t('measures.change.title')}</h4>
            {c ? (
              <dl className="details compact">
                <div>
                  <dt>{t('measures.change.category')}</dt>
                  <dd>
                    <strong>{t(`measures.change.categories.${c.category}`)}</strong>
                  </dd>
                </div>
                <div>
                  <dt>{t('measures.change.scores')}</dt>
                  <dd>{t('measures.change.fromTo', { pre: formatNumber(c.pre), post: formatNumber(c.post), preOn: formatDate(c.preOn), postOn: formatDate(c.postOn) })}</dd>
                </div>
                <div>
                  <dt>{t('measures.change.rci')}</dt>
                  <dd>
                    {c.rci.toFixed(2)} ({t(c.reliable ? 'measures.change.reliable' : 'measures.change.notReliable')})
                  </dd>
                </div>
                <div>
                  <dt>{t('measures.change.sd')}</dt>
                  <dd>{formatNumber(c.sd)}</dd>
                </div>
                <div>
                  <dt>{t('measures.change.reliability')}</dt>
                  <dd>{formatNumber(c.reliability)}</dd>
                </div>
                <div>
                  <dt>{t('measures.change.cutoff')}</dt>
                  <dd>{c.cutoff ? `${formatNumber(c.cutoff.value)} — ${c.cutoff.source}` : t('measures.change.noCutoff')}</dd>
                </div>
                <div>
                  <dt>{t('measures.change.source')}</dt>
                  <dd>{c.parametersSource}</dd>
                </div>
              </dl>
            ) : (
              <p>{t(`measures.change.unavailable.${trend.data.changeUnavailable ?? 'too_few_points'}`)}</p>
            )}
            {trend.data.changeUnavailable === 'no_parameters' || both ? (
              <div className="inline-fields">
                <TextField id="trend-sd" type="number" inputMode="numeric" label={t('measures.change.sdInput')} value={sd} onChange={setSd} min={0} />
                <TextField
                  id="trend-reliability"
                  type="number"
                  inputMode="numeric"
                  label={t('measures.change.reliabilityInput')}
                  value={reliability}
                  onChange={setReliability}
                  min={0}
                  max={0.99}
                />
              </div>
            ) : null}
            {trend.data.publishedAlternatives.length > 0 ? (
              <ul className="hint">
                {trend.data.publishedAlternatives.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}

function PrivacySetting({ youthId, shared }: { youthId: string; shared: boolean }) {
  const { t } = useTranslation();
  const refresh = useRefreshMeasures(youthId);
  const save = useMutation({
    mutationFn: (on: boolean) => v1(`/youth/${youthId}/measures/privacy`, { method: 'PUT', body: { shareAnswersWithGuardian: on } }),
    onSuccess: () => void refresh(),
  });
  return (
    <div className="privacy-setting">
      <Checkbox
        id="measures-share"
        label={t('measures.privacy.label')}
        hint={t('measures.privacy.hint')}
        checked={save.isPending ? Boolean(save.variables) : shared}
        onChange={(on) => save.mutate(on)}
      />
      <FormError error={save.error} />
    </div>
  );
}

function Invitations({ youthId, lang }: { youthId: string; lang: TLanguage }) {
  const { t } = useTranslation();
  const id = useId();
  const list = useAdministrations(youthId, true);
  const refresh = useRefreshMeasures(youthId);
  const cancel = useMutation({
    mutationFn: (administrationId: string) => v1(`/administrations/${administrationId}/cancel`, { method: 'POST' }),
    onSuccess: () => void refresh(),
  });
  if (!list.data || list.data.length === 0) return null;
  return (
    <>
      <ScrollTable labelledBy={id}>
        <table>
          <caption id={id}>{t('measures.invitations.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('measures.instrument')}</th>
              <th scope="col">{t('measures.invitations.kind')}</th>
              <th scope="col">{t('measures.invitations.status')}</th>
              <th scope="col">{t('measures.invitations.expires')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('measures.invitations.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((a) => (
              <tr key={a.id}>
                <td>{textIn(a.instrumentTitle, lang)}</td>
                <td>
                  {t(`measures.mode.${a.mode}`)} · {t(`measures.respondent.${a.respondent}`)}
                </td>
                <td>{t(`measures.invitations.statuses.${a.status}`)}</td>
                <td>{formatDate(a.expiresAt)}</td>
                <td>
                  {a.status === 'open' ? (
                    <button type="button" className="button secondary small" disabled={cancel.isPending} onClick={() => cancel.mutate(a.id)}>
                      {t('measures.invitations.cancel')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <FormError error={cancel.error} />
    </>
  );
}
