// `cadwyn`: run a node, notarise, fetch and verify receipts, audit a whole ledger.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import type { Geo } from '../core/geo.js';
import { parseGeo } from '../core/geo.js';
import { describeReceiptError, parseConsortiumKeys, verifyReceipt } from '../core/receipt.js';
import { auditDataDir, auditUrl } from '../node/audit.js';
import type { AuditReport } from '../node/audit.js';
import { nodeCryptoBackend } from '../node/crypto-node.js';
import { FILES } from '../node/datadir.js';
import { STAFF_TOKEN_FILE } from '../node/identity/staff.js';
import { startNode } from '../node/start.js';
import type { ClusterFile } from '../node/consortium/local-cluster.js';
import { CLUSTER_FILE, LocalCluster } from '../node/consortium/local-cluster.js';
import { DemoError, runCitizenDemo } from './demo-citizen.js';
import { runRegistersDemo } from './demo-registers.js';
import type { Problem } from './client.js';
import { CliError, createKeyFile, loadOrCreateKey, NodeClient, signAs } from './client.js';
import type { Lang } from './messages.js';
import { langFromEnv, say } from './messages.js';

const env = process.env;
let lang: Lang = langFromEnv(env);

const dataDir = (o: { data?: string }) => resolve(o.data ?? env.CADWYN_DATA ?? './data');
const nodeUrl = (o: { node?: string }) =>
  o.node ?? env.CADWYN_NODE ?? `http://127.0.0.1:${env.PORT ?? '8080'}`;
const keyPath = (o: { key?: string; data?: string }) =>
  resolve(o.key ?? join(dataDir(o), 'client-key.json'));

function int(name: string, min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}`);
    }
    return n;
  };
}

function geoOption(o: { area?: string; at?: string }): Geo | undefined {
  let g: unknown;
  if (o.area) g = { area: o.area };
  else if (o.at) {
    const [lat, lon] = o.at.split(',').map(Number);
    g = { lat, lon };
  } else return undefined;
  const r = parseGeo(g);
  if (!r.ok) throw new CliError(`--area/--at: ${r.detail ?? r.code}`, 2);
  return r.value;
}

function readFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new CliError(say(lang, 'fileMissing', path));
  }
}

function problemLine(p: unknown): string {
  const pr = p as Partial<Problem>;
  const head = say(lang, 'refused', pr.title ?? 'error', pr.code ?? 'UNKNOWN');
  return pr.detail ? `${head}\n  ${pr.detail}` : head;
}

function print(json: boolean, human: string, data: unknown): void {
  console.log(json ? JSON.stringify(data, null, 2) : human);
}

const program = new Command();
program
  .name('cadwyn')
  .description('Cadwyn — the public-service ledger of the Gwent bodies (Cadwyn: "chain")')
  .addOption(new Option('--lang <lang>', 'language of messages').choices(['en', 'cy']))
  .hook('preAction', (cmd) => {
    const l = cmd.opts<{ lang?: Lang }>().lang;
    if (l) lang = l;
  })
  .showHelpAfterError();

program
  .command('start')
  .description('run a node (solo ordering); creates the demo Gwent consortium on first start')
  .option('--data <dir>', 'data directory (default $CADWYN_DATA or ./data)')
  .option('--port <port>', 'HTTP port (default $PORT or 8080)', int('port', 0, 65535))
  .option('--host <host>', 'address to listen on', env.HOST ?? '127.0.0.1')
  .option('--block-interval-ms <ms>', 'how often to cut a block', int('interval', 10, 60_000))
  .option('--block-tx-max <n>', 'transactions per block at most', int('block size', 1, 100_000))
  .option('--sync <mode>', 'FULL fsyncs each commit; NORMAL survives a process crash', 'FULL')
  .option('--no-demo-registers', 'do not put the demo business register on a new ledger')
  .option(
    '--observe <url>',
    'observer mode: follow this node, re-verify every block and quorum, serve reads only',
  )
  .option(
    '--etcd <urls>',
    'consortium mode: etcd client URLs, comma-separated (default: solo ordering)',
  )
  .option(
    '--lease-seconds <s>',
    'consortium mode: the proposer lease TTL in whole seconds (default 2)',
    int('lease', 1, 60),
  )
  .option(
    '--peers <urls>',
    'nodes to fetch a verified state snapshot from when the database is new, comma-separated',
  )
  .option(
    '--no-fast-sync',
    'start from block 1 and re-execute everything, even where a verified snapshot is offered',
  )
  .option(
    '--public-url <url>',
    'the URL wallets reach this node at (default $CADWYN_PUBLIC_URL or http://localhost:<port>)',
  )
  .action(async (o) => {
    const port = o.port ?? Number(env.PORT ?? 8080);
    const publicUrl: string | undefined =
      o.publicUrl ?? env.CADWYN_PUBLIC_URL ?? (port === 0 ? undefined : `http://localhost:${port}`);
    const running = await startNode({
      dataDir: dataDir(o),
      port,
      host: o.host,
      ...(o.blockIntervalMs ? { blockIntervalMs: o.blockIntervalMs } : {}),
      ...(o.blockTxMax ? { blockTxMax: o.blockTxMax } : {}),
      synchronous: o.sync === 'NORMAL' ? 'NORMAL' : 'FULL',
      ...(publicUrl ? { publicUrl } : {}),
      demoRegisters: !o.observe && o.demoRegisters !== false && env.CADWYN_DEMO_REGISTERS !== '0',
      ...(o.observe ? { observe: { url: String(o.observe) }, demoStaffAccounts: false } : {}),
      ...(o.etcd
        ? {
            consortium: {
              etcd: String(o.etcd).split(',').filter(Boolean),
              ...(o.leaseSeconds ? { leaseSeconds: Number(o.leaseSeconds) } : {}),
            },
          }
        : {}),
      ...(o.peers ? { peers: String(o.peers).split(',').filter(Boolean) } : {}),
      ...(o.fastSync === false ? { fastSync: false } : {}),
      onCreated: (dir) => console.error(say(lang, 'createdConsortium', dir)),
    });
    console.error(say(lang, 'nodeListening', running.url));
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      console.error(say(lang, 'stopping'));
      await running.close();
      console.error(say(lang, 'stopped'));
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop());
    process.on('SIGINT', () => void stop());
  });

