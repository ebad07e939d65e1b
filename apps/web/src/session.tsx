import type { TMe } from '@mentorbridge/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { getActiveOrganizationId, setActiveOrganizationId, v1 } from './api.ts';

const SIGNED_IN_KEY = 'mentorbridge.signedIn';

/** Remembers that this browser had a session, so a 401 can say "signed out after inactivity". */
export const markSignedIn = (on: boolean): void => {
  try {
    if (on) window.localStorage.setItem(SIGNED_IN_KEY, '1');
    else window.localStorage.removeItem(SIGNED_IN_KEY);
  } catch {
    // storage unavailable
  }
};
export const wasSignedIn = (): boolean => {
  try {
    return window.localStorage.getItem(SIGNED_IN_KEY) === '1';
  } catch {
    return false;
  }
};

type OrgContextValue = {
  organizationId: string | null;
  /** `keepData` when the data already loaded is that organization's (the server chose it as the only one). */
  setOrganizationId: (id: string | null, options?: { keepData?: boolean }) => void;
};
const OrgContext = createContext<OrgContextValue | null>(null);

export function OrganizationProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [organizationId, setState] = useState<string | null>(getActiveOrganizationId);
  const setOrganizationId = useCallback(
    (id: string | null, options?: { keepData?: boolean }) => {
      if (id === getActiveOrganizationId() || options?.keepData) {
        setActiveOrganizationId(id);
        setState(id);
        return;
      }
      setActiveOrganizationId(id);
      // Nothing from one organization may be shown while acting in another.
      void queryClient.cancelQueries();
      queryClient.removeQueries();
      setState(id);
    },
    [queryClient],
  );
  const value = useMemo(() => ({ organizationId, setOrganizationId }), [organizationId, setOrganizationId]);
  return <OrgContext.Provider value={value}>{children}</OrgContext.Provider>;
}

export const useOrganization = (): OrgContextValue => {
  const ctx = useContext(OrgContext);
  if (!ctx) throw new Error('useOrganization outside OrganizationProvider');
  return ctx;
};

export const meQueryKey = ['me'] as const;

export const useMe = () =>
  useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => v1<TMe>('/me', { signal }),
    staleTime: 60_000,
    retry: false,
  });

/** `can('youth.create')` — whether the active organization grants the user that action somewhere. */
export const usePermissions = () => {
  const { data } = useMe();
  return useMemo(() => {
    const set = new Set(data?.permissions ?? []);
    return { can: (permission: string) => set.has(permission), me: data };
  }, [data]);
};
