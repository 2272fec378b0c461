// Prompt templates and negative prompts per project, in one JSON file that every panel on this companion shares.
import { readFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import {
  DEFAULT_TEMPLATE_PROJECT,
  ProjectBiblesSchema,
  ShotlineError,
  TEMPLATE_LIMITS,
  WireTemplateSchema,
  type ScriptBible,
  type WireTemplate,
} from '../../shared/protocol';
import type { CharacterBible } from '../../shared/shots';
import { DEFAULT_PROMPT_TEMPLATES } from '../../shared/shots';
import { writeFileAtomic } from '../media/atomic-file';
import { ownKeyMap } from '../util/own-key-map';

export interface ProjectTemplates {
  project: string;
  templates: WireTemplate[];
  /** null: Wan's default negative prompt applies. */
  negativePrompt: string | null;
  defaultStyle: string | null;
  bibles: Record<string, CharacterBible>;
}

export interface TemplateChange {
  templates?: readonly WireTemplate[];
  negativePrompt?: string | null;
  defaultStyle?: string | null;
  /** Replaces that script's bible; an empty character list removes it. */
  bible?: ScriptBible;
}

// Files written before bibles and styles existed still load: both default to "none".
const ProjectEntrySchema = z.object({
  templates: z.array(WireTemplateSchema),
  negativePrompt: z.string().nullable().default(null),
  defaultStyle: z.string().nullable().default(null),
  bibles: ProjectBiblesSchema.default({}),
});

/**
 * Projects by name, read into a Map: a plain object would turn a project called "__proto__" into its
 * prototype, and "constructor" would find Object's. The file keeps the usual { name: entry } object.
 */
const ProjectsSchema = ownKeyMap(ProjectEntrySchema);

export const TemplateFileSchema = z.object({
  version: z.literal(1),
  projects: ProjectsSchema,
});
type TemplateFile = z.infer<typeof TemplateFileSchema>;
type ProjectEntry = z.infer<typeof ProjectEntrySchema>;

/** `origin` is whatever the caller passed with the change, so a listener can skip its own. */
type Listener = (library: ProjectTemplates, origin: unknown) => void;

/** What templates.json may grow to: 1 000 full projects would be gigabytes, rewritten on every save. */
export const TEMPLATE_FILE_BYTES = 64 * 1024 * 1024;

export class TemplateStore {
  private data: TemplateFile;
  /**
   * Each project's entry as it stands in the file, kept between saves: a save serialises only the project it
   * changes and joins the rest, so its cost does not grow with the JSON work of every other project.
   */
  private readonly onDisk = new Map<string, string>();
  private fileBytes = 0;
  /** Changes are written one after another, so two panels saving at once cannot lose an update. */
  private chain: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<Listener>();

  private constructor(
    private readonly file: string | null,
    data: TemplateFile,
  ) {
    this.data = data;
    for (const [project, entry] of data.projects) this.remember(project, JSON.stringify(entry));
  }

  /** Kept in memory only: for the CLI and tests that need no file. */
  static inMemory(): TemplateStore {
    return new TemplateStore(null, emptyFile());
  }

  /**
   * Opens the file, or starts empty when it does not exist yet. A file that does not parse is moved aside
   * (kept for the user to recover) rather than silently overwritten.
   */
  static open(file: string, warn: (message: string) => void = () => undefined): TemplateStore {
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new TemplateStore(file, emptyFile());
      throw err;
    }
    const parsed = TemplateFileSchema.safeParse(parseJson(raw));
    if (parsed.success) return new TemplateStore(file, parsed.data);
    const aside = `${file}.invalid-${Date.now()}`;
    renameSync(file, aside);
    warn(`${file} is not a valid template file; moved it to ${aside} and started from the defaults.`);
    return new TemplateStore(file, emptyFile());
  }

  /** Calls the listener after every change, with the changed project's library; returns the unsubscribe. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(project = DEFAULT_TEMPLATE_PROJECT): ProjectTemplates {
    return view(project, this.entryOf(project));
  }

  /** Adds templates (replacing any of the same name) and/or sets the negative prompt. */
  save(project: string, change: TemplateChange, origin?: unknown): Promise<ProjectTemplates> {
    return this.update(project, origin, (entry) => {
      if (
        change.templates === undefined &&
        change.negativePrompt === undefined &&
        change.defaultStyle === undefined &&
        change.bible === undefined
      ) {
        throw new ShotlineError(
          'TEMPLATE_INVALID',
          'Nothing to save: send templates, a negativePrompt, a defaultStyle or a bible.',
          { params: { case: 'nothingToSave' } },
        );
      }
      const incoming = (change.templates ?? []).map((t) => WireTemplateSchema.parse(t));
      const names = new Set(incoming.map((t) => t.name));
      if (names.size !== incoming.length) {
        throw new ShotlineError('TEMPLATE_INVALID', 'Two templates in one save have the same name.', {
          params: { case: 'sameName' },
        });
      }
      const templates = [...entry.templates.filter((t) => !names.has(t.name)), ...incoming];
      if (templates.length > TEMPLATE_LIMITS.perProject) {
        throw new ShotlineError(
          'TEMPLATE_INVALID',
          `A project holds at most ${TEMPLATE_LIMITS.perProject} templates; delete some first.`,
          { params: { limit: TEMPLATE_LIMITS.perProject, case: 'perProject' } },
        );
      }
      const negative = change.negativePrompt === undefined ? entry.negativePrompt : change.negativePrompt;
      const style = change.defaultStyle === undefined ? entry.defaultStyle : change.defaultStyle;
      return {
        templates,
        negativePrompt: negative?.trim() ? negative : null,
        defaultStyle: style?.trim() ? style.trim() : null,
        bibles: change.bible ? withBible(entry.bibles, change.bible) : entry.bibles,
      };
    });
  }

  delete(project: string, names: readonly string[], origin?: unknown): Promise<ProjectTemplates> {
    return this.update(project, origin, (entry) => {
      const missing = names.filter((name) => !entry.templates.some((t) => t.name === name));
      if (missing.length > 0) {
        throw new ShotlineError(
          'TEMPLATE_NOT_FOUND',
          `No template named ${missing.map((n) => `"${n}"`).join(', ')} in project "${project}".`,
          { params: { names: missing.map((n) => `"${n}"`).join(', '), project } },
        );
      }
      return { ...entry, templates: entry.templates.filter((t) => !names.includes(t.name)) };
    });
  }

  private remember(project: string, serialised: string): void {
    this.fileBytes += entryBytes(project, serialised) - this.bytesOf(project);
    this.onDisk.set(project, serialised);
  }

  private bytesOf(project: string): number {
    const serialised = this.onDisk.get(project);
    return serialised === undefined ? 0 : entryBytes(project, serialised);
  }

  /** The whole file with `project` as `serialised`: the usual { version, projects: { name: entry } }. */
  private fileText(project: string, serialised: string): string {
    const entries = new Map(this.onDisk).set(project, serialised);
    const body = [...entries].map(([name, json]) => `${JSON.stringify(name)}:${json}`).join(',\n');
    return `{"version":${this.data.version},"projects":{\n${body}\n}}\n`;
  }

  private entryOf(project: string): ProjectEntry {
    return this.data.projects.get(project) ?? seededEntry();
  }

  private update(
    project: string,
    origin: unknown,
    change: (entry: ProjectEntry) => ProjectEntry,
  ): Promise<ProjectTemplates> {
    const run = async () => {
      const { projects } = this.data;
      if (!projects.has(project) && projects.size >= TEMPLATE_LIMITS.projects) {
        throw new ShotlineError(
          'TEMPLATE_INVALID',
          `This companion keeps templates for at most ${TEMPLATE_LIMITS.projects} projects; delete an old project's templates first.`,
          { params: { limit: TEMPLATE_LIMITS.projects, case: 'projects' } },
        );
      }
      const entry = change(this.entryOf(project));
      const serialised = JSON.stringify(entry);
      const bytes = this.fileBytes - this.bytesOf(project) + entryBytes(project, serialised);
      if (bytes > TEMPLATE_FILE_BYTES) {
        throw new ShotlineError(
          'TEMPLATE_INVALID',
          `templates.json would pass ${TEMPLATE_FILE_BYTES / 1024 / 1024} MiB; delete templates or old projects first.`,
          { params: { mib: TEMPLATE_FILE_BYTES / 1024 / 1024, case: 'fileSize' } },
        );
      }
      const next: TemplateFile = { ...this.data, projects: new Map(projects).set(project, entry) };
      // Memory changes only once the file holds the new state, so a failed write changes nothing.
      if (this.file) await writeFileAtomic(this.file, this.fileText(project, serialised));
      this.data = next;
      this.remember(project, serialised);
      const library = view(project, entry);
      for (const listener of this.listeners) listener(library, origin);
      return library;
    };
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => undefined);
    return result;
  }
}

