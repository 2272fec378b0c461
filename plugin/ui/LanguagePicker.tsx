// The panel's language setting: follow Premiere's UI language (the default) or pin English or Chinese.
import { usePanelT } from '../i18n/use-t';
import type { PanelLanguage } from '../i18n/use-panel-language';
import { LanguageChoiceSchema, LANGUAGES } from '../i18n/languages';
import { SelectField } from './widgets';

export function LanguagePicker({ language }: { language: PanelLanguage }) {
  const t = usePanelT();
  const options = [
    {
      value: 'auto',
      label: t('app.languageAuto', { language: t(`app.languageName.${language.hostLanguage}`) }),
    },
    ...LANGUAGES.map((value) => ({ value, label: t(`app.languageName.${value}`) })),
  ];
  return (
    <SelectField
      testId="language-select"
      label={t('app.language')}
      value={language.choice}
      options={options}
      onChange={(value) => {
        const parsed = LanguageChoiceSchema.safeParse(value);
        if (parsed.success) language.setChoice(parsed.data);
      }}
    />
  );
}
