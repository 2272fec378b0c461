// A project's templates as `templates` messages that each fit the panel's frame limit, like jobs.list's pages.
import type { MessageOf } from '../../shared/protocol';
import { pageBySize } from '../util/page-by-size';
import type { ProjectTemplates } from './template-store';

type TemplatesPage = Omit<MessageOf<'templates'>, 'v' | 'type' | 're'>;

/**
 * UTF-8 bytes of one page's templates: half the 1 MiB message limit, leaving the rest for the negative
 * prompt, the style and the bibles on the first page. A full library (200 templates of 4 000 Chinese
 * characters) is about 2.6 MB, so it takes several pages.
 */
export const TEMPLATE_PAGE_BYTES = 512 * 1024;

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value)) + 1;

/** The page of `library` that starts at template `offset`; only the first carries the bibles. */
export function templatePage(
  library: ProjectTemplates,
  offset = 0,
  budget = TEMPLATE_PAGE_BYTES,
): TemplatesPage {
  const { end, next } = pageBySize(library.templates, offset, budget, bytes);
  return {
    ...library,
    templates: library.templates.slice(offset, end),
    bibles: offset === 0 ? library.bibles : {},
    offset,
    ...(next !== undefined && { more: { offset: next } }),
  };
}
