// The worker view appears only on a cluster coordinator and shows each worker's load.
import { renderToString } from 'react-dom/server';
import { WorkersPane } from '../../../plugin/ui/WorkersPane';
import type { CompanionHandle } from '../../../plugin/ui/use-companion';

const base = {
  state: { status: 'idle' } as CompanionHandle['state'],
  request: () => undefined,
};

test('a local companion shows no worker pane', () => {
  const html = renderToString(
    <WorkersPane
      companion={{ ...base, workers: { v: 1, type: 'workers', re: 'r', mode: 'local', workers: [] } }}
    />,
  );
  expect(html).toBe('');
});

test('a coordinator lists its workers with backend, model and load', () => {
  const html = renderToString(
    <WorkersPane
      companion={{
        ...base,
        workers: {
          v: 1,
          type: 'workers',
          re: 'r',
          mode: 'cluster',
          workers: [
            {
              id: 'w1',
              host: 'gpu-01',
              backend: 'onnx',
              model: 'wan22-5b',
              concurrency: 2,
              active: 1,
              freeMemoryBytes: 8 * 2 ** 30,
              totalMemoryBytes: 64 * 2 ** 30,
              device: 'cuda',
              seenAt: '2026-11-25T09:00:00.000Z',
            },
          ],
        },
      }}
    />,
  );
  expect(html).toContain('Workers (1)');
  expect(html).toMatch(/gpu-01.*onnx.*wan22-5b.*1.*2.*busy.*cuda.*8\.0 GiB.*64\.0 GiB/s);
});