function entryBytes(project: string, serialised: string): number {
  return Buffer.byteLength(JSON.stringify(project)) + Buffer.byteLength(serialised) + 2;
}

function withBible(
  bibles: Record<string, CharacterBible>,
  bible: ScriptBible,
): Record<string, CharacterBible> {
  const { script, characters } = bible;
  const next = { ...bibles };
  if (characters.length === 0) delete next[script];
  else next[script] = { characters };
  if (Object.keys(next).length > TEMPLATE_LIMITS.biblesPerProject) {
    throw new ShotlineError(
      'TEMPLATE_INVALID',
      `A project keeps the character bibles of at most ${TEMPLATE_LIMITS.biblesPerProject} scripts; clear one first.`,
      { params: { limit: TEMPLATE_LIMITS.biblesPerProject, case: 'bibles' } },
    );
  }
  if (Buffer.byteLength(JSON.stringify(next)) > TEMPLATE_LIMITS.biblesBytes) {
    throw new ShotlineError(
      'TEMPLATE_INVALID',
      `A project's character bibles take at most ${TEMPLATE_LIMITS.biblesBytes / 1024} KiB; shorten the descriptions or clear a script's bible first.`,
      { params: { kib: TEMPLATE_LIMITS.biblesBytes / 1024, case: 'biblesSize' } },
    );
  }
  return next;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function emptyFile(): TemplateFile {
  return { version: 1, projects: new Map() };
}

/** A project nobody has saved to yet starts with the shipped defaults. */
function seededEntry(): ProjectEntry {
  return {
    templates: DEFAULT_PROMPT_TEMPLATES.map((t) => ({ ...t })),
    negativePrompt: null,
    defaultStyle: null,
    bibles: {},
  };
}

function view(project: string, entry: ProjectEntry): ProjectTemplates {
  return {
    project,
    templates: entry.templates.map((t) => ({ ...t })),
    negativePrompt: entry.negativePrompt,
    defaultStyle: entry.defaultStyle,
    bibles: structuredClone(entry.bibles),
  };
}
