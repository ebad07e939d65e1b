import type { TEmergencyContact, TGuardian, TProgram, TYouth, TYouthSummary } from '@mentorbridge/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type Page, v1 } from '../../api.ts';

export type YouthFilters = { q?: string; dateOfBirth?: string; status?: string; programId?: string; page: number };

export const youthKeys = {
  all: ['youth'] as const,
  list: (f: YouthFilters) => ['youth', 'list', f] as const,
  one: (id: string) => ['youth', 'one', id] as const,
  guardians: (id: string) => ['youth', 'one', id, 'guardians'] as const,
  contacts: (id: string) => ['youth', 'one', id, 'emergency-contacts'] as const,
  accessLog: (id: string) => ['youth', 'one', id, 'access-log'] as const,
};

export const PAGE_SIZE = 25;

export const usePrograms = () =>
  useQuery({
    queryKey: ['programs'],
    queryFn: ({ signal }) => v1<TProgram[]>('/programs', { signal }),
    staleTime: 5 * 60_000,
  });

export const useYouthList = (filters: YouthFilters) =>
  useQuery({
    queryKey: youthKeys.list(filters),
    queryFn: ({ signal }) => v1<Page<TYouthSummary>>('/youth', { query: { ...filters, pageSize: PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });

export const useYouth = (id: string) =>
  useQuery({ queryKey: youthKeys.one(id), queryFn: ({ signal }) => v1<TYouth>(`/youth/${id}`, { signal }) });

export const useGuardians = (id: string) =>
  useQuery({
    queryKey: youthKeys.guardians(id),
    queryFn: ({ signal }) => v1<TGuardian[]>(`/youth/${id}/guardians`, { signal }),
  });

export const useEmergencyContacts = (id: string) =>
  useQuery({
    queryKey: youthKeys.contacts(id),
    queryFn: ({ signal }) => v1<TEmergencyContact[]>(`/youth/${id}/emergency-contacts`, { signal }),
  });

/** "Jay Rivera" — the preferred first name when there is one. */
export const displayName = (y: Pick<TYouth, 'firstName' | 'lastName' | 'preferredName'>): string =>
  `${y.preferredName || y.firstName} ${y.lastName}`;

/** The legal name, when it differs from the name shown. */
export const legalNameIfDifferent = (y: Pick<TYouth, 'firstName' | 'lastName' | 'preferredName'>): string | null =>
  y.preferredName && y.preferredName !== y.firstName ? `${y.firstName} ${y.lastName}` : null;
