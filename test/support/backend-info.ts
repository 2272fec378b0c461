// A backend's info as the panel and the validators read it, checked by the protocol's own schema: any size up to
// 1080p, any rate, 10 s, one take at a time, unless a test says otherwise.
import { BackendInfoSchema, type BackendInfo } from '../../shared/protocol';

type Capabilities = BackendInfo['capabilities'];
export type BackendInfoOverrides = Partial<Omit<BackendInfo, 'capabilities'>> & {
  capabilities?: Partial<Capabilities>;
};

export function backendInfo(over: BackendInfoOverrides = {}): BackendInfo {
  const { capabilities, ...rest } = over;
  return BackendInfoSchema.parse({
    name: 'x',
    label: 'Backend X',
    available: true,
    ...rest,
    capabilities: {
      sizes: [],
      maxSize: { width: 1920, height: 1080 },
      fps: [],
      maxDurationSeconds: 10,
      concurrency: 1,
      ...capabilities,
    },
  });
}
