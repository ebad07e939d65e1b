import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { useErrorText } from '../errors.ts';

/** A form-level error (role="alert"): the API's message, plus links to each field it named. */
export function FormError({
  error,
  fieldLabels = {},
  idPrefix,
  children,
}: {
  error: unknown;
  /** Field path → label, to name the fields in the summary. */
  fieldLabels?: Record<string, string>;
  /** Form id prefix: field `x` has the element id `${idPrefix}-x`. */
  idPrefix?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (!error) return null;
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">
        {fields.length > 0 ? t('errors.fixFields', { count: fields.length }) : errorText(error)}
      </p>
      {fields.length > 0 ? (
        <ul>
          {fields.map(([path, message]) => {
            const base = path.split('.')[0] ?? path;
            const label = fieldLabels[path] ?? fieldLabels[base] ?? path;
            return (
              <li key={path}>
                {idPrefix ? <a href={`#${idPrefix}-${base}`}>{label}</a> : label}: {message}
              </li>
            );
          })}
        </ul>
      ) : null}
      {children}
    </div>
  );
}

/** A polite status line (saved, copied, …). */
export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <p className="alert alert-success" role="status">
      {children}
    </p>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {label ?? t('common.loading')}
    </p>
  );
}

/** A query's error in place of its content. */
export function QueryError({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorText(error)}</p>
      {retry ? (
        <button type="button" className="button secondary" onClick={retry}>
          {t('common.tryAgain')}
        </button>
      ) : null}
    </div>
  );
}
