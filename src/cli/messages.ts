// Every sentence the CLI shows a person, in English and Welsh. CADWYN_LANG=cy (or a Welsh
// LANG) picks Welsh; --lang overrides.
export type Lang = 'en' | 'cy';

const M = {
  nodeListening: {
    en: (url: string) => `Cadwyn node listening on ${url}`,
    cy: (url: string) => `Nod Cadwyn yn gwrando ar ${url}`,
  },
  createdConsortium: {
    en: (dir: string) =>
      `Created the demo Gwent consortium and this node's keys in ${dir}\n` +
      `Portal sign-in for each body's demo staff: ${dir}/demo-staff.json`,
    cy: (dir: string) =>
      `Crëwyd consortiwm enghreifftiol Gwent ac allweddi’r nod hwn yn ${dir}\n` +
      `Mewngofnodi i’r Porth ar gyfer staff enghreifftiol pob corff: ${dir}/demo-staff.json`,
  },
  stopping: { en: () => 'Stopping…', cy: () => 'Yn stopio…' },
  stopped: { en: () => 'Stopped cleanly.', cy: () => 'Wedi stopio’n lân.' },
  keyWritten: {
    en: (did: string, file: string) => `New key ${did}\nwritten to ${file} (keep it private)`,
    cy: (did: string, file: string) =>
      `Allwedd newydd ${did}\nwedi’i hysgrifennu i ${file} (cadwch hi’n breifat)`,
  },
  keyExists: {
    en: (file: string) => `${file} already exists; choose another --out`,
    cy: (file: string) => `Mae ${file} yn bodoli eisoes; dewiswch --out arall`,
  },
  notarised: {
    en: (id: string, status: string) => `Notarised. Transaction ${id} is ${status}.`,
    cy: (id: string, status: string) => `Wedi’i notareiddio. Mae trafodyn ${id} yn ${status}.`,
  },
  submitted: {
    en: (n: number, status: string) => `${n} transaction(s) submitted: ${status}`,
    cy: (n: number, status: string) => `${n} trafodyn wedi’u cyflwyno: ${status}`,
  },
  notaryFound: {
    en: (when: string, id: string) => `Notarised at ${when} (block time), transaction ${id}.`,
    cy: (when: string, id: string) =>
      `Wedi’i notareiddio am ${when} (amser y bloc), trafodyn ${id}.`,
  },
  notaryNotFound: {
    en: () => 'This document has not been notarised.',
    cy: () => 'Nid yw’r ddogfen hon wedi’i notareiddio.',
  },
  receiptWritten: {
    en: (file: string) => `Receipt written to ${file}`,
    cy: (file: string) => `Derbynneb wedi’i hysgrifennu i ${file}`,
  },
  receiptValid: {
    en: () =>
      'VALID: this transaction is in the ledger, and a quorum of member bodies vouched for it.',
    cy: () =>
      'DILYS: mae’r trafodyn hwn yn y cyfriflyfr, a chadarnhaodd cworwm o gyrff sy’n aelodau hynny.',
  },
  receiptInvalid: { en: () => 'NOT VALID', cy: () => 'NID YW’N DDILYS' },
  keysWritten: {
    en: (file: string, n: number) => `Consortium keys (${n} validators) written to ${file}`,
    cy: (file: string, n: number) =>
      `Allweddi’r consortiwm (${n} dilyswr) wedi’u hysgrifennu i ${file}`,
  },
  auditOk: {
    en: (h: number, n: number, s: number) =>
      `OK: every hash, signature, Merkle root, state root and checkpoint holds — ${h + 1} block${h === 0 ? '' : 's'}, ${n} transaction${n === 1 ? '' : 's'}, ${s} state entries.`,
    cy: (h: number, n: number, s: number) =>
      `IAWN: mae pob hash, llofnod, gwraidd Merkle, gwraidd cyflwr a phwynt gwirio’n dal — ${h + 1} bloc, ${n} trafodyn, ${s} cofnod cyflwr.`,
  },
  auditBad: {
    en: (h: number, code: string, detail: string) => `FAILED at block ${h}: ${code} — ${detail}`,
    cy: (h: number, code: string, detail: string) => `METHODD ym mloc ${h}: ${code} — ${detail}`,
  },
  refused: {
    en: (title: string, code: string) => `Refused: ${title} (${code})`,
    cy: (title: string, code: string) => `Gwrthodwyd: ${title} (${code})`,
  },
  noStaffToken: {
    en: (file: string) =>
      `No staff token: start the node first (it writes ${file}), or pass --staff-token`,
    cy: (file: string) =>
      `Dim tocyn staff: dechreuwch y nod yn gyntaf (mae’n ysgrifennu ${file}), neu rhowch --staff-token`,
  },
  demoFailed: {
    en: (why: string) => `The story stopped at step ${why}`,
    cy: (why: string) => `Daeth y stori i ben yng ngham ${why}`,
  },
  unreachable: {
    en: (url: string) => `Cannot reach the node at ${url}. Is it running (cadwyn start)?`,
    cy: (url: string) => `Methu cyrraedd y nod yn ${url}. Ydy e’n rhedeg (cadwyn start)?`,
  },
  // cadwyn cluster (decision 0009)
  clusterStarting: {
    en: (n: number, m: number, dir: string) =>
      `Starting a local consortium: ${m} etcd members and ${n} validator nodes in ${dir}…`,
    cy: (n: number, m: number, dir: string) =>
      `Yn cychwyn consortiwm lleol: ${m} aelod etcd a ${n} nod dilysu yn ${dir}…`,
  },
  clusterUp: {
    en: (url: string, urls: string) =>
      `The consortium is running. Open ${url}/ (the Explorer shows its blocks and who cosigned them).
` +
      `Nodes: ${urls}
Stop it with: npx cadwyn cluster down   (or Ctrl-C here)`,
    cy: (url: string, urls: string) =>
      `Mae’r consortiwm yn rhedeg. Agorwch ${url}/ (mae’r Archwiliwr yn dangos ei flociau a phwy a’u cydlofnododd).
` +
      `Nodau: ${urls}
I’w stopio: npx cadwyn cluster down   (neu Ctrl-C yma)`,
  },
  clusterStopped: {
    en: () => 'The local consortium has stopped.',
    cy: () => 'Mae’r consortiwm lleol wedi stopio.',
  },
  clusterNotRunning: {
    en: (dir: string) => `No local consortium is running from ${dir}.`,
    cy: (dir: string) => `Nid oes consortiwm lleol yn rhedeg o ${dir}.`,
  },
  clusterNode: {
    en: (i: number, url: string, state: string) => `node ${i}  ${url}  ${state}`,
    cy: (i: number, url: string, state: string) => `nod ${i}  ${url}  ${state}`,
  },
  clusterNodeState: {
    en: (h: number, f: number, leader: boolean, halted: string) =>
      `height ${h}, final ${f}${leader ? ', proposer' : ''}${halted ? `, HALTED: ${halted}` : ''}`,
    cy: (h: number, f: number, leader: boolean, halted: string) =>
      `uchder ${h}, terfynol ${f}${leader ? ', cynigydd' : ''}${halted ? `, WEDI STOPIO: ${halted}` : ''}`,
  },
  clusterNodeDown: { en: () => 'not answering', cy: () => 'dim ateb' },
  clusterEtcd: {
    en: (i: number, url: string, ok: boolean) =>
      `etcd ${i}  ${url}  ${ok ? 'healthy' : 'not healthy'}`,
    cy: (i: number, url: string, ok: boolean) =>
      `etcd ${i}  ${url}  ${ok ? 'iach' : 'ddim yn iach'}`,
  },
  fileMissing: {
    en: (file: string) => `Cannot read ${file}`,
    cy: (file: string) => `Methu darllen ${file}`,
  },
} as const;

export type MessageKey = keyof typeof M;

export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const l = env.CADWYN_LANG ?? env.LC_ALL ?? env.LANG ?? '';
  return /^cy/i.test(l) ? 'cy' : 'en';
}

export function say<K extends MessageKey>(
  lang: Lang,
  key: K,
  ...args: Parameters<(typeof M)[K]['en']>
): string {
  const f = M[key][lang] as (...a: unknown[]) => string;
  return f(...args);
}

/** Every message has both languages (checked by a test). */
export function allMessages(): Record<string, { en: unknown; cy: unknown }> {
  return M;
}
