// Reads a Final Draft file's `<ElementSettings>`: how each paragraph type is shown and paginated.
import { BODY_ROLES, FDX_STANDARD_TYPES, type FdxTypeInfo } from './fdx-types';
import { childElements, type XmlElement } from './xml-tree';

export interface FdxElementStyle {
  readonly allCaps: boolean;
  readonly hidden: boolean;
  /** `Behavior PaginateAs`: for a template's own type, the standard type it is laid out as. */
  readonly paginateAs: string | null;
}

/** `Style="Bold+AllCaps"` on a `FontSpec` or a `Text` run. */
export function styleFlags(style: string | undefined): ReadonlySet<string> {
  return new Set((style ?? '').split('+').filter((flag) => flag !== ''));
}

export function readElementSettings(root: XmlElement): ReadonlyMap<string, FdxElementStyle> {
  const settings = new Map<string, FdxElementStyle>();
  for (const element of childElements(root, 'ElementSettings')) {
    const type = element.attributes['Type'];
    if (type === undefined) continue;
    const fontStyle = childElements(element, 'FontSpec')[0]?.attributes['Style'];
    const flags = styleFlags(fontStyle);
    settings.set(type, {
      // An empty settings block (older files) says nothing about case: Final Draft's default then holds.
      allCaps: fontStyle === undefined ? (FDX_STANDARD_TYPES[type]?.allCaps ?? false) : flags.has('AllCaps'),
      hidden: flags.has('HiddenText'),
      paginateAs: childElements(element, 'Behavior')[0]?.attributes['PaginateAs'] ?? null,
    });
  }
  return settings;
}

export type FdxTypeDecision =
  | {
      readonly kind: 'read';
      readonly info: FdxTypeInfo;
      readonly allCaps: boolean;
      readonly via: string | null;
    }
  | { readonly kind: 'skip'; readonly reason: 'hidden' | 'unknown' };

/**
 * Standard names decide by name; a template's own type (`Toma`, `Panel`, `Legend`) is read as the standard
 * type it paginates as. Hidden body text is never read, whatever its type.
 */
export function decideType(type: string, settings: ReadonlyMap<string, FdxElementStyle>): FdxTypeDecision {
  const style = settings.get(type);
  const standard = FDX_STANDARD_TYPES[type];
  const paginatedAs = style?.paginateAs ? FDX_STANDARD_TYPES[style.paginateAs] : undefined;
  const info = standard ?? paginatedAs;
  if (!info) return { kind: 'skip', reason: 'unknown' };
  if (style?.hidden && BODY_ROLES.has(info.role)) return { kind: 'skip', reason: 'hidden' };
  return {
    kind: 'read',
    info,
    allCaps: style?.allCaps ?? info.allCaps,
    via: standard ? null : (style?.paginateAs ?? null),
  };
}
