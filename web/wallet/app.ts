// What every Wallet screen is given: the unlocked wallet, the node it trusts (this page's own
// origin: decision 0006 says always pass nodeUrl), navigation and announcements.
import type { Child } from '../shared/dom.js';
import type { Wallet } from '../../src/wallet/index.js';

/** Screens reached through the menu (the address's #fragment). */
export const ROUTES = [
  'credentials',
  'receive',
  'share',
  'consents',
  'give',
  'history',
  'receipts',
  'property',
  'business',
  'backup',
] as const;
export type Route = (typeof ROUTES)[number];

/** Screens shown while there is no unlocked wallet. */
export type LockedRoute = 'welcome' | 'restore' | 'unlock';

/** The shortest passphrase the Wallet accepts (for the wallet and for backups). */
export const PASSPHRASE_MIN = 8;

/** What a screen draws: its content (with an h1 first) and its name for the window title. */
export interface Screen {
  readonly el: HTMLElement;
  readonly title: () => string;
  /** Called when the screen is replaced (stops the camera, say). */
  readonly leave?: () => void;
}

/** A link opened on this device (/wallet/?offer=… or ?request=…), waiting for the wallet. */
export interface PendingLink {
  readonly kind: 'offer' | 'request';
  readonly link: string;
}

export interface App {
  /** The node whose ledger the wallet trusts: the one serving this page. */
  readonly nodeUrl: string;
  /** The unlocked wallet; throws when locked (screens that need it are shown only unlocked). */
  wallet(): Wallet;
  /** Goes to a screen, with an optional success message shown on it and announced. */
  go(route: Route, message?: Child): void;
  /** Replaces the current screen with the next step of the same task; focus moves to its h1. */
  show(screen: Screen): void;
  /** Says something to screen-reader users (polite). */
  announce(text: string): void;
  /** The link opened on this device, if any, handed over once. */
  takePending(kind: PendingLink['kind']): string | undefined;
  /** Keeps the unlocked wallet and goes on to where the person was going. */
  unlocked(wallet: Wallet, message?: Child): void;
  /** Forgets the wallet in memory; the unlock screen follows. */
  lock(message?: Child): void;
  /** The wallet was removed from this device: the welcome screen follows. */
  removed(message?: Child): void;
  /** Goes to a locked-state screen (welcome ↔ restore). */
  goLocked(route: LockedRoute): void;
}