program
  .command('keygen')
  .description('create a signing key (a did:key) for submitting transactions')
  .option('--data <dir>', 'data directory')
  .option('--out <file>', 'where to write the key (default <data>/client-key.json)')
  .addOption(
    new Option('--alg <alg>', 'signature algorithm')
      .choices(['Ed25519', 'ES256'])
      .default('Ed25519'),
  )
  .option('--json', 'machine-readable output')
  .action((o) => {
    const out = resolve(o.out ?? join(dataDir(o), 'client-key.json'));
    if (existsSync(out)) throw new CliError(say(lang, 'keyExists', out));
    const k = createKeyFile(out, o.alg);
    print(o.json, say(lang, 'keyWritten', k.did, out), { did: k.did, alg: k.alg, file: out });
  });

const nodeOpts = (c: Command) =>
  c
    .option('--node <url>', 'node API (default $CADWYN_NODE or http://127.0.0.1:$PORT)')
    .option('--data <dir>', 'data directory (for the default key)')
    .option('--key <file>', 'signing key file (default <data>/client-key.json; created if missing)')
    .option('--json', 'machine-readable output');

nodeOpts(
  program
    .command('notarise')
    .alias('notarize')
    .description('notarise a file: only its SHA-256 digest goes to the ledger')
    .argument('<file>')
    .option('--label <text>', 'public label (no personal data)')
    .option('--area <ons>', 'geo-stamp: ONS area code, e.g. W06000022')
    .option('--at <lat,lon>', 'geo-stamp: coordinates'),
).action(async (file: string, o) => {
  const digest = createHash('sha256').update(readFile(file)).digest('hex');
  const client = new NodeClient(nodeUrl(o));
  const key = loadOrCreateKey(keyPath(o));
  const geo = geoOption(o);
  const tx = await signAs(key, {
    network: await client.network(),
    type: 'notary.notarise',
    seq: await client.nextSeq(key.did),
    payload: { digest, ...(o.label ? { label: o.label } : {}) },
    ...(geo ? { geo } : {}),
  });
  const r = await client.submit(tx, 10_000);
  if (r.status >= 400) throw new CliError(problemLine(r.body));
  const id = String(r.body.id);
  if (r.body.status === 'rejected') throw new CliError(problemLine({ ...r.body, title: id }));
  print(o.json, `${say(lang, 'notarised', id, String(r.body.status))}\n${id}`, {
    digest,
    ...r.body,
  });
});

