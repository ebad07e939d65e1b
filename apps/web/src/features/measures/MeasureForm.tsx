import type { TAnswerValue, TLanguage, TLocalizedText, TMeasureForm, TMeasureFormItem } from '@mentorbridge/core';
import { useTranslation } from 'react-i18next';
import { RadioGroup } from '../../components/fields.tsx';

export type Answers = Record<string, TAnswerValue>;

/** Text in the form's language when the instrument has it; the official English otherwise. */
export const textIn = (text: TLocalizedText | null | undefined, lang: TLanguage): string => (text ? (lang === 'es' ? (text.es ?? text.en) : text.en) : '');

/** Items shown given the answers so far (ASQ question 5 appears only after a "yes"). */
export const visibleItems = (form: TMeasureForm, answers: Answers): TMeasureFormItem[] =>
  form.items.filter(
    (i) => !i.showWhen || i.showWhen.anyOfItems.some((id) => answers[id] !== undefined && i.showWhen!.hasValueIn.includes(answers[id]!)),
  );

/** Answers to items no longer shown are dropped, so a hidden follow-up never reaches the scorer. */
export const answersToSend = (form: TMeasureForm, answers: Answers): Answers => {
  const shown = new Set(visibleItems(form, answers).map((i) => i.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => shown.has(id)));
};

/**
 * One accessible form for any answerable instrument: each item a radio group whose legend is the question, with the
 * instrument's instructions before and its footer and required attribution after.
 */
export function MeasureForm({
  form,
  lang,
  answers,
  onChange,
  idPrefix,
  errors = {},
  highlightCritical = false,
}: {
  form: TMeasureForm;
  lang: TLanguage;
  answers: Answers;
  onChange: (answers: Answers) => void;
  idPrefix: string;
  errors?: Record<string, string>;
  highlightCritical?: boolean;
}) {
  const { t } = useTranslation();
  const items = visibleItems(form, answers);
  return (
    <div className="measure-form" lang={lang}>
      {form.instructions ? <p className="measure-instructions">{textIn(form.instructions, lang)}</p> : null}
      <ol className="measure-items">
        {items.map((item, n) => (
          <li key={item.id} className={highlightCritical && item.critical ? 'measure-item critical' : 'measure-item'}>
            <RadioGroup
              id={`${idPrefix}-${item.id}`}
              name={`${idPrefix}-${item.id}`}
              legend={(
                <>
                  <span className="visually-hidden">{t('measures.form.question', { n: n + 1, total: items.length })} </span>
                  {textIn(item.text, lang)}
                  {highlightCritical && item.critical ? <span className="badge badge-warning"> {t('measures.form.critical')}</span> : null}
                </>
              )}
              value={answers[item.id] === undefined ? '' : String(answers[item.id])}
              onChange={(v) => {
                const option = item.options.find((o) => String(o.value) === v);
                if (option) onChange({ ...answers, [item.id]: option.value });
              }}
              options={item.options.map((o) => ({ value: String(o.value), label: textIn(o.label, lang) }))}
              error={errors[`answers.${item.id}`]}
            />
          </li>
        ))}
      </ol>
      {form.footer ? <p className="measure-footer">{textIn(form.footer, lang)}</p> : null}
      {form.attribution ? <p className="measure-attribution">{form.attribution}</p> : null}
    </div>
  );
}
