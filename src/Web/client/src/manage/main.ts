import { api, ApiError, type DailyCount, type NetworkSummary, type NetworkView } from '../lib/api';
import { loginForm } from '../lib/login';
import { el } from '../lib/dom';
import { named, t } from '../lib/i18n';
import { pageHeader } from '../lib/page';

// The simple manager page of the first slice: one day's counts as a station × service table with totals.

const app = document.getElementById('app')!;
const networkSel = el('select', { id: 'network' });
const dayInput = el('input', { id: 'day', type: 'date' });
const showBtn = el('button', { id: 'show' }, t('show'));
const csvLink = el('a', { id: 'csv' }, t('exportCsv'));
const tableWrap = el('div', { class: 'report' });
let networks: NetworkSummary[] = [];
let network: NetworkView | undefined;
let rows: DailyCount[] = [];

function localToday(tz: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function renderTable(): void {
  if (!network) return;
  showBtn.textContent = t('show');
  csvLink.textContent = t('exportCsv');
  if (rows.length === 0) { tableWrap.replaceChildren(el('p', {}, t('noData'))); return; }
  const services = network.services.map((s) => s.id);
  const cell = new Map(rows.map((r) => [`${r.stationId}|${r.service}`, r.count]));
  const colTotal = (s: string) => rows.filter((r) => r.service === s).reduce((a, r) => a + r.count, 0);
  const rowTotal = (st: string) => rows.filter((r) => r.stationId === st).reduce((a, r) => a + r.count, 0);
  const head = el('tr', {}, el('th', {}, t('station')), ...services.map((s) => el('th', {}, named(network!.services.find((x) => x.id === s), s))), el('th', {}, t('total')));
  const body = network.stations.map((st) => el('tr', { 'data-station': st.id }, el('td', {}, st.name),
    ...services.map((s) => el('td', {}, String(cell.get(`${st.id}|${s}`) ?? 0))), el('td', { class: 'row-total' }, String(rowTotal(st.id)))));
  const foot = el('tr', { class: 'totals' }, el('th', {}, t('total')), ...services.map((s) => el('th', {}, String(colTotal(s)))),
    el('th', { 'data-grand-total': '' }, String(rows.reduce((a, r) => a + r.count, 0))));
  tableWrap.replaceChildren(el('table', {}, el('thead', {}, head), el('tbody', {}, ...body), el('tfoot', {}, foot)));
}

async function show(): Promise<void> {
  network = await api.network(networkSel.value);
  const day = dayInput.value || localToday(network.timeZone);
  dayInput.value = day;
  rows = await api.daily(network.id, day, day);
  csvLink.href = `/api/reports/daily?networkId=${encodeURIComponent(network.id)}&from=${day}&to=${day}&format=csv`;
  renderTable();
}

async function load(): Promise<void> {
  try {
    networks = await api.networks();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      app.replaceChildren(pageHeader(() => t('manage'), () => '', () => undefined), el('main', {}, loginForm(() => void load())));
      return;
    }
    throw e;
  }
  networkSel.replaceChildren(...networks.map((n) => el('option', { value: n.id }, named(n, n.id))));
  showBtn.addEventListener('click', () => void show());
  app.replaceChildren(pageHeader(() => t('manage'), () => '', () => {
    networkSel.replaceChildren(...networks.map((n) => el('option', { value: n.id }, named(n, n.id))));
    if (network) networkSel.value = network.id;
    renderTable();
  }), el('main', {}, el('div', { class: 'filters' }, networkSel, dayInput, showBtn, csvLink), tableWrap));
  if (networks.length > 0) await show();
}

void load();
