import type {
  TCaseloadDashboard,
  TComplianceBoard,
  TGoal,
  TGoalList,
  TGoalProgress,
  THubContact,
  TMatch,
  TMatchesDashboard,
  TMentorAvailability,
  TTeamDashboard,
  TTimelinePage,
  TTodayDashboard,
  TYouthTimers,
} from '@mentorbridge/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { v1 } from '../../api.ts';

export const careKeys = {
  all: ['care'] as const,
  matches: (youthId: string) => ['care', 'youth', youthId, 'matches'] as const,
  goals: (youthId: string) => ['care', 'youth', youthId, 'goals'] as const,
  progress: (goalId: string) => ['care', 'goal', goalId, 'progress'] as const,
  hubContacts: (youthId: string) => ['care', 'youth', youthId, 'hub-contacts'] as const,
  timers: (youthId: string) => ['care', 'youth', youthId, 'timers'] as const,
  timeline: (youthId: string, page: number) => ['care', 'youth', youthId, 'timeline', page] as const,
  dashboard: (which: string, filter?: string) => ['care', 'dashboard', which, filter ?? ''] as const,
  availability: (language: string) => ['care', 'availability', language] as const,
};

export const useYouthMatches = (youthId: string, enabled = true) =>
  useQuery({
    queryKey: careKeys.matches(youthId),
    queryFn: ({ signal }) => v1<TMatch[]>(`/youth/${youthId}/matches`, { signal }),
    enabled,
  });

export const useYouthGoals = (youthId: string, enabled = true) =>
  useQuery({
    queryKey: careKeys.goals(youthId),
    queryFn: ({ signal }) => v1<TGoalList>(`/youth/${youthId}/goals`, { signal }),
    enabled,
  });

export const useGoalProgress = (goalId: string, enabled: boolean) =>
  useQuery({
    queryKey: careKeys.progress(goalId),
    queryFn: ({ signal }) => v1<TGoalProgress[]>(`/goals/${goalId}/progress`, { signal }),
    enabled,
  });

export const useHubContacts = (youthId: string, enabled = true) =>
  useQuery({
    queryKey: careKeys.hubContacts(youthId),
    queryFn: ({ signal }) => v1<THubContact[]>(`/youth/${youthId}/hub-contacts`, { signal }),
    enabled,
  });

export const useYouthTimers = (youthId: string, enabled = true) =>
  useQuery({
    queryKey: careKeys.timers(youthId),
    queryFn: ({ signal }) => v1<TYouthTimers>(`/youth/${youthId}/timers`, { signal }),
    enabled,
  });

export const TIMELINE_PAGE_SIZE = 20;
export const useTimeline = (youthId: string, page: number, enabled = true) =>
  useQuery({
    queryKey: careKeys.timeline(youthId, page),
    queryFn: ({ signal }) =>
      v1<TTimelinePage>(`/youth/${youthId}/timeline`, { query: { page, pageSize: TIMELINE_PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useTodayDashboard = () =>
  useQuery({
    queryKey: careKeys.dashboard('today'),
    queryFn: ({ signal }) => v1<TTodayDashboard>('/dashboard/today', { signal }),
  });

export const useCaseloadDashboard = () =>
  useQuery({
    queryKey: careKeys.dashboard('caseload'),
    queryFn: ({ signal }) => v1<TCaseloadDashboard>('/dashboard/caseload', { signal }),
  });

export const useTeamDashboard = () =>
  useQuery({
    queryKey: careKeys.dashboard('team'),
    queryFn: ({ signal }) => v1<TTeamDashboard>('/dashboard/team', { signal }),
  });

export const useComplianceBoard = (programId: string) =>
  useQuery({
    queryKey: careKeys.dashboard('compliance', programId),
    queryFn: ({ signal }) =>
      v1<TComplianceBoard>('/dashboard/compliance', { query: { programId: programId || undefined }, signal }),
    placeholderData: keepPreviousData,
  });

export const useMatchesDashboard = () =>
  useQuery({
    queryKey: careKeys.dashboard('matches'),
    queryFn: ({ signal }) => v1<TMatchesDashboard>('/dashboard/matches', { signal }),
  });

export const useMentorAvailability = (language: string, enabled = true) =>
  useQuery({
    queryKey: careKeys.availability(language),
    queryFn: ({ signal }) =>
      v1<TMentorAvailability[]>('/mentors/availability', { query: { language: language || undefined }, signal }),
    enabled,
  });

/** After any care change: everything of the care area is refetched (matches move youth between lists). */
export const useRefreshCare = () => {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: careKeys.all }), [queryClient]);
};

export type { TGoal, TMatch };
