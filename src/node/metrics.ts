// Prometheus metrics, read from the node at scrape time (no work on the hot path).
import { Counter, Gauge, Registry } from 'prom-client';
import type { CadwynNode } from './node.js';

export function createMetrics(node: CadwynNode): Registry {
  const registry = new Registry();
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  gauge('cadwyn_block_height', 'Height of the latest block', () => node.height);
  gauge('cadwyn_log_size', 'Entries in the Merkle log', () => node.log.size);
  gauge(
    'cadwyn_mempool_transactions',
    'Accepted transactions waiting for a block',
    () => node.mempoolSize,
  );
  gauge(
    'cadwyn_block_time_seconds',
    'Time of the latest block',
    () => node.headHeader.timeMs / 1000,
  );
  const counter = (name: string, help: string, read: () => number) => {
    let last = 0;
    return new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const now = read();
        this.inc(now - last);
        last = now;
      },
    });
  };
  counter(
    'cadwyn_transactions_accepted_total',
    'Transactions accepted into the mempool',
    () => node.stats.accepted,
  );
  counter(
    'cadwyn_transactions_refused_total',
    'Transactions refused at the door',
    () => node.stats.rejectedAtDoor,
  );
  counter(
    'cadwyn_transactions_committed_total',
    'Transactions committed in blocks',
    () => node.stats.committed,
  );
  counter(
    'cadwyn_transactions_rejected_total',
    'Accepted transactions that failed at execution',
    () => node.stats.rejectedAtExecution,
  );
  return registry;
}
