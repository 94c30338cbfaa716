// The etcd3 client patch (src/node/consortium/etcd3-patch.ts): a watch response for a watcher
// the client no longer lists is dropped, where etcd3 1.1.2 threw from its stream handler and
// ended the process (seen in the fault drills).
import { WatchManager } from 'etcd3/lib/watch.js';
import { describe, expect, it } from 'vitest';
import '../../src/node/consortium/etcd3-patch.js';

type Handler = (res: { watch_id: string; canceled: boolean; created?: boolean }) => void;
const proto = WatchManager.prototype as unknown as {
  handleResponse: Handler;
  handleCreatedResponse: Handler;
};

describe('etcd3 watch responses for nobody', () => {
  it('drops an event or a cancel for a watcher id the client no longer lists', () => {
    const manager = {
      watchers: [{ id: '1' }],
      backoff: undefined,
      initialBackoff: { next: () => undefined },
    };
    expect(() =>
      proto.handleResponse.call(manager, { watch_id: '7', canceled: false }),
    ).not.toThrow();
    expect(() =>
      proto.handleResponse.call(manager, { watch_id: '7', canceled: true }),
    ).not.toThrow();
  });

  it('drops a "created and canceled" response when no watcher is waiting to be created', () => {
    const manager = { watchers: [{ id: '1' }], initialBackoff: { next: () => undefined } };
    expect(() =>
      proto.handleCreatedResponse.call(manager, { watch_id: '8', canceled: true, created: true }),
    ).not.toThrow();
  });

  it('still hands a listed watcher its events', () => {
    const got: unknown[] = [];
    const watcher = { id: '3', emit: (_e: string, res: unknown) => got.push(res) };
    const manager = {
      watchers: [watcher],
      initialBackoff: { next: () => undefined },
      handleUpdateResponse: (w: typeof watcher, res: unknown) => w.emit('data', res),
    };
    proto.handleResponse.call(manager, { watch_id: '3', canceled: false });
    expect(got).toHaveLength(1);
  });
});
