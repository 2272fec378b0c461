// Template libraries as JSON files people pass around: export what the project has, import with checks.
import type { z } from 'zod';
import { codedText } from '../i18n/coded-text';
import { t } from '../i18n/i18n';
import { WireTemplateSchema, type WireTemplate } from '../../shared/protocol';
import { PromptTemplateLibrarySchema, TemplateProblemSchema } from '../../shared/shots';

export function exportTemplates(templates: readonly WireTemplate[]): string {
  return `${JSON.stringify({ version: 1, templates }, null, 2)}\n`;
}

export type ImportedTemplates = { ok: true; templates: WireTemplate[] } | { ok: false; message: string };

/** Takes an exported library (`{"version": 1, "templates": [...]}`) or a bare array of templates. */
export function importTemplates(text: string): ImportedTemplates {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, message: t('problems.notJson') };
  }
  const library = PromptTemplateLibrarySchema.safeParse(
    Array.isArray(json) ? { version: 1, templates: json } : json,
  );
  if (!library.success)
    return { ok: false, message: t('problems.notImported', { detail: describeIssue(library.error.issues) }) };
  const templates: WireTemplate[] = [];
  for (const [index, template] of library.data.templates.entries()) {
    const checked = WireTemplateSchema.safeParse(template);
    if (!checked.success)
      return {
        ok: false,
        message: t('problems.notImportedAt', {
          index: index + 1,
          detail: describeIssue(checked.error.issues),
        }),
      };
    templates.push(checked.data);
  }
  if (templates.length === 0) return { ok: false, message: t('problems.noTemplates') };
  return { ok: true, templates };
}

function describeIssue(issues: readonly z.core.$ZodIssue[]): string {
  const issue = issues[0];
  if (!issue) return t('problems.notTemplateFormat');
  const where = issue.path.map(String).join('.');
  // A template check's issue carries its coded problem (shared/shots/templates.ts): worded by the catalogue.
  const coded = issue.code === 'custom' ? TemplateProblemSchema.safeParse(issue.params) : undefined;
  const detail = coded?.success ? codedText('shared', coded.data) : issue.message;
  return `${where ? `${where}: ` : ''}${detail}.`;
}
