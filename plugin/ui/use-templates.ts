// The project's prompt templates as the companion keeps them, and the actions that change them.
import { useEffect } from 'react';
import { DEFAULT_TEMPLATE_PROJECT, type WireTemplate } from '../../shared/protocol';
import type { BibleEntry, CharacterBible } from '../../shared/shots';
import type { CompanionHandle } from './use-companion';

export interface TemplatesHandle {
  /** null until the companion has answered for this project. */
  templates: WireTemplate[] | null;
  negativePrompt: string | null;
  save: (templates: WireTemplate[]) => void;
  remove: (name: string) => void;
  setNegativePrompt: (text: string | null) => void;
  defaultStyle: string | null;
  setDefaultStyle: (style: string | null) => void;
  /** Edited character bibles by script key. */
  bibles: Readonly<Record<string, CharacterBible>>;
  saveBible: (script: string, characters: BibleEntry[]) => void;
}

export function useTemplates(companion: CompanionHandle, project: string): TemplatesHandle {
  const name = project.trim() || DEFAULT_TEMPLATE_PROJECT;
  const connected = companion.state.status === 'connected';
  const { request } = companion;
  // Ask again on every (re)connect and project change: another panel may have changed them meanwhile.
  useEffect(() => {
    if (connected) request((client) => client.listTemplates(name));
  }, [connected, name, request]);
  const library = companion.templates.get(name);
  return {
    templates: library?.templates ?? null,
    negativePrompt: library?.negativePrompt ?? null,
    save: (templates) => request((client) => client.saveTemplates({ project: name, templates })),
    remove: (template) => request((client) => client.deleteTemplates([template], name)),
    setNegativePrompt: (negativePrompt) =>
      request((client) => client.saveTemplates({ project: name, negativePrompt })),
    defaultStyle: library?.defaultStyle ?? null,
    setDefaultStyle: (defaultStyle) =>
      request((client) => client.saveTemplates({ project: name, defaultStyle })),
    bibles: library?.bibles ?? {},
    saveBible: (script, characters) =>
      request((client) => client.saveTemplates({ project: name, bible: { script, characters } })),
  };
}
