import type {
  TContact,
  TContactSummary,
  TReviewQueueItem,
  TSkillGuide,
  TSupervisionAssignment,
  TSupervisionCompliance,
  TSupervisionSession,
} from '@mentorbridge/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type Page, v1 } from '../../api.ts';

export type ContactFilters = {
  from?: string;
  to?: string;
  youthId?: string;
  mentorUserId?: string;
  status?: string;
  noteStatus?: string;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
};

export const notesKeys = {
  all: ['notes'] as const,
  contacts: (f: ContactFilters) => ['notes', 'contacts', f] as const,
  contact: (id: string) => ['notes', 'contact', id] as const,
  skills: ['notes', 'skills'] as const,
  queue: (page: number) => ['notes', 'review-queue', page] as const,
  assignments: ['notes', 'assignments'] as const,
  sessions: (page: number) => ['notes', 'supervision-sessions', page] as const,
  compliance: ['notes', 'compliance'] as const,
};

export const useContacts = (filters: ContactFilters, enabled = true) =>
  useQuery({
    queryKey: notesKeys.contacts(filters),
    queryFn: ({ signal }) => v1<Page<TContactSummary>>('/contacts', { query: filters, signal }),
    placeholderData: keepPreviousData,
    // Notes change status in other people's hands (signed, returned, reviewed): ask again on every visit.
    refetchOnMount: 'always',
    enabled,
  });

export const useContact = (id: string) =>
  useQuery({
    queryKey: notesKeys.contact(id),
    queryFn: ({ signal }) => v1<TContact>(`/contacts/${id}`, { signal }),
    // An open note is being edited: never replace it behind the mentor's back. But opening the page asks again:
    // since it was cached, the note may have been signed, returned or reviewed by someone else.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnMount: 'always',
  });

export const useSkills = () =>
  useQuery({
    queryKey: notesKeys.skills,
    queryFn: ({ signal }) => v1<TSkillGuide[]>('/skills', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useReviewQueue = (page: number) =>
  useQuery({
    queryKey: notesKeys.queue(page),
    queryFn: ({ signal }) => v1<Page<TReviewQueueItem>>('/review-queue', { query: { page, pageSize: 25 }, signal }),
    placeholderData: keepPreviousData,
    refetchOnMount: 'always',
  });

export const useAssignments = () =>
  useQuery({
    queryKey: notesKeys.assignments,
    queryFn: ({ signal }) => v1<TSupervisionAssignment[]>('/supervision-assignments', { signal }),
  });

export const useSupervisionSessions = (page: number) =>
  useQuery({
    queryKey: notesKeys.sessions(page),
    queryFn: ({ signal }) =>
      v1<Page<TSupervisionSession>>('/supervision-sessions', { query: { page, pageSize: 20 }, signal }),
    placeholderData: keepPreviousData,
  });

export const useCompliance = () =>
  useQuery({
    queryKey: notesKeys.compliance,
    queryFn: ({ signal }) => v1<TSupervisionCompliance[]>('/supervision/compliance', { signal }),
  });

/** "15:30–16:45". */
export const timeRange = (start: string | null, end: string | null) => (start ? (end ? `${start}–${end}` : start) : '');

/** A time of day rounded down to 5 minutes, `minutesAgo` before now ("HH:MM", local). */
export const clockTime = (minutesAgo = 0): string => {
  const d = new Date(Date.now() - minutesAgo * 60_000);
  const m = Math.floor(d.getMinutes() / 5) * 5;
  return `${String(d.getHours()).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
};

type MeLike = {
  organizations: { id: string; roles: { role: string }[] }[];
  activeOrganizationId: string | null;
};

/** Whether the signed-in user holds a role in the active organization. */
export const hasRole = (me: MeLike | undefined, role: string) =>
  Boolean(me?.organizations.find((o) => o.id === me.activeOrganizationId)?.roles.some((r) => r.role === role));
