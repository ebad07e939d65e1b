/**
 * The one fetch wrapper of the web app.
 * - adds `X-Requested-With: mentorbridge` to state-changing requests (the API's CSRF defence),
 * - adds `X-Organization-Id` (the organization chosen in the switcher) to every /api/v1 call,
 * - turns every error answer into an {@link ApiError} with the API's `code`, `fields` and `current`.
 */

export type ApiErrorCode =
  | 'VALIDATION_ERROR'
  | 'UNAUTHENTICATED'
  | 'TWO_FACTOR_REQUIRED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VERSION_CONFLICT'
  | 'IDEMPOTENCY_CONFLICT'
  | 'EXPORT_REQUIRED'
  | 'ACCOUNT_LOCKED'
  | 'RATE_LIMITED'
  | 'CSRF_REJECTED'
  | 'INTERNAL'
  | 'NETWORK'
  // better-auth codes
  | 'INVALID_EMAIL_OR_PASSWORD'
  | 'INVALID_CODE'
  | 'INVALID_PASSWORD'
  | (string & {});

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** Dot path → message, for 400 VALIDATION_ERROR. */
    readonly fields: Record<string, string> = {},
    /** The record as it is now, for 409 VERSION_CONFLICT. */
    readonly current?: unknown,
    /** The whole error body (e.g. `lockedUntil` on 423 ACCOUNT_LOCKED). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const isApiError = (e: unknown, code?: ApiErrorCode): e is ApiError =>
  e instanceof ApiError && (code === undefined || e.code === code);

const ORG_KEY = 'mentorbridge.organizationId';

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

export const getActiveOrganizationId = (): string | null => storage()?.getItem(ORG_KEY) ?? null;
export const setActiveOrganizationId = (id: string | null): void => {
  if (id) storage()?.setItem(ORG_KEY, id);
  else storage()?.removeItem(ORG_KEY);
};

type Listener = (error: ApiError, path: string) => void;
const listeners = new Set<Listener>();
/** Called for every error answer from /api/v1 (used to route 401 and 403 TWO_FACTOR_REQUIRED). */
export const onApiError = (listener: Listener): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export type Query = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** A poll the app makes on its own (e.g. the alert indicator): it must not keep an idle session alive. */
  background?: boolean;
};

const STATUS_CODES: Record<number, ApiErrorCode> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  423: 'ACCOUNT_LOCKED',
  429: 'RATE_LIMITED',
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads our error shape `{ error: { code, message, fields, current } }` and better-auth's `{ code, message }`. */
export const toApiError = (status: number, body: unknown): ApiError => {
  const fallback = STATUS_CODES[status] ?? 'INTERNAL';
  if (isObject(body) && isObject(body.error)) {
    const e = body.error;
    return new ApiError(
      status,
      typeof e.code === 'string' ? e.code : fallback,
      typeof e.message === 'string' ? e.message : '',
      isObject(e.fields) ? (e.fields as Record<string, string>) : {},
      e.current,
      e,
    );
  }
  if (isObject(body)) {
    const code = typeof body.code === 'string' && body.code ? body.code : fallback;
    return new ApiError(status, code, typeof body.message === 'string' ? body.message : '', {}, undefined, body);
  }
  return new ApiError(status, fallback, '');
};

const buildUrl = (path: string, query?: Query): string => {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
};

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers = new Headers({ Accept: 'application/json' });
  if (method !== 'GET') headers.set('X-Requested-With', 'mentorbridge');
  const isV1 = path.startsWith('/api/v1/');
  const orgId = getActiveOrganizationId();
  if (isV1 && orgId) headers.set('X-Organization-Id', orgId);
  if (options.idempotencyKey) headers.set('Idempotency-Key', options.idempotencyKey);
  if (options.background) headers.set('X-Background-Poll', '1');
  let body: string | undefined;
  // POSTs always carry a JSON body (the server refuses an empty JSON body).
  if (options.body !== undefined || method === 'POST') {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.body ?? {});
  }

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'Network error');
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const error = toApiError(res.status, data);
    if (isV1) for (const l of listeners) l(error, path);
    throw error;
  }
  return data as T;
}

/** A call to /api/v1. */
export const v1 = <T>(path: string, options?: RequestOptions): Promise<T> => request<T>(`/api/v1${path}`, options);
/** A call to better-auth under /api/auth. */
export const auth = <T>(path: string, body: unknown = {}): Promise<T> =>
  request<T>(`/api/auth${path}`, { method: 'POST', body });

export type Page<T> = { items: T[]; page: number; pageSize: number; total: number };
