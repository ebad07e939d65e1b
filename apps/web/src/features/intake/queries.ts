import type {
  TClearanceStatus,
  TEpisode,
  TGuardian,
  THubServiceList,
  TProgramDetail,
  TReferral,
  TReferralPage,
  TRuleSetPresetInfo,
  TRuleSetVersions,
} from '@mentorbridge/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, getActiveOrganizationId, v1 } from '../../api.ts';
import { youthKeys } from '../youth/queries.ts';

export const intakeKeys = {
  all: ['intake'] as const,
  referrals: (f: ReferralFilters) => ['intake', 'referrals', f] as const,
  referral: (id: string) => ['intake', 'referral', id] as const,
  hubServices: (youthId: string) => ['intake', 'youth', youthId, 'hub-services'] as const,
  episodes: (youthId: string) => ['intake', 'youth', youthId, 'episodes'] as const,
  program: (id: string) => ['intake', 'program', id] as const,
  ruleSets: (id: string) => ['intake', 'program', id, 'rule-sets'] as const,
  presets: ['intake', 'presets'] as const,
  clearance: (userId: string) => ['intake', 'clearance', userId] as const,
};

export type ReferralFilters = { status?: string; programId?: string; page: number };
export const REFERRAL_PAGE_SIZE = 25;

export const useReferrals = (filters: ReferralFilters) =>
  useQuery({
    queryKey: intakeKeys.referrals(filters),
    queryFn: ({ signal }) =>
      v1<TReferralPage>('/referrals', { query: { ...filters, pageSize: REFERRAL_PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });

export const useReferral = (id: string) =>
  useQuery({ queryKey: intakeKeys.referral(id), queryFn: ({ signal }) => v1<TReferral>(`/referrals/${id}`, { signal }) });

export const useHubServices = (youthId: string) =>
  useQuery({
    queryKey: intakeKeys.hubServices(youthId),
    queryFn: ({ signal }) => v1<THubServiceList>(`/youth/${youthId}/hub-services`, { signal }),
  });

export const useEpisodes = (youthId: string) =>
  useQuery({
    queryKey: intakeKeys.episodes(youthId),
    queryFn: ({ signal }) => v1<TEpisode[]>(`/youth/${youthId}/episodes`, { signal }),
  });

export const useProgram = (id: string) =>
  useQuery({ queryKey: intakeKeys.program(id), queryFn: ({ signal }) => v1<TProgramDetail>(`/programs/${id}`, { signal }) });

export const useRuleSets = (id: string) =>
  useQuery({
    queryKey: intakeKeys.ruleSets(id),
    queryFn: ({ signal }) => v1<TRuleSetVersions>(`/programs/${id}/rule-sets`, { signal }),
  });

export const usePresets = () =>
  useQuery({
    queryKey: intakeKeys.presets,
    queryFn: ({ signal }) => v1<TRuleSetPresetInfo[]>('/rule-set-presets', { signal }),
    staleTime: 60 * 60_000,
  });

/** A youth's guardians (shares the youth page's cache), fetched only when needed. */
export const useYouthGuardians = (youthId: string, enabled: boolean) =>
  useQuery({
    queryKey: youthKeys.guardians(youthId),
    queryFn: ({ signal }) => v1<TGuardian[]>(`/youth/${youthId}/guardians`, { signal }),
    enabled,
  });

export const useClearance = (userId: string, enabled = true) =>
  useQuery({
    queryKey: intakeKeys.clearance(userId),
    queryFn: ({ signal }) => v1<TClearanceStatus>(`/staff/${encodeURIComponent(userId)}/clearance`, { signal }),
    enabled,
  });

/** A file chosen in the browser, as the base64 text the upload route takes. */
export const readFileAsBase64 = (file: File): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });

/**
 * Downloads an attachment: the request carries the organization header like every API call, and the file is
 * saved under its own name (the download is audited on the server).
 */
export const downloadAttachment = async (id: string, fileName: string): Promise<void> => {
  const headers = new Headers();
  const orgId = getActiveOrganizationId();
  if (orgId) headers.set('X-Organization-Id', orgId);
  let res: Response;
  try {
    res = await fetch(`/api/v1/attachments/${id}`, { headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Network error');
  }
  if (!res.ok) {
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      // not JSON
    }
    const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? '');
  }
  const named = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = named ? decodeURIComponent(named) : fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
