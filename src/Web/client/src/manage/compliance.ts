import { el } from '../lib/dom';
import { hourLabel, t } from '../lib/i18n';
import { heat } from './charts';
import { charts, exportLinks, failed, scroll } from './sections';
import type { Shown } from './state';

// Stations open by their hours that logged nothing ("open but locked"): a station × hour map of the days each
// hour was silent, and the table behind it, worst first.

export function compliance(s: Shown, host: HTMLElement): void {
  const params = { networkId: s.network.id, from: s.from, to: s.to, ...(s.stationId ? { stationId: s.stationId } : {}) };
  const head = el('div', { class: 'section-head' }, el('h2', {}, t('compliance')), s.compliance.ok ? exportLinks('compliance', params) : null);
  if (!s.compliance.ok) {
    host.replaceChildren(head, failed(s.compliance)!);
    return;
  }
  const rows = [...s.compliance.value].sort((a, b) => b.silentHours - a.silentHours || (a.stationId < b.stationId ? -1 : 1));
  const silent = rows.filter((r) => r.silentHours > 0);
  const cells = silent.flatMap((r, y) => {
    const days = new Array<number>(24).fill(0);
    for (const d of r.silent) for (const h of d.hours) days[h]++;
    return days.map((n, x) => [x, y, n] as [number, number, number]);
  });
  host.replaceChildren(head, silent.length === 0 ? el('p', { class: 'all-logged' }, t('allLogged')) : charts.compliance.card,
    scroll(el('table', { id: 'compliance-table' },
      el('thead', {}, el('tr', {}, ...[t('station'), t('openHours'), t('silentHours'), t('silentDays')].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...rows.map((r) => el('tr', { 'data-compliance': r.stationId }, el('td', {}, r.name), el('td', {}, String(r.openHours)),
        el('td', {}, String(r.silentHours)), el('td', {}, String(r.silentDays))))))));
  if (silent.length > 0) {
    charts.compliance.draw(t('complianceMap'), heat(silent.map((r) => r.name), Array.from({ length: 24 }, (_, h) => hourLabel(h)), cells, t('silentDaysAt')),
      '', silent.length * 26 + 100);
  }
}
