import { total } from '../lib/api';
import { el } from '../lib/dom';
import { lang, t } from '../lib/i18n';
import { serviceName, stationInfo, statusWord, wall } from './state';

// One tile per station: its name, one number, one status word and a strip of its three busiest services.
// Tiles are made once and updated in place; the ones that do not fit go to the next page.

const BUSY_WINDOW_MS = 30 * 60_000;
const BUSY_TAPS = 5;

export class Tiles {
  private readonly tiles = new Map<string, HTMLElement>();
  /** When each station's count last went up, as seen by this screen; a bounded ring per station. */
  private readonly rises = new Map<string, number[]>();
  private page = 0;
  private perPage = 1;

  constructor(private readonly host: HTMLElement, private readonly pager: HTMLElement) {}

  /** Station ids on the page showing now. */
  onPage(): Set<string> {
    const ids = wall.snapshot?.stations.map((s) => s.stationId) ?? [];
    return new Set(ids.slice(this.page * this.perPage, (this.page + 1) * this.perPage));
  }

  /** Notes which stations' counts went up, for the busy glow. */
  noteRises(changed: { stationId: string; counts: Record<string, number> }[]): void {
    for (const c of changed) {
      const before = wall.snapshot?.stations.find((s) => s.stationId === c.stationId);
      if (before && total(c.counts) > total(before.counts)) {
        const ring = this.rises.get(c.stationId) ?? [];
        ring.push(Date.now());
        this.rises.set(c.stationId, ring.slice(-BUSY_TAPS * 2));
      }
    }
  }

  renderAll(): void {
    const ids = new Set(wall.snapshot?.stations.map((s) => s.stationId) ?? []);
    for (const id of [...this.tiles.keys()]) if (!ids.has(id)) { this.tiles.get(id)!.remove(); this.tiles.delete(id); }
    for (const id of ids) this.render(id);
    this.layout();
  }

  render(stationId: string): void {
    const live = wall.snapshot?.stations.find((x) => x.stationId === stationId);
    if (!live) return;
    let tile = this.tiles.get(stationId);
    if (!tile) {
      tile = el('article', { class: 'tile', 'data-station': stationId },
        el('h3', { class: 'name' }),
        el('div', { class: 'row' }, el('span', { class: 'tile-total', 'data-station-total': stationId }),
          el('span', { class: 'supply', 'data-supply-warnings': stationId, hidden: '' }), el('span', { class: 'status' })),
        el('div', { class: 'strip' }));
      this.tiles.set(stationId, tile);
      this.host.append(tile);
    }
    tile.querySelector('.name')!.textContent = stationInfo(stationId)?.name ?? live.name;
    setNumber(tile.querySelector<HTMLElement>('.tile-total')!, total(live.counts));
    const status = tile.querySelector<HTMLElement>('.status')!;
    status.textContent = statusWord(live.status);
    tile.dataset.status = live.status ?? 'unknown';
    // A small count of supply items to act on, beside the status; never in place of the station's total.
    const supply = tile.querySelector<HTMLElement>('.supply')!;
    const warnings = wall.supplies?.get(stationId) ?? 0;
    supply.hidden = warnings === 0;
    supply.textContent = `⚠ ${t('supplies')} ${warnings}`;
    supply.title = `${warnings} ${t('supplyWallTitle')}`;
    supply.dataset.count = String(warnings);
    const recent = (this.rises.get(stationId) ?? []).filter((at) => Date.now() - at < BUSY_WINDOW_MS);
    tile.dataset.busy = String(recent.length >= BUSY_TAPS && live.status !== 'closed');
    const top = Object.entries(live.counts).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).slice(0, 3);
    tile.querySelector('.strip')!.replaceChildren(...(top.length
      ? top.map(([s, n]) => el('span', { 'data-service': s }, el('b', {}, String(n)), ` ${serviceName(s)}`))
      : [el('span', { class: 'none' }, t('never'))]));
    if (!tile.hidden) fitStrip(tile);
  }

  /** How many tiles fit, and which page is showing: pages rotate on their own; there is never a scrollbar. */
  layout(): void {
    const ids = wall.snapshot?.stations.map((s) => s.stationId) ?? [];
    const sample = this.tiles.values().next().value as HTMLElement | undefined;
    if (!sample) return;
    sample.hidden = false;
    const style = getComputedStyle(this.host);
    const gap = parseFloat(style.rowGap) || 0;
    const cols = Math.max(1, style.gridTemplateColumns.split(' ').length);
    const rows = Math.max(1, Math.floor((this.host.clientHeight + gap) / (sample.offsetHeight + gap)));
    this.perPage = cols * rows;
    const pages = Math.max(1, Math.ceil(ids.length / this.perPage));
    this.page %= pages;
    ids.forEach((id, i) => {
      const tile = this.tiles.get(id);
      if (!tile) return;
      tile.hidden = Math.floor(i / this.perPage) !== this.page;
      if (!tile.hidden) fitStrip(tile);
    });
    this.pager.textContent = pages > 1 ? (lang() === 'zh' ? `第 ${this.page + 1}/${pages} 页` : `Page ${this.page + 1}/${pages}`) : '';
    this.pager.dataset.page = String(this.page + 1);
    this.pager.dataset.pages = String(pages);
  }

  next(): void {
    this.page++;
    this.layout();
  }
}

/** Shows as many of the busiest services as fit on one line, never a cut-off word. */
function fitStrip(tile: HTMLElement): void {
  const strip = tile.querySelector<HTMLElement>('.strip')!;
  const items = [...strip.children] as HTMLElement[];
  items.forEach((i) => { i.hidden = false; });
  let full = false;
  for (const item of items.slice(1)) {
    full ||= item.offsetLeft + item.offsetWidth > strip.clientWidth + 1;
    item.hidden = full;
  }
}

export function setNumber(node: HTMLElement, value: number): void {
  const text = String(value);
  if (node.textContent === text) return;
  const rose = node.textContent !== '' && Number(node.textContent) < value;
  node.textContent = text;
  if (rose) {
    node.classList.remove('bump');
    void node.offsetWidth; // restart the animation
    node.classList.add('bump');
  }
}
