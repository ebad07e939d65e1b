import type { TYouth } from '@mentorbridge/core';
import { usePermissions } from '../../session.tsx';
import { GoalsSection } from './GoalsSection.tsx';
import { HubContactsSection } from './HubContactsSection.tsx';
import { MatchSection } from './MatchSection.tsx';
import { TimelineSection } from './TimelineSection.tsx';
import { TimersPanel } from './timers.tsx';

/**
 * The care sections of a youth's page: match, compliance timers, goals, hub contacts and the timeline. Each shows
 * only to those whose roles allow it; the server still decides per youth (a refused section stays hidden).
 */
export function CareSections({ youth }: { youth: TYouth }) {
  const { can } = usePermissions();
  return (
    <>
      {can('match.read') ? (
        <MatchSection
          youthId={youth.id}
          canWrite={can('match.write')}
          language={youth.primaryLanguage ?? undefined}
        />
      ) : null}
      {can('contact.read') ? <TimersPanel youthId={youth.id} /> : null}
      {can('goal.read') ? (
        <GoalsSection youthId={youth.id} canWrite={can('goal.write')} canRate={can('goal.progress')} />
      ) : null}
      {can('hub_contact.read') ? (
        <HubContactsSection youthId={youth.id} canWrite={can('hub_contact.write')} />
      ) : null}
      {can('episode.read') ? <TimelineSection youthId={youth.id} /> : null}
    </>
  );
}
