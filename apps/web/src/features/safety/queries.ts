import type {
  TCheckInHistory,
  TCrisisResources,
  TLatestCheckIn,
  TMandatedReport,
  TMandatedReportSummary,
  TMentorFlag,
  TProgramSafetySettings,
  TSafetyPlan,
  TSafetyPlanView,
  TTopChallenges,
  TYouthHome,
} from '@mentorbridge/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { v1 } from '../../api.ts';

export const safetyKeys = {
  all: ['safety'] as const,
  home: ['safety', 'home'] as const,
  checkIns: (youthId: string) => ['safety', 'youth', youthId, 'check-ins'] as const,
  latest: ['safety', 'check-ins', 'latest'] as const,
  challenges: (programId: string, days: number) => ['safety', 'challenges', programId, days] as const,
  plan: (youthId: string) => ['safety', 'youth', youthId, 'plan'] as const,
  planVersion: (youthId: string, version: number) => ['safety', 'youth', youthId, 'plan', version] as const,
  crisis: (youthId: string) => ['safety', 'youth', youthId, 'crisis'] as const,
  youthReports: (youthId: string) => ['safety', 'youth', youthId, 'reports'] as const,
  reports: (status: string) => ['safety', 'reports', status] as const,
  report: (id: string) => ['safety', 'report', id] as const,
  flags: (status: string) => ['safety', 'flags', status] as const,
  programSettings: (programId: string) => ['safety', 'program', programId] as const,
};

export const useYouthHome = () => useQuery({ queryKey: safetyKeys.home, queryFn: () => v1<TYouthHome>('/me/youth-home') });
export const useCheckIns = (youthId: string) =>
  useQuery({ queryKey: safetyKeys.checkIns(youthId), queryFn: () => v1<TCheckInHistory>(`/youth/${youthId}/check-ins`) });
export const useLatestCheckIns = () =>
  useQuery({ queryKey: safetyKeys.latest, queryFn: () => v1<TLatestCheckIn[]>('/check-ins/latest') });
export const useTopChallenges = (programId: string, days: number, enabled: boolean) =>
  useQuery({
    queryKey: safetyKeys.challenges(programId, days),
    queryFn: () => v1<TTopChallenges>('/check-ins/top-challenges', { query: { programId: programId || undefined, days } }),
    enabled,
  });
export const useSafetyPlan = (youthId: string) =>
  useQuery({ queryKey: safetyKeys.plan(youthId), queryFn: () => v1<TSafetyPlanView>(`/youth/${youthId}/safety-plan`) });
export const useSafetyPlanVersion = (youthId: string, version: number | null) =>
  useQuery({
    queryKey: safetyKeys.planVersion(youthId, version ?? 0),
    queryFn: () => v1<TSafetyPlan>(`/youth/${youthId}/safety-plan/versions/${version}`),
    enabled: version !== null,
  });
export const useCrisisResources = (youthId: string | undefined) =>
  useQuery({
    queryKey: safetyKeys.crisis(youthId ?? ''),
    queryFn: () => v1<TCrisisResources>(`/youth/${youthId}/crisis-resources`),
    enabled: Boolean(youthId),
  });
export const useYouthMandatedReports = (youthId: string) =>
  useQuery({
    queryKey: safetyKeys.youthReports(youthId),
    queryFn: () => v1<TMandatedReportSummary[]>(`/youth/${youthId}/mandated-reports`),
  });
export const useMandatedReports = (status: string) =>
  useQuery({
    queryKey: safetyKeys.reports(status),
    queryFn: () => v1<TMandatedReportSummary[]>('/mandated-reports', { query: { status } }),
  });
export const useMandatedReport = (id: string) =>
  useQuery({ queryKey: safetyKeys.report(id), queryFn: () => v1<TMandatedReport>(`/mandated-reports/${id}`) });
export const useMentorFlags = (status: string) =>
  useQuery({ queryKey: safetyKeys.flags(status), queryFn: () => v1<TMentorFlag[]>('/mentor-flags', { query: { status } }) });
export const useProgramSafetySettings = (programId: string) =>
  useQuery({
    queryKey: safetyKeys.programSettings(programId),
    queryFn: () => v1<TProgramSafetySettings>(`/programs/${programId}/safety-settings`),
  });

/** Refetches everything of the safety area after a change. */
export const useRefreshSafety = () => {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: safetyKeys.all }), [queryClient]);
};
