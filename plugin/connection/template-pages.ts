// Puts a project's template library back together from the pages the companion sends it in.
import type { MessageOf } from '../../shared/protocol';

type Library = MessageOf<'templates'>;

/**
 * A first page (offset 0) starts the library again; a later one replaces everything from its offset on and
 * keeps the bibles, which only the first page carries.
 */
export function withTemplatePage(known: Library | undefined, page: Library): Library {
  if (page.offset === 0 || !known) return page;
  return {
    ...page,
    bibles: known.bibles,
    templates: [...known.templates.slice(0, page.offset), ...page.templates],
  };
}