const notary = program.command('notary').description('notary look-ups');
notary
  .command('check')
  .description('was this file notarised, and when?')
  .argument('<file>')
  .option('--node <url>', 'node API')
  .option('--json', 'machine-readable output')
  .action(async (file: string, o) => {
    const digest = createHash('sha256').update(readFile(file)).digest('hex');
    const r = await new NodeClient(nodeUrl(o)).json<Record<string, unknown>>(
      `/v1/notary/${digest}`,
    );
    if (r.status === 404) {
      print(o.json, say(lang, 'notaryNotFound'), { digest, notarised: false });
      process.exitCode = 3;
      return;
    }
    if (r.status !== 200) throw new CliError(problemLine(r.body));
    const when = new Date(Number(r.body.blockTimeMs)).toISOString();
    print(o.json, say(lang, 'notaryFound', when, String(r.body.txId)), {
      notarised: true,
      ...r.body,
    });
  });

const receipt = program
  .command('receipt')
  .description('fetch a transaction receipt; `receipt verify FILE` checks one offline')
  .argument('[txid]', 'transaction id (hex)')
  .option('--out <file>', 'write the receipt here (default <txid>.receipt.json)')
  .option('--node <url>', 'node API')
  .action(async (txid: string | undefined, o) => {
    if (!txid) {
      receipt.help();
      return;
    }
    const r = await new NodeClient(nodeUrl(o)).json<unknown>(`/v1/transactions/${txid}/receipt`);
    if (r.status !== 200) throw new CliError(problemLine(r.body));
    const out = resolve(o.out ?? `${txid}.receipt.json`);
    writeFileSync(out, JSON.stringify(r.body, null, 2) + '\n');
    console.log(say(lang, 'receiptWritten', out));
  });

receipt
  .command('verify')
  .description('verify a receipt offline against consortium keys you trust')
  .argument('<file>')
  .option('--keys <file>', 'trusted consortium keys (default <data>/consortium-keys.json)')
  .option('--data <dir>', 'data directory')
  .option('--json', 'machine-readable output')
  .action(async (file: string, o) => {
    const keysFile = resolve(o.keys ?? join(dataDir(o), FILES.consortiumKeys));
    const keys = parseConsortiumKeys(JSON.parse(readFile(keysFile).toString('utf8')));
    if (!keys.ok) throw new CliError(`${keysFile}: ${keys.detail ?? keys.code}`);
    const text = readFile(file).toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined; // not JSON: verifyReceipt answers RECEIPT_MALFORMED
    }
    const r = await verifyReceipt(parsed, keys.value, nodeCryptoBackend);
    if (!r.ok) {
      const why = describeReceiptError(r.code)[lang];
      print(o.json, `${say(lang, 'receiptInvalid')}: ${why} (${r.code})`, r);
      process.exitCode = 1;
      return;
    }
    const f = r.value;
    const lines = [
      say(lang, 'receiptValid'),
      `  tx        ${f.txId}`,
      `  type      ${f.type}`,
      `  sender    ${f.sender}`,
      `  claimed   ${new Date(f.claimedTimeMs).toISOString()}`,
      `  block     ${f.height} at ${new Date(f.blockTimeMs).toISOString()}`,
      ...(f.geo ? [`  geo       ${JSON.stringify(f.geo)}`] : []),
      `  log index ${f.logIndex} of ${f.checkpoint.logSize}`,
      `  signed by ${f.checkpoint.signers.join(', ')} (${f.checkpoint.signers.length} of ${f.checkpoint.validatorCount}, quorum ${f.checkpoint.quorum})`,
    ];
    print(o.json, lines.join('\n'), r);
  });

const keys = program.command('keys').description('consortium keys');
keys
  .command('export')
  .description('write the consortium keys file that receipt verification trusts')
  .option('--node <url>', 'ask a running node')
  .option('--data <dir>', 'or read the local data directory')
  .option('--out <file>', 'output file (default stdout)')
  .action(async (o) => {
    let body: unknown;
    if (o.node) {
      const r = await new NodeClient(o.node).json<unknown>('/v1/consortium/keys');
      if (r.status !== 200) throw new CliError(problemLine(r.body));
      body = r.body;
    } else {
      body = JSON.parse(readFile(join(dataDir(o), FILES.consortiumKeys)).toString('utf8'));
    }
    const k = parseConsortiumKeys(body);
    if (!k.ok) throw new CliError(k.detail ?? k.code);
    const text = JSON.stringify(k.value, null, 2) + '\n';
    if (o.out) {
      writeFileSync(resolve(o.out), text);
      console.error(say(lang, 'keysWritten', resolve(o.out), k.value.validators.length));
    } else process.stdout.write(text);
  });

