import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Base = {
  /** The element id; error summaries link to it. */
  id: string;
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
};

const describedBy = (id: string, hint: unknown, error: unknown): string | undefined =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

function Label({ id, label, required }: { id: string; label: ReactNode; required?: boolean | undefined }) {
  const { t } = useTranslation();
  return (
    <label htmlFor={id}>
      {label}
      {required ? <span className="required"> ({t('common.required')})</span> : null}
    </label>
  );
}

function Extras({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

type TextFieldProps = Base & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'number' | 'search' | 'datetime-local';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'tel' | 'email' | 'search';
  maxLength?: number;
  min?: string | number;
  max?: string | number;
  spellCheck?: boolean;
  lang?: string;
  /** Id of a <datalist> of suggestions. */
  list?: string;
};

export function TextField(props: TextFieldProps) {
  const { id, label, error, hint, required, value, onChange, type = 'text', className, ...rest } = props;
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} required={required} />
      <input
        id={id}
        name={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
      <Extras id={id} hint={hint} error={error} />
    </div>
  );
}

type TextAreaProps = Base & { value: string; onChange: (value: string) => void; rows?: number; maxLength?: number };

export function TextArea({
  id,
  label,
  error,
  hint,
  required,
  value,
  onChange,
  rows = 3,
  maxLength,
  className,
}: TextAreaProps) {
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} required={required} />
      <textarea
        id={id}
        name={id}
        rows={rows}
        value={value}
        maxLength={maxLength}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <Extras id={id} hint={hint} error={error} />
    </div>
  );
}

export type Option = { value: string; label: string };

type SelectFieldProps = Base & {
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  /** Label of an empty first option (e.g. "Any", "Not recorded"). */
  emptyLabel?: string;
};

export function SelectField({
  id,
  label,
  error,
  hint,
  required,
  value,
  onChange,
  options,
  emptyLabel,
  className,
}: SelectFieldProps) {
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} required={required} />
      <select
        id={id}
        name={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Extras id={id} hint={hint} error={error} />
    </div>
  );
}

type CheckboxProps = {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
  hint?: ReactNode;
};

export function Checkbox({ id, label, checked, onChange, error, hint }: CheckboxProps) {
  return (
    <div className={`check${error ? ' has-error' : ''}`}>
      <input
        id={id}
        name={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <label htmlFor={id}>{label}</label>
      <Extras id={id} hint={hint} error={error} />
    </div>
  );
}

type FieldsetProps = {
  id: string;
  legend: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
};

/** A group of checkboxes or radios; its error is tied to the group. */
export function Fieldset({ id, legend, error, hint, children }: FieldsetProps) {
  return (
    <fieldset id={id} className={`group${error ? ' has-error' : ''}`} aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      <Extras id={id} hint={hint} error={error} />
      {children}
    </fieldset>
  );
}

type RadioGroupProps = {
  id: string;
  legend: ReactNode;
  name: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  error?: string | undefined;
};

export function RadioGroup({ id, legend, name, value, onChange, options, error }: RadioGroupProps) {
  return (
    <Fieldset id={id} legend={legend} error={error}>
      {options.map((o) => (
        <div className="check" key={o.value}>
          <input
            type="radio"
            id={`${id}-${o.value}`}
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </Fieldset>
  );
}
