// A child process for etcd-ordering.test.ts, so a test can SIGKILL or crash "a whole process":
//   campaign <hosts,comma-separated> <network> <name>  stands for election, prints "elected",
//                                                       then runs until killed (no resign).
//   crash <baseDir>                                     starts a 1-member cluster, prints
//                                                       "started", then dies of an uncaught
//                                                       error: the exit hook must kill etcd.
import { EtcdCluster } from '../../src/node/consortium/etcd-cluster.js';
import { EtcdOrdering } from '../../src/node/consortium/etcd-ordering.js';

const [mode, a, b, c] = process.argv.slice(2);

if (mode === 'campaign' && a !== undefined && b !== undefined && c !== undefined) {
  const o = new EtcdOrdering({ hosts: a.split(','), network: b, now: Date.now });
  const camp = o.campaign(c, { ttlSeconds: 2 });
  void camp.elected.then(() => process.stdout.write('elected\n'));
  setInterval(() => undefined, 1000);
} else if (mode === 'crash' && a !== undefined) {
  const cluster = new EtcdCluster({ baseDir: a, members: 1 });
  await cluster.start();
  process.stdout.write('started\n');
  setTimeout(() => {
    throw new Error('simulated crash');
  }, 10);
} else {
  process.stderr.write('usage: child.ts campaign <hosts> <network> <name> | crash <dir>\n');
  process.exit(2);
}
