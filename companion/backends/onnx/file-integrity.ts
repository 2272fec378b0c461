// Whether a bundle's files are really there: Git LFS pointers left by a clone without `git lfs pull`, and
// external-data files shorter than the weights the graph says they hold (an interrupted download).
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Reader } from 'protobufjs/minimal';
import type { ModelManifest } from '../../../shared/model-bundle';
import { allGraphKeys, contractFor } from './graph-keys';
import { gb } from './memory-estimate';

/** Git LFS's pointer format: a small text file starting with this line (git-lfs docs/spec.md). */
const LFS_POINTER_HEADER = 'version https://git-lfs.github.com/spec/v1';
const LFS_POINTER_MAX_BYTES = 1024;

/** The pointer's recorded size when the file is a Git LFS pointer; undefined when it is real content. */
export function lfsPointerSize(path: string): number | undefined {
  const size = statSync(path).size;
  if (size > LFS_POINTER_MAX_BYTES) return undefined;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(size);
    readSync(fd, head, 0, size, 0);
    const text = head.toString('utf8');
    if (!text.startsWith(LFS_POINTER_HEADER)) return undefined;
    return Number(/^size (\d+)$/m.exec(text)?.[1] ?? 0);
  } finally {
    closeSync(fd);
  }
}

// Field numbers from onnx.proto: ModelProto.graph 7; GraphProto.initializer 5; TensorProto.name 8,
// external_data 13 (StringStringEntryProto: key 1, value 2), data_location 14 (EXTERNAL = 1).
const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_NAME = 8;
const TENSOR_EXTERNAL_DATA = 13;
const TENSOR_DATA_LOCATION = 14;
const EXTERNAL = 1;

/** Each field of a message in turn: its number and wire type; `read` consumes it, or it is skipped. */
function fields(reader: Reader, end: number, on: (field: number, wire: number) => boolean): void {
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (!on(tag >>> 3, tag & 7)) reader.skipType(tag & 7);
  }
}

/** Per external-data file the graph names: the bytes its initialisers reach (offset + length at most). */
export function externalDataExtents(graphBytes: Uint8Array): Map<string, number> {
  const extents = new Map<string, number>();
  const reader = Reader.create(graphBytes);
  fields(reader, reader.len, (field, wire) => {
    if (field !== MODEL_GRAPH || wire !== 2) return false;
    const graphEnd = reader.uint32() + reader.pos;
    fields(reader, graphEnd, (gField, gWire) => {
      if (gField !== GRAPH_INITIALIZER || gWire !== 2) return false;
      const tensorEnd = reader.uint32() + reader.pos;
      const entry: Record<string, string> = {};
      let external = false;
      fields(reader, tensorEnd, (tField) => {
        if (tField === TENSOR_DATA_LOCATION) external = reader.int32() === EXTERNAL;
        else if (tField === TENSOR_NAME) reader.string();
        else if (tField === TENSOR_EXTERNAL_DATA) {
          const end = reader.uint32() + reader.pos;
          let key = '';
          let value = '';
          fields(reader, end, (f) => {
            if (f === 1) key = reader.string();
            else if (f === 2) value = reader.string();
            else return false;
            return true;
          });
          entry[key] = value;
        } else return false;
        return true;
      });
      if (external && entry.location) {
        const reach = Number(entry.offset ?? 0) + Number(entry.length ?? 0);
        extents.set(entry.location, Math.max(extents.get(entry.location) ?? 0, reach));
      }
      return true;
    });
    return true;
  });
  return extents;
}

const lfsSentence = (file: string, bytes: number) =>
  `${file} is a Git LFS pointer (${gb(bytes)} not downloaded): run "git lfs pull" in the bundle folder.`;

export interface FileProblem {
  file: string;
  sentence: string;
}

/** Every LFS pointer and truncated or missing external-data file in the bundle, one sentence each. */
export function fileProblems(m: ModelManifest, bundlePath: (file: string) => string): FileProblem[] {
  const problems: FileProblem[] = [];
  const tokenizer = lfsPointerSize(bundlePath(m.tokenizer.file));
  if (tokenizer !== undefined)
    problems.push({ file: m.tokenizer.file, sentence: lfsSentence(m.tokenizer.file, tokenizer) });
  for (const key of allGraphKeys(m)) {
    const { file } = contractFor(m, key);
    const path = bundlePath(file);
    const pointer = lfsPointerSize(path);
    if (pointer !== undefined) {
      problems.push({ file, sentence: lfsSentence(file, pointer) });
      continue;
    }
    for (const [location, reach] of externalDataExtents(readFileSync(path))) {
      const dataPath = join(dirname(path), location);
      let size: number;
      try {
        size = statSync(dataPath).size;
      } catch {
        problems.push({
          file: location,
          sentence: `${file} keeps its weights in ${location}, which is missing.`,
        });
        continue;
      }
      const lfs = lfsPointerSize(dataPath);
      if (lfs !== undefined) problems.push({ file: location, sentence: lfsSentence(location, lfs) });
      else if (size < reach)
        problems.push({
          file: location,
          sentence: `${location} holds ${size} bytes, but ${file}'s weights reach byte ${reach}: the download is truncated; fetch it again.`,
        });
    }
  }
  return problems;
}
