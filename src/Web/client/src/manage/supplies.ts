// Supplies a manager must act on (low, below zero, expiring within 30 days, expired), and the supplies report of
// the range on screen: opening + received − handed out − discarded + count adjustments = closing, with exports.
import { api, type SupplyWarning } from '../lib/api';
import { el } from '../lib/dom';
import { named, t, unitOf } from '../lib/i18n';
import { exportLinks, scroll } from './sections';
import { failure, isParent, networkName, type Shown } from './state';

function what(w: SupplyWarning, today: string): string {
  const parts: string[] = [];
  if (w.negative) parts.push(t('supplyNegative'));
  else if (w.low) parts.push(`${t('supplyLow')} (≤ ${w.lowAt})`);
  if (w.expired > 0) parts.push(t('supplyExpiredN').replace('{n}', `${w.expired} ${unitOf(w)}`));
  const soon = w.expiring.filter((b) => b.expiresOn >= today).map((b) => `${b.quantity} ${unitOf(w)} ${t('supplyExpiring').replace('{n}', b.expiresOn)}`);
  return [...parts, ...soon].join(' · ');
}

type Answers = [PromiseSettledResult<Awaited<ReturnType<typeof api.supplyWarnings>>>, PromiseSettledResult<Awaited<ReturnType<typeof api.suppliesReport>>>];

/** The last answers, so a language switch redraws at once in the new words rather than after the next fetch. */
let last: { key: string; answers: Answers } | null = null;

export async function renderSupplies(host: HTMLElement, s: Shown): Promise<void> {
  const key = `${s.network.id}|${s.from}|${s.to}`;
  if (last?.key === key) draw(host, s, last.answers);
  const answers: Answers = await Promise.allSettled([api.supplyWarnings(s.network.id), api.suppliesReport(s.network.id, s.from, s.to)]);
  last = { key, answers };
  draw(host, s, answers);
}

function draw(host: HTMLElement, s: Shown, [warnings, report]: Answers): void {
  const params = { networkId: s.network.id, from: s.from, to: s.to, ...(s.stationId ? { stationId: s.stationId } : {}) };
  const failedText = (r: PromiseRejectedResult) => el('p', { class: 'error', role: 'alert' }, failure(r.reason));
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: s.network.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  // A parent's warnings and report: every station beneath it, each naming its network under its name.
  const parent = isParent(s.network.id);
  const mine = <T extends { stationId: string }>(rows: T[]) => rows.filter((r) => !s.stationId || r.stationId === s.stationId);
  const list = warnings.status === 'rejected' ? failedText(warnings) : mine(warnings.value).length === 0
    ? el('p', { id: 'supply-all-good' }, t('supplyAllGood'))
    : scroll(el('table', { id: 'supply-warnings' },
      el('thead', {}, el('tr', {}, ...[parent ? `${t('station')} / ${t('networkLabel')}` : t('station'), t('supplyItem'), t('supplyOnHand'), ''].map((h, i) => el('th', { class: i === 2 ? '' : 'text' }, h)))),
      el('tbody', {}, ...mine(warnings.value).map((w) => el('tr', { 'data-supply-station': w.stationId, 'data-supply-item': w.item },
        el('td', {}, w.station, parent ? el('small', { class: 'network-of' }, networkName(w.networkId)) : null), el('td', { class: 'text' }, named(w, w.item)), el('td', { class: w.negative ? 'negative' : '' }, `${w.onHand} ${unitOf(w)}`),
        el('td', { class: 'what text' }, what(w, today)))))));
  const table = report.status === 'rejected' ? failedText(report) : scroll(el('table', { id: 'supplies-table' },
    el('thead', {}, el('tr', {}, ...[parent ? `${t('station')} / ${t('networkLabel')}` : t('station'), t('supplyItem'), t('supplyOpening'), t('supplyReceived'), t('supplyHandedOut'), t('supplyDiscarded'),
      t('supplyAdjusted'), t('supplyClosing')].map((h, i) => el('th', { class: i < 2 ? 'text' : '' }, h)))),
    el('tbody', {}, ...mine(report.value).map((r) => el('tr', { 'data-supply-row': `${r.stationId}/${r.item}` },
      el('td', {}, r.station, parent ? el('small', { class: 'network-of' }, networkName(r.networkId)) : null), el('td', { class: 'text' }, `${named(r, r.item)} (${unitOf(r)})`), ...[r.opening, r.received, r.handedOut, r.discarded, r.adjusted, r.closing]
        .map((n) => el('td', {}, String(n))))))));
  host.replaceChildren(el('h2', {}, t('supplyWarnings')), list,
    el('div', { class: 'section-head' }, el('h2', {}, t('suppliesReport')), el('p', { class: 'range' }, `${s.from} — ${s.to}`), exportLinks('supplies', params)),
    table);
}
