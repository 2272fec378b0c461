// The bundle manifest's file name, apart from its schema so the CLI's help can name it without loading zod.
export const MANIFEST_FILE = 'shotline-model.json';
