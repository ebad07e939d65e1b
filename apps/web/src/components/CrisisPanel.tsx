import type { TCrisisResources } from '@mentorbridge/core';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { v1 } from '../api.ts';

/** The Massachusetts Behavioral Health Help Line (call or text, any hour). */
const MA_HELP_LINE = '833-773-2445';

const telOf = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, '')}`;

/**
 * Crisis resources one tap away on every youth screen: 911, 988 (call or text), the program's mobile crisis line
 * and the state help line, as links a phone dials directly. Given a youth, it loads their program's mobile crisis
 * number; the youth's own home passes the numbers it already has.
 */
export function CrisisPanel({ youthId, resources }: { youthId?: string; resources?: TCrisisResources }) {
  const { t } = useTranslation();
  const headingId = useId();
  const loaded = useQuery({
    queryKey: ['safety', 'youth', youthId ?? '', 'crisis'],
    queryFn: () => v1<TCrisisResources>(`/youth/${youthId}/crisis-resources`),
    enabled: Boolean(youthId) && !resources,
    staleTime: 5 * 60_000,
  });
  const r = resources ?? loaded.data;
  return (
    <details className="crisis-panel">
      <summary>
        <span id={headingId}>{t('safety.crisis.open')}</span>
      </summary>
      <div className="crisis-body" role="group" aria-labelledby={headingId}>
        <p>{t('safety.crisis.intro')}</p>
        <ul className="crisis-links">
          <li>
            <a className="button danger" href="tel:911">
              {t('safety.crisis.call911')}
            </a>
          </li>
          <li>
            <a className="button primary" href="tel:988">
              {t('safety.crisis.call988')}
            </a>
          </li>
          <li>
            <a className="button secondary" href="sms:988">
              {t('safety.crisis.text988')}
            </a>
          </li>
          {r?.mobileCrisisPhone ? (
            <li>
              <a className="button secondary" href={telOf(r.mobileCrisisPhone)}>
                {t('safety.crisis.mobileCrisis', { phone: r.mobileCrisisPhone })}
              </a>
            </li>
          ) : null}
          <li>
            <a className="button secondary" href={telOf(MA_HELP_LINE)}>
              {t('safety.crisis.helpLine', { phone: MA_HELP_LINE })}
            </a>
          </li>
        </ul>
      </div>
    </details>
  );
}
