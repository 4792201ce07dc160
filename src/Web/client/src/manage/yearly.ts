import { el } from '../lib/dom';
import { named, t } from '../lib/i18n';
import { progress } from './charts';
import { charts, exportLinks, failed, scroll } from './sections';
import type { Shown } from './state';

// The year: the statistics return's categories, and the targets with how far each has come.

const rowHeight = 26;

export function yearly(s: Shown, year: number, host: HTMLElement): void {
  const head = el('div', { class: 'section-head' }, el('h2', {}, `${t('yearly')} ${year}`),
    s.yearly.ok ? exportLinks('yearly', { networkId: s.network.id, year: String(year) }) : null);
  if (!s.yearly.ok) {
    host.replaceChildren(head, failed(s.yearly)!);
    return;
  }
  host.replaceChildren(head, scroll(el('table', { id: 'yearly-table' },
    el('thead', {}, el('tr', {}, el('th', {}, t('item')), el('th', {}, t('count')))),
    el('tbody', {}, ...s.yearly.value.lines.map((l) => el('tr', { 'data-line': l.category }, el('td', {}, named(l, l.category)), el('td', {}, String(l.count))))))));
}

/** How much of the year has passed by the last day shown, in %. */
function elapsed(to: string): number {
  const day = new Date(`${to}T00:00:00Z`);
  const start = Date.UTC(day.getUTCFullYear(), 0, 1);
  const length = Date.UTC(day.getUTCFullYear() + 1, 0, 1) - start;
  return Math.round((1000 * (day.getTime() - start + 86_400_000)) / length) / 10;
}

export function targets(s: Shown, year: number, host: HTMLElement): void {
  const head = el('div', { class: 'section-head' }, el('h2', {}, `${t('targets')} ${year}`),
    s.targets.ok && s.targets.value.length > 0 ? exportLinks('targets', { networkId: s.network.id, year: String(year) }) : null);
  if (!s.targets.ok) {
    host.replaceChildren(head, failed(s.targets)!);
    return;
  }
  const rows = s.targets.value;
  if (rows.length === 0) {
    host.replaceChildren(head, el('p', {}, t('noTargets')));
    return;
  }
  const service = (id: string) => named(s.network.services.find((x) => x.id === id), id);
  host.replaceChildren(head, charts.targets.card, scroll(el('table', { id: 'targets-table' },
    el('thead', {}, el('tr', {}, ...[t('station'), t('service'), t('target'), t('actual'), `${t('progress')} %`].map((h) => el('th', {}, h)))),
    el('tbody', {}, ...rows.map((r) => {
      const bar = el('span', { class: 'bar' });
      bar.style.setProperty('--w', `${Math.min(100, r.progress)}%`);
      return el('tr', { 'data-target': `${r.stationId}|${r.service}` }, el('td', {}, r.name), el('td', {}, service(r.service)),
        el('td', {}, String(r.target)), el('td', {}, String(r.actual)), el('td', { class: 'progress' }, bar, el('span', { class: 'pct' }, String(r.progress))));
    })))));
  charts.targets.draw(t('targetProgress'), progress(rows.map((r) => ({ name: `${r.name} · ${service(r.service)}`, value: r.progress })),
    elapsed(`${year}-12-31` < s.to ? `${year}-12-31` : s.to), t('yearElapsed')), t('noTargets'), rows.length * rowHeight + 60);
}
