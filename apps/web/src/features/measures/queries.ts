import type {
  TAdministration,
  TGasSummary,
  TInstrumentCatalogItem,
  TInstrumentDetail,
  TMeasureResponseList,
  TOverdueList,
  TTrajectory,
} from '@mentorbridge/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { v1 } from '../../api.ts';

export const measureKeys = {
  all: ['measures'] as const,
  instruments: ['measures', 'instruments'] as const,
  instrument: (id: string) => ['measures', 'instrument', id] as const,
  responses: (youthId: string) => ['measures', 'youth', youthId, 'responses'] as const,
  administrations: (youthId: string) => ['measures', 'youth', youthId, 'administrations'] as const,
  trajectory: (youthId: string, instrument: string, sd: string, r: string) => ['measures', 'youth', youthId, 'trajectory', instrument, sd, r] as const,
  gas: (youthId: string) => ['measures', 'youth', youthId, 'gas'] as const,
  overdue: (includeDue: boolean) => ['measures', 'overdue', includeDue] as const,
};

export const useInstruments = () =>
  useQuery({
    queryKey: measureKeys.instruments,
    queryFn: ({ signal }) => v1<TInstrumentCatalogItem[]>('/instruments', { signal }),
    staleTime: 5 * 60_000,
  });

export const useInstrument = (id: string | null) =>
  useQuery({
    queryKey: measureKeys.instrument(id ?? ''),
    queryFn: ({ signal }) => v1<TInstrumentDetail>(`/instruments/${id}`, { signal }),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });

export const useResponses = (youthId: string) =>
  useQuery({
    queryKey: measureKeys.responses(youthId),
    queryFn: ({ signal }) => v1<TMeasureResponseList>(`/youth/${youthId}/measures`, { signal }),
    retry: false,
  });

export const useAdministrations = (youthId: string, enabled: boolean) =>
  useQuery({
    queryKey: measureKeys.administrations(youthId),
    queryFn: ({ signal }) => v1<TAdministration[]>(`/youth/${youthId}/administrations`, { signal }),
    enabled,
    retry: false,
  });

export const useTrajectory = (youthId: string, instrument: string | null, sd = '', reliability = '') =>
  useQuery({
    queryKey: measureKeys.trajectory(youthId, instrument ?? '', sd, reliability),
    queryFn: ({ signal }) =>
      v1<TTrajectory>(`/youth/${youthId}/measures/trajectory`, {
        query: { instrument, sd: sd || undefined, reliability: reliability || undefined },
        signal,
      }),
    enabled: Boolean(instrument),
    retry: false,
  });

export const useGas = (youthId: string, enabled = true) =>
  useQuery({
    queryKey: measureKeys.gas(youthId),
    queryFn: ({ signal }) => v1<TGasSummary>(`/youth/${youthId}/goals/gas`, { signal }),
    enabled,
    retry: false,
  });

export const useOverdue = (includeDue: boolean) =>
  useQuery({
    queryKey: measureKeys.overdue(includeDue),
    queryFn: ({ signal }) => v1<TOverdueList>('/measures/overdue', { query: { includeDue }, signal }),
  });

export const useRefreshMeasures = (youthId: string) => {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: ['measures', 'youth', youthId] }), [qc, youthId]);
};