program
  .command('verify')
  .description('audit a whole ledger: recompute every hash, signature, root and checkpoint')
  .argument('<dir-or-url>', 'a data directory, or a node URL')
  .option('--workers <n>', 'signature-checking threads', int('workers', 0, 64))
  .option('--json', 'machine-readable output')
  .action(async (target: string, o) => {
    const bar = new SingleBar(
      {
        format: '{bar} {percentage}% | {value}/{total} blocks | {eta_formatted}',
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    const interactive = process.stderr.isTTY && !o.json;
    let started = false;
    const onProgress = (done: number, total: number) => {
      if (!interactive) return;
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    };
    const opts = { onProgress, ...(o.workers === undefined ? {} : { workers: o.workers }) };
    const report: AuditReport = /^https?:\/\//.test(target)
      ? await auditUrl(target, opts)
      : await auditDataDir(resolve(target), opts);
    if (started) bar.stop();
    if (report.ok) {
      print(o.json, say(lang, 'auditOk', report.height, report.txCount, report.stateKeys), report);
    } else {
      print(o.json, say(lang, 'auditBad', report.height, report.code, report.detail), report);
      process.exitCode = 1;
    }
  });

const tx = program.command('tx').description('transactions');
tx.command('submit')
  .description('submit signed transaction(s) from a JSON file (one, or an array)')
  .argument('<file>')
  .option('--node <url>', 'node API')
  .option('--wait-ms <ms>', 'wait until committed', int('wait', 0, 30_000), 10_000)
  .option('--json', 'machine-readable output')
  .action(async (file: string, o) => {
    let body: unknown;
    try {
      body = JSON.parse(readFile(file).toString('utf8'));
    } catch {
      throw new CliError(`${file}: not JSON`);
    }
    const r = await new NodeClient(nodeUrl(o)).submit(body, o.waitMs);
    if (r.status >= 400) throw new CliError(problemLine(r.body));
    const n = Array.isArray(body) ? body.length : 1;
    const status = Array.isArray(body)
      ? `${String(r.body.accepted)} accepted`
      : String(r.body.status);
    print(
      o.json,
      `${say(lang, 'submitted', n, status)}\n${JSON.stringify(r.body, null, 2)}`,
      r.body,
    );
  });

tx.command('status')
  .description('show the status of a transaction')
  .argument('<txid>')
  .option('--node <url>', 'node API')
  .action(async (txid: string, o) => {
    const r = await new NodeClient(nodeUrl(o)).json<unknown>(`/v1/transactions/${txid}`);
    if (r.status !== 200) throw new CliError(problemLine(r.body));
    console.log(JSON.stringify(r.body, null, 2));
  });

const cluster = program
  .command('cluster')
  .description('a local consortium: 4 validator nodes and 3 etcd members on 127.0.0.1');
const clusterDir = (o: { dir?: string }) =>
  resolve(o.dir ?? env.CADWYN_CLUSTER ?? '.cadwyn-cluster');

cluster
  .command('up')
  .description('start it (resumes its data if the directory holds one) and stay in the foreground')
  .option('--dir <dir>', 'where its data lives (default $CADWYN_CLUSTER or ./.cadwyn-cluster)')
  .option('--port <port>', 'HTTP port of node 0; node i uses port + i', int('port', 1, 65530), 8080)
  .option('--validators <n>', 'validator nodes', int('validators', 1, 4), 4)
  .option('--no-demo-registers', 'do not put the demo registers on a new ledger')
  .action(async (o) => {
    const dir = clusterDir(o);
    const file = join(dir, CLUSTER_FILE);
    if (existsSync(file)) {
      const pid = (JSON.parse(readFileSync(file, 'utf8')) as ClusterFile).supervisorPid;
      if (pidAlive(pid)) throw new CliError(`${dir}: already running (pid ${pid})`);
    }
    console.error(say(lang, 'clusterStarting', o.validators, 3, dir));
    const c = await LocalCluster.up({
      dir,
      validators: o.validators,
      basePort: o.port,
      demoRegisters: o.demoRegisters !== false && env.CADWYN_DEMO_REGISTERS !== '0',
    });
    console.error(say(lang, 'clusterUp', c.url(0), c.urls.join(' ')));
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      console.error(say(lang, 'stopping'));
      await c.down();
      console.error(say(lang, 'clusterStopped'));
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop());
    process.on('SIGINT', () => void stop());
  });

cluster
  .command('down')
  .description('stop the local consortium started by "cluster up"')
  .option('--dir <dir>', 'its directory (default $CADWYN_CLUSTER or ./.cadwyn-cluster)')
  .action(async (o) => {
    const dir = clusterDir(o);
    const file = join(dir, CLUSTER_FILE);
    const pid = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as ClusterFile).supervisorPid
      : undefined;
    if (pid === undefined || !pidAlive(pid))
      throw new CliError(say(lang, 'clusterNotRunning', dir));
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 30_000;
    while (pidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (pidAlive(pid)) process.kill(pid, 'SIGKILL');
    console.error(say(lang, 'clusterStopped'));
  });

cluster
  .command('status')
  .description("each node's height, finality and proposer, and each etcd member's health")
  .option('--dir <dir>', 'its directory (default $CADWYN_CLUSTER or ./.cadwyn-cluster)')
  .option('--json', 'machine-readable output')
  .action(async (o) => {
    const dir = clusterDir(o);
    const file = join(dir, CLUSTER_FILE);
    if (!existsSync(file)) throw new CliError(say(lang, 'clusterNotRunning', dir));
    const rec = JSON.parse(readFileSync(file, 'utf8')) as ClusterFile;
    const get = async (url: string): Promise<unknown> => {
      try {
        const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
        return r.ok ? await r.json() : undefined;
      } catch {
        return undefined;
      }
    };
    const nodes = await Promise.all(
      rec.nodes.map(async (n) => {
        const url = `http://127.0.0.1:${n.port}`;
        return { url, status: (await get(`${url}/v1/status`)) as NodeStatus | undefined };
      }),
    );
    const etcd = await Promise.all(
      rec.etcd.ports.map(async (p) => {
        const url = `http://127.0.0.1:${p.client}`;
        const h = (await get(`${url}/health`)) as { health?: string } | undefined;
        return { url, healthy: h?.health === 'true' };
      }),
    );
    if (o.json) {
      console.log(JSON.stringify({ nodes, etcd }, null, 2));
      return;
    }
    nodes.forEach((n, i) => {
      const c = n.status?.consortium;
      const state = c
        ? say(lang, 'clusterNodeState', c.height, c.finalHeight, c.leader, c.halted?.code ?? '')
        : say(lang, 'clusterNodeDown');
      console.log(say(lang, 'clusterNode', i, n.url, state));
    });
    etcd.forEach((e, i) => console.log(say(lang, 'clusterEtcd', i, e.url, e.healthy)));
  });

interface NodeStatus {
  readonly consortium?: {
    readonly height: number;
    readonly finalHeight: number;
    readonly leader: boolean;
    readonly halted?: { readonly code: string };
  };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const demo = program.command('demo').description('guided stories against a running node');
/** A guided story against a running node: its staff token, its errors in plain words. */
function demoStory(
  name: string,
  description: string,
  run: (o: {
    nodeUrl: string;
    staffToken: string;
    lang: Lang;
    print: (line: string) => void;
  }) => Promise<unknown>,
): void {
  demo
    .command(name)
    .description(description)
    .option('--node <url>', 'node API')
    .option('--data <dir>', 'the node’s data directory (for its staff token)')
    .option('--staff-token <token>', 'staff token (default: <data>/staff-token)')
    .option('--json', 'print the outcome as JSON at the end')
    .action(async (o) => {
      const tokenFile = join(dataDir(o), STAFF_TOKEN_FILE);
      const staffToken: string | undefined =
        o.staffToken ??
        env.CADWYN_STAFF_TOKEN ??
        (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
      if (!staffToken) throw new CliError(say(lang, 'noStaffToken', tokenFile));
      try {
        const outcome = await run({
          nodeUrl: nodeUrl(o),
          staffToken,
          lang,
          print: (line) => console.log(line),
        });
        if (o.json) console.log(JSON.stringify(outcome, null, 2));
      } catch (e) {
        if (e instanceof DemoError) throw new CliError(say(lang, 'demoFailed', e.message));
        if (e instanceof TypeError && /fetch failed/.test(e.message)) {
          throw new CliError(`UNREACHABLE ${nodeUrl(o)}`);
        }
        throw e;
      }
    });
}

demoStory(
  'citizen',
  'the citizen-identity story: credential, minimal presentation, consent, data use, withdrawal, revocation',
  runCitizenDemo,
);
demoStory(
  'registers',
  'the public registers story: a business registered and licensed, goods handed over and recalled, a title transferred',
  runRegistersDemo,
);

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CliError) {
    const m = /^UNREACHABLE (.*)$/.exec(e.message);
    console.error(m ? say(lang, 'unreachable', m[1] ?? '') : e.message);
    process.exit(e.exitCode);
  }
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
