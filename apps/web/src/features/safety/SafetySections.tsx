import type { TYouth } from '@mentorbridge/core';
import { usePermissions } from '../../session.tsx';
import { CheckInsSection } from './CheckInsSection.tsx';
import { MandatedReportsSection } from './MandatedReportsSection.tsx';
import { SafetyPlanSection } from './SafetyPlanSection.tsx';

/**
 * The safety sections of a youth's page: check-ins, the safety plan and mandated reports. Each shows only to those
 * whose roles allow it; the server still decides per youth (a refused section stays hidden).
 */
export function SafetySections({ youth }: { youth: TYouth }) {
  const { can } = usePermissions();
  return (
    <>
      {can('check_in.read') ? <CheckInsSection youthId={youth.id} /> : null}
      {can('safety_plan.read') ? <SafetyPlanSection youthId={youth.id} /> : null}
      {can('mandated_report.read') ? (
        <MandatedReportsSection youthId={youth.id} canCreate={can('mandated_report.create')} />
      ) : null}
    </>
  );
}
