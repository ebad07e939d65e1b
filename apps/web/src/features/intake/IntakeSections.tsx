import type { TYouth } from '@mentorbridge/core';
import { usePermissions } from '../../session.tsx';
import { EpisodeSection } from './EpisodeSection.tsx';
import { HubServicesSection } from './HubServicesSection.tsx';

/**
 * The intake sections of a youth's page: hub services, and episode & consent (admission, consents, discharge).
 * Each shows only to those whose roles allow it; the server still decides per youth.
 */
export function IntakeSections({ youth }: { youth: TYouth }) {
  const { can } = usePermissions();
  return (
    <>
      {can('hub_service.read') ? (
        <HubServicesSection youthId={youth.id} canEdit={can('hub_service.write')} />
      ) : null}
      {can('episode.read') ? (
        <EpisodeSection
          youthId={youth.id}
          canConsent={can('consent.write')}
          canManage={can('episode.manage')}
          canReadGuardians={can('guardian.read')}
        />
      ) : null}
    </>
  );
}
