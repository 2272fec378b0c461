// The language the panel shows: the editor's remembered choice, or Premiere's UI locale while that is "auto".
import { useEffect, useRef, useState } from 'react';
import { browserStore } from '../ui/placement-settings';
import { setPanelLanguage } from './i18n';
import type { HostLocale } from './host-locale';
import {
  languageOfLocale,
  loadLanguageChoice,
  resolveLanguage,
  saveLanguageChoice,
  type Language,
  type LanguageChoice,
} from './languages';

export interface PanelLanguage {
  choice: LanguageChoice;
  setChoice: (choice: LanguageChoice) => void;
  /** What "auto" means now: the host's language. */
  hostLanguage: Language;
}

/**
 * The language changes in event handlers and the host's listener, never during a render: i18next tells every
 * component that uses it, and React forbids updating other components while one renders.
 */
export function usePanelLanguage(locale: HostLocale | undefined): PanelLanguage {
  const [hostLocale, setHostLocale] = useState(() => locale?.current());
  const [choice, setChoiceState] = useState<LanguageChoice>(() => {
    const stored = loadLanguageChoice(browserStore());
    setPanelLanguage(resolveLanguage(stored, locale?.current()));
    return stored;
  });
  const choiceRef = useRef(choice);
  choiceRef.current = choice;

  useEffect(() => {
    if (!locale?.subscribe) return undefined;
    return locale.subscribe(() => {
      setPanelLanguage(resolveLanguage(choiceRef.current, locale.current()));
      setHostLocale(locale.current());
    });
  }, [locale]);

  const setChoice = (next: LanguageChoice) => {
    saveLanguageChoice(browserStore(), next);
    setPanelLanguage(resolveLanguage(next, hostLocale));
    setChoiceState(next);
  };
  return { choice, setChoice, hostLanguage: languageOfLocale(hostLocale) };
}
