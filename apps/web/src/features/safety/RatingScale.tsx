import { useTranslation } from 'react-i18next';

/** CHECK_IN_MIN … CHECK_IN_MAX, spelled out so each has its own label. */
const VALUES = [1, 2, 3, 4, 5] as const;

/** One check-in area rated 1 (going well) … 5 (very challenging): a row of large radio buttons for a thumb. */
export function RatingScale({
  id,
  legend,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  value: number | null;
  onChange: (value: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="rating-scale" id={id}>
      <legend>{legend}</legend>
      <div className="rating-options">
        {VALUES.map((v) => (
          <div key={v} className="rating-option">
            <input
              type="radio"
              id={`${id}-${v}`}
              name={id}
              value={v}
              checked={value === v}
              onChange={() => onChange(v)}
            />
            <label htmlFor={`${id}-${v}`}>
              <span aria-hidden="true">{v}</span>
              <span className="visually-hidden">{t(`safety.checkIn.scale.${v}`)}</span>
            </label>
          </div>
        ))}
      </div>
      <p className="rating-ends" aria-hidden="true">
        <span>{t('safety.checkIn.scale.1')}</span>
        <span>{t('safety.checkIn.scale.5')}</span>
      </p>
    </fieldset>
  );
}

/** The label of a check-in area: the defaults are translated, a program's own areas read from their id. */
export const useDomainLabel = () => {
  const { t, i18n } = useTranslation();
  return (domain: string): string =>
    i18n.exists(`safety.domains.${domain}`)
      ? t(`safety.domains.${domain as 'mood'}`)
      : domain.replace(/_/g, ' ');
};
