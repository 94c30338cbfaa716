// Small DOM helpers: no framework (decision 0007). Text that depends on the language is drawn
// through whenLang (i18n.ts) so that switching language redraws it in place.
import type { Arg, Key } from './i18n.js';
import { t, whenLang } from './i18n.js';

export type Child = Node | string | number | null | undefined | false | readonly Child[];
type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue | ((e: Event) => void)>;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child as readonly Child[]) append(parent, c);
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    parent.appendChild(document.createTextNode(String(child)));
  }
}

/** Appends children, skipping null/undefined/false and flattening arrays. */
export function add(parent: Node, ...children: Child[]): void {
  for (const c of children) append(parent, c);
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') {
      el.addEventListener(name.replace(/^on/, ''), value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      el.setAttribute(name, String(value));
    }
  }
}

/** An element: `h('p', { class: 'govuk-body' }, tr('key'))`. `onclick` etc. add listeners. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) setAttrs(el, attrs);
  add(el, ...children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element (charts). */
export function svg(tag: string, attrs: Attrs = {}, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag) as SVGElement;
  setAttrs(el, attrs);
  add(el, ...children);
  return el;
}

/** A text node showing t(key, ...args), redrawn when the language changes. */
export function tr(key: Key, ...args: Arg[]): Text {
  const node = document.createTextNode('');
  whenLang(node, () => {
    node.data = t(key, ...args);
  });
  return node;
}

/** Sets attribute `name` to t(key, ...args), redrawn when the language changes. */
export function trAttr<E extends Element>(el: E, name: string, key: Key, ...args: Arg[]): E {
  whenLang(el, () => el.setAttribute(name, t(key, ...args)));
  return el;
}

/** A part of the page drawn from state: `update()` redraws it, as does a language change. */
export interface View<E extends Element> {
  readonly el: E;
  update(): void;
}

export function view<E extends Element>(el: E, draw: () => Child): View<E> {
  const update = (): void => {
    const frag = document.createDocumentFragment();
    append(frag, draw());
    el.replaceChildren(frag);
  };
  whenLang(el, update);
  return { el, update };
}

// `[words](target)`: a link. Only site paths, fragments and https addresses become links.
const LINK_RE = /\[([^\]]+)\]\(((?:\/|#|https:\/\/|mailto:)[^)\s]*)\)/g;

/** t(key) with `[words](target)` turned into links. */
function richNodes(key: Key, args: Arg[]): Node[] {
  const text = t(key, ...args);
  const out: Node[] = [];
  let last = 0;
  for (const m of text.matchAll(LINK_RE)) {
    const at = m.index;
    if (at > last) out.push(document.createTextNode(text.slice(last, at)));
    const [, words = '', href = ''] = m;
    out.push(h('a', { class: 'govuk-link', href }, words));
    last = at + m[0].length;
  }
  if (last < text.length) out.push(document.createTextNode(text.slice(last)));
  return out;
}

/** An element whose content is the rich text of `key`. */
export function rich<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null,
  key: Key,
  ...args: Arg[]
): HTMLElementTagNameMap[K] {
  const el = h(tag, attrs);
  view(el, () => richNodes(key, args));
  return el;
}

/** A paragraph of body text. */
export const para = (key: Key, ...args: Arg[]): HTMLParagraphElement =>
  rich('p', { class: 'govuk-body' }, key, ...args);

/** Text only screen readers hear (a prefix such as "Error:"). */
export const hidden = (key: Key, ...args: Arg[]): HTMLSpanElement =>
  h('span', { class: 'govuk-visually-hidden' }, tr(key, ...args));

let idCounter = 0;
/** A page-unique id for label/describedby pairs. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
