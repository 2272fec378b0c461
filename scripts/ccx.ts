// Packs a built UXP plugin folder into a .ccx, the file UXP Developer Tool's "Package" writes and Creative
// Cloud installs on double-click: a zip of the folder with manifest.json at its root.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { z } from 'zod';

const ManifestSchema = z.object({
  id: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'manifest version must be major.minor.patch'),
  host: z.union([z.object({ app: z.string() }), z.array(z.object({ app: z.string() }))]),
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export interface PackedPlugin {
  file: string;
  id: string;
  version: string;
  host: string;
  entries: string[];
}

/** Zips `pluginDir` into `outDir/<id>_<host>.ccx`; refuses a folder without a usable manifest. */
export function packageCcx(pluginDir: string, outDir: string): PackedPlugin {
  let manifestText: string;
  try {
    manifestText = readFileSync(join(pluginDir, 'manifest.json'), 'utf8');
  } catch {
    throw new Error(`${pluginDir} has no manifest.json: build the plugin first (npm run build:plugin).`);
  }
  const manifest = ManifestSchema.safeParse(JSON.parse(manifestText));
  if (!manifest.success) {
    throw new Error(
      `${pluginDir}/manifest.json: ${manifest.error.issues[0]?.message ?? 'not a UXP manifest'}`,
    );
  }
  const host = Array.isArray(manifest.data.host) ? manifest.data.host[0]?.app : manifest.data.host.app;
  if (!host) throw new Error(`${pluginDir}/manifest.json names no host app.`);
  const tree: Zippable = {};
  const entries: string[] = [];
  for (const path of filesUnder(pluginDir).sort()) {
    // Zip entry names use forward slashes on every OS.
    const name = relative(pluginDir, path).split(sep).join('/');
    tree[name] = readFileSync(path);
    entries.push(name);
  }
  // Named as UXP Developer Tool names its packages: <id>_<host>.ccx.
  const file = join(outDir, `${manifest.data.id}_${host}.ccx`);
  writeFileSync(file, zipSync(tree, { level: 9 }));
  return { file, id: manifest.data.id, version: manifest.data.version, host, entries };
}
