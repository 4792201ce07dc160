// A tiny element builder: the pages are small enough that no framework earns its weight.

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Record<string, string> = {}, ...children: Child[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c) e.append(c);
  return e;
}

export function banner(text: string, kind: 'info' | 'warn' = 'info'): HTMLElement {
  return el('div', { class: `banner ${kind}`, role: 'status' }, text);
}
