import type { TAlertDetail, TAlertPage, TAlertSettings } from '@mentorbridge/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { v1 } from '../../api.ts';
import { useOrganization, usePermissions } from '../../session.tsx';

export type AlertFilters = { status?: string; severity?: string; page?: number; pageSize?: number };

export const alertKeys = {
  all: ['alerts'] as const,
  list: (f: AlertFilters) => ['alerts', 'list', f] as const,
  youth: (youthId: string, f: AlertFilters) => ['alerts', 'youth', youthId, f] as const,
  one: (id: string) => ['alerts', 'one', id] as const,
  indicator: ['alerts', 'indicator'] as const,
  settings: ['alerts', 'settings'] as const,
};

/** How often open alerts are asked for: a supervisor elsewhere must see a new acute alert within seconds. */
export const ALERT_POLL_MS = 5_000;

export const useAlerts = (filters: AlertFilters) =>
  useQuery({
    queryKey: alertKeys.list(filters),
    queryFn: ({ signal }) => v1<TAlertPage>('/alerts', { query: filters, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: ALERT_POLL_MS,
  });

export const useYouthAlerts = (youthId: string, filters: AlertFilters, enabled: boolean) =>
  useQuery({
    queryKey: alertKeys.youth(youthId, filters),
    queryFn: ({ signal }) => v1<TAlertPage>(`/youth/${youthId}/alerts`, { query: filters, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: ALERT_POLL_MS,
    enabled,
  });

export const useAlert = (id: string) =>
  useQuery({
    queryKey: alertKeys.one(id),
    queryFn: ({ signal }) => v1<TAlertDetail>(`/alerts/${id}`, { signal }),
    refetchOnMount: 'always',
    // Others act on the same alert (acknowledge, escalation): keep the page current.
    refetchInterval: ALERT_POLL_MS * 2,
  });

/** The app shell's indicator: open alerts within reach, polled while the app is open. */
export const useAlertIndicator = () => {
  const { can, me } = usePermissions();
  const { organizationId } = useOrganization();
  // Only once the organization is settled, so the poll carries the right X-Organization-Id.
  const ready = Boolean(organizationId) && (me?.organizations.some((o) => o.id === organizationId) ?? false);
  return useQuery({
    queryKey: [...alertKeys.indicator, organizationId],
    queryFn: ({ signal }) =>
      v1<TAlertPage>('/alerts', { query: { status: 'open', countsOnly: true }, signal, background: true }),
    refetchInterval: ALERT_POLL_MS,
    refetchIntervalInBackground: true,
    enabled: ready && can('alert.read'),
  });
};

export const useAlertSettings = (enabled: boolean) =>
  useQuery({
    queryKey: alertKeys.settings,
    queryFn: ({ signal }) => v1<TAlertSettings>('/organization/alert-settings', { signal }),
    enabled,
  });
