// A tiny ONNX graph builder over onnx-proto, for the seeded test bundle (no Python, no weights).
import { onnx } from 'onnx-proto';

export type ElemType = 'float32' | 'float16' | 'int64';
export type Dim = number | string;
type AttrValue = number | number[] | string | { floats: number[] };

const ELEM: Record<ElemType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float16: onnx.TensorProto.DataType.FLOAT16,
  int64: onnx.TensorProto.DataType.INT64,
};

function valueInfo(name: string, elem: ElemType, dims: readonly Dim[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ELEM[elem],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, value: AttrValue): onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number')
    return Number.isInteger(value) ? { name, type: T.INT, i: value } : { name, type: T.FLOAT, f: value };
  if (Array.isArray(value)) return { name, type: T.INTS, ints: value };
  return { name, type: T.FLOATS, floats: value.floats };
}

/** Collects nodes, inputs, outputs and initialisers; weights can go to one external `.data` file. */
export class GraphBuilder {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private readonly inits: { name: string; dims: number[]; data: Float32Array | BigInt64Array }[] = [];
  private counter = 0;

  constructor(private readonly name: string) {}

  input(name: string, elem: ElemType, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(name, elem, dims));
    return name;
  }

  output(name: string, elem: ElemType, dims: readonly Dim[]): void {
    this.outputs.push(valueInfo(name, elem, dims));
  }

  weight(dims: number[], data: Float32Array): string {
    const name = `w${this.counter++}`;
    this.inits.push({ name, dims, data });
    return name;
  }

  ints(values: number[]): string {
    const name = `i${this.counter++}`;
    this.inits.push({ name, dims: [values.length], data: BigInt64Array.from(values.map(BigInt)) });
    return name;
  }

  scalar(value: number): string {
    return this.weight([], Float32Array.of(value));
  }

  /** Adds a node; returns its first output name (or the names given). */
  op(
    type: string,
    inputs: string[],
    attrs: Record<string, AttrValue> = {},
    outputs?: string[],
    domain?: string,
  ): string {
    const outs = outputs ?? [`t${this.counter++}`];
    this.nodes.push({
      opType: type,
      input: inputs,
      output: outs,
      name: `n${this.nodes.length}_${type}`,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
      ...(domain !== undefined && { domain }),
    });
    return outs[0]!;
  }

  /** Serialises the model; with `externalData`, float weights go to that file name (relative to the model). */
  build(externalData?: string): { model: Uint8Array; data?: Uint8Array } {
    const chunks: Uint8Array[] = [];
    let offset = 0;
    const initializer = this.inits.map(({ name, dims, data }): onnx.ITensorProto => {
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      const dataType = data instanceof Float32Array ? ELEM.float32 : ELEM.int64;
      if (!externalData || data instanceof BigInt64Array || bytes.byteLength < 64) {
        return { name, dims, dataType, rawData: bytes.slice() };
      }
      const entry = {
        name,
        dims,
        dataType,
        dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
        externalData: [
          { key: 'location', value: externalData },
          { key: 'offset', value: String(offset) },
          { key: 'length', value: String(bytes.byteLength) },
        ],
      };
      chunks.push(bytes.slice());
      offset += bytes.byteLength;
      return entry;
    });
    const model = onnx.ModelProto.encode({
      irVersion: 8,
      producerName: 'shotline-test-model',
      opsetImport: [
        { domain: '', version: 17 },
        { domain: 'com.microsoft', version: 1 },
      ],
      graph: { name: this.name, node: this.nodes, input: this.inputs, output: this.outputs, initializer },
    }).finish();
    if (!externalData) return { model };
    const data = new Uint8Array(offset);
    let at = 0;
    for (const c of chunks) {
      data.set(c, at);
      at += c.byteLength;
    }
    return { model, data };
  }
}
