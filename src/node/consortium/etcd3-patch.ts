// etcd3 1.1.2 throws from inside its gRPC stream handler — which ends the process — when etcd
// sends a watch response for a watcher the client no longer lists (a cancel racing an event or a
// reconnect). Seen in the fault drills: a validator died with "Failed to find watcher for
// IWatchResponse" while an etcd member restarted under load, and the consortium ran on three.
// Such a response is for nobody, so it is dropped. Imported for its effect by etcd-ordering.ts.
import { WatchManager } from 'etcd3/lib/watch.js';

interface WatcherLike {
  id: string | null;
}
interface Response {
  readonly watch_id: string;
  readonly canceled: boolean;
}
interface ManagerInternals {
  watchers: WatcherLike[];
  handleResponse(res: Response): void;
  handleCreatedResponse(res: Response): void;
}

const proto = WatchManager.prototype as unknown as ManagerInternals;
const handleResponse = proto.handleResponse;
const handleCreatedResponse = proto.handleCreatedResponse;

proto.handleResponse = function (this: ManagerInternals, res: Response): void {
  if (!this.watchers.some((w) => w.id === res.watch_id)) return;
  handleResponse.call(this, res);
};

proto.handleCreatedResponse = function (this: ManagerInternals, res: Response): void {
  // "created and canceled" for a watcher no longer waiting: the same race, at creation.
  if (res.canceled && !this.watchers.some((w) => w.id === null)) return;
  handleCreatedResponse.call(this, res);
};
