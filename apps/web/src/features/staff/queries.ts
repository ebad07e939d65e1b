import type { TStaffProfile } from '@mentorbridge/core';
import { useQuery } from '@tanstack/react-query';
import { v1 } from '../../api.ts';

export const staffKeys = {
  all: ['staff'] as const,
  one: (userId: string) => ['staff', userId] as const,
};

export const useStaffList = () =>
  useQuery({ queryKey: staffKeys.all, queryFn: ({ signal }) => v1<TStaffProfile[]>('/staff', { signal }) });

export const useStaff = (userId: string) =>
  useQuery({
    queryKey: staffKeys.one(userId),
    queryFn: ({ signal }) => v1<TStaffProfile>(`/staff/${encodeURIComponent(userId)}`, { signal }),
  });
