import { api, ApiError, type AuditLine, type DailyCount, type NetworkSummary, type NetworkView, type SummaryReport } from '../lib/api';
import { el } from '../lib/dom';
import { named, t } from '../lib/i18n';
import { loginForm } from '../lib/login';
import { pageHeader } from '../lib/page';
import { TrendChart } from './trend';
import { renderStatus } from './status';
import './manage.css';

// Managers' counts: a station × service table over any range of days with totals, the same days last
// year beside it, a trend by day, and exports that carry exactly the numbers on the screen.

const app = document.getElementById('app')!;
const networkSel = el('select', { id: 'network' });
const stationSel = el('select', { id: 'station' });
const glanceEl = el('section', { class: 'glance', id: 'glance' });
const yearlyEl = el('section', { class: 'yearly', id: 'yearly' });
const fromInput = el('input', { id: 'from', type: 'date' });
const toInput = el('input', { id: 'to', type: 'date' });
const compareBox = el('input', { id: 'compare', type: 'checkbox' });
const showBtn = el('button', { id: 'show', type: 'button' }, t('show'));
const csvLink = el('a', { id: 'csv' }, t('exportCsv'));
const xlsxLink = el('a', { id: 'xlsx' }, t('exportXlsx'));
const tableWrap = el('div', { class: 'report' });
const trendEl = el('div', { class: 'trend', id: 'trend' });
const auditEl = el('section', { class: 'audit', id: 'audit' });
const targetsEl = el('section', { class: 'targets', id: 'targets' });
const complianceEl = el('section', { class: 'compliance', id: 'compliance' });
const statusEl = el('section', { class: 'station-status', id: 'station-status' });
const auditStation = el('select', { id: 'audit-station' });
const auditKind = el('select', { id: 'audit-kind' });
let hourly: Record<string, number[]> | null = null;
let trend: TrendChart | undefined;
let networks: NetworkSummary[] = [];
let network: NetworkView | undefined;
let report: SummaryReport | undefined;
let daily: DailyCount[] = [];

function localToday(tz: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? '—' : 'new';
  const pct = Math.round((100 * (now - before)) / before);
  return `${pct > 0 ? '+' : ''}${pct}%`;
}

function renderTable(): void {
  if (!network || !report) return;
  showBtn.textContent = t('show');
  csvLink.textContent = t('exportCsv');
  xlsxLink.textContent = t('exportXlsx');
  const services = network.services.map((s) => s.id);
  const last = report.lastYear;
  const lastOf = (id: string) => last?.stations.find((s) => s.stationId === id)?.total ?? 0;
  const head = el('tr', {}, el('th', {}, t('station')), ...services.map((s) => el('th', {}, named(network!.services.find((x) => x.id === s), s))),
    el('th', {}, t('total')), ...(last ? [el('th', {}, t('lastYear')), el('th', {}, t('change'))] : []));
  const body = report.stations.map((st) => el('tr', { 'data-station': st.stationId }, el('td', {}, st.name),
    ...services.map((s) => el('td', {}, String(st.counts[s] ?? 0))), el('td', { class: 'row-total' }, String(st.total)),
    ...(last ? [el('td', {}, String(lastOf(st.stationId))), el('td', {}, change(st.total, lastOf(st.stationId)))] : [])));
  const foot = el('tr', { class: 'totals' }, el('th', {}, t('total')), ...services.map((s) => el('th', {}, String(report!.totals[s] ?? 0))),
    el('th', { 'data-grand-total': '' }, String(report.total)),
    ...(last ? [el('th', {}, String(last.total)), el('th', {}, change(report.total, last.total))] : []));
  tableWrap.replaceChildren(el('p', { class: 'range' }, `${report.from} — ${report.to}`),
    el('table', {}, el('thead', {}, head), el('tbody', {}, ...body), el('tfoot', {}, foot)));
  const services2 = network.services.map((s) => ({ id: s.id, name: named(s, s.id) }));
  if (hourly) trend?.updateHours(services2, hourly); else trend?.update(services2, daily, report.from, report.to);
}

/** The audit trail of the range: who recorded what, when, from which tablet; events and voids. */
async function renderAudit(before?: string): Promise<void> {
  if (!network || !report) return;
  const lines: AuditLine[] = await api.audit(network.id, report.from, report.to, auditStation.value, auditKind.value, before);
  const stationName = (id: string) => network!.stations.find((s) => s.id === id)?.name ?? id;
  const rows = lines.map((l) => el('tr', { 'data-audit': l.eventId, 'data-kind': l.kind },
    el('td', {}, new Date(l.recordedAt).toLocaleString()), el('td', {}, l.kind === 'void' ? t('auditVoid') : t('auditEvent')),
    el('td', {}, stationName(l.stationId)), el('td', {}, `${named(network!.services.find((s) => s.id === l.service), l.service)} ×${l.quantity}`),
    el('td', {}, new Date(l.occurredAt).toLocaleString()), el('td', {}, l.attendant ?? ''), el('td', { title: l.device ?? '' }, l.deviceName ?? l.device ?? '')));
  const more = el('button', { type: 'button', id: 'audit-more' }, t('more'));
  more.addEventListener('click', () => void renderAudit(lines[lines.length - 1]?.recordedAt));
  auditEl.replaceChildren(el('h2', {}, t('audit')), el('div', { class: 'filters' }, auditStation, auditKind),
    el('table', {}, el('thead', {}, el('tr', {}, ...[t('recordedAt'), t('kind'), t('station'), t('service'), t('occurredAt'), t('attendantShort'), t('device')].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...rows)), lines.length === 50 ? more : '');
}

async function show(): Promise<void> {
  network = await api.network(networkSel.value);
  const today = localToday(network.timeZone);
  const from = fromInput.value || today;
  const to = toInput.value || from;
  fromInput.value = from;
  toInput.value = to;
  if (stationSel.options.length !== network.stations.length + 1) {
    const keep = stationSel.value;
    stationSel.replaceChildren(el('option', { value: '' }, t('allStations')), ...network.stations.map((s) => el('option', { value: s.id }, s.name)));
    stationSel.value = keep;
  }
  report = await api.summary(network.id, from, to, compareBox.checked, stationSel.value);
  daily = await api.daily(network.id, from, to).catch(() => []); // over a year: the table still shows, without a trend
  hourly = from === to ? (await api.hourly(network.id, from)).hourly : null;
  auditStation.replaceChildren(el('option', { value: '' }, t('allStations')), ...network.stations.map((s) => el('option', { value: s.id }, s.name)));
  auditKind.replaceChildren(el('option', { value: '' }, t('allKinds')), el('option', { value: 'event' }, t('auditEvent')), el('option', { value: 'void' }, t('auditVoid')));
  const scope = `networkId=${encodeURIComponent(network.id)}&from=${from}&to=${to}${stationSel.value ? `&stationId=${encodeURIComponent(stationSel.value)}` : ''}`;
  auditStation.value = stationSel.value;
  csvLink.href = `/api/reports/summary?${scope}&format=csv`;
  xlsxLink.href = `/api/reports/summary?${scope}&format=xlsx`;
  renderTable();
  await renderGlance();
  await renderStatus(statusEl, network.id, network.timeZone);
  await renderYearly(Number(to.slice(0, 4)));
  await renderTargets(Number(to.slice(0, 4)));
  await renderCompliance(from, to);
  await renderAudit();
}

/** Today at a glance: the network's totals so far today and how many stations have served anyone. */
async function renderGlance(): Promise<void> {
  if (!network) return;
  const live = await api.live(network.id);
  const total = Object.values(live.totals).reduce((a, b) => a + b, 0);
  const active = live.stations.filter((s) => Object.values(s.counts).some((n) => n > 0)).length;
  glanceEl.replaceChildren(el('h2', {}, `${t('today')} · ${live.day}`),
    el('div', { class: 'glance-row' },
      el('div', { class: 'big' }, el('span', { class: 'n', id: 'glance-total' }, String(total)), el('span', {}, t('total'))),
      el('div', { class: 'big' }, el('span', { class: 'n' }, `${active}/${live.stations.length}`), el('span', {}, t('activeStations'))),
      ...network.services.map((s) => el('div', { class: 'small' }, el('span', { class: 'n' }, String(live.totals[s.id] ?? 0)), el('span', {}, named(s, s.id))))),
    el('a', { href: `/wall/${encodeURIComponent(network.id)}` }, t('wall')));
}

/** The year in the categories of the union's statistics return, ready to copy or export. */
async function renderYearly(year: number): Promise<void> {
  if (!network) return;
  const yearly = await api.yearly(network.id, year);
  const base = `/api/reports/yearly?networkId=${encodeURIComponent(network.id)}&year=${year}`;
  yearlyEl.replaceChildren(el('h2', {}, `${t('yearly')} ${year}`),
    el('table', {}, el('tbody', {}, ...yearly.lines.map((l) => el('tr', { 'data-line': l.category }, el('td', {}, named(l, l.category)), el('td', {}, String(l.count)))))),
    el('p', {}, el('a', { href: `${base}&format=csv` }, t('exportCsv')), ' · ', el('a', { href: `${base}&format=xlsx` }, t('exportXlsx'))));
}

/** Stations open by their hours that logged nothing: the "open but locked" complaint, worst first. */
async function renderCompliance(from: string, to: string): Promise<void> {
  if (!network) return;
  const rows = (await api.compliance(network.id, from, to).catch(() => [])).filter((r) => r.silentHours > 0).sort((a, b) => b.silentHours - a.silentHours);
  complianceEl.replaceChildren(el('h2', {}, t('compliance')), rows.length === 0 ? el('p', {}, t('allLogged')) : el('table', {},
    el('thead', {}, el('tr', {}, ...[t('station'), t('openHours'), t('silentHours'), t('silentDays'), t('silentWhen')].map((h) => el('th', {}, h)))),
    el('tbody', {}, ...rows.map((r) => el('tr', { 'data-compliance': r.stationId }, el('td', {}, r.name), el('td', {}, String(r.openHours)),
      el('td', {}, String(r.silentHours)), el('td', {}, String(r.silentDays)),
      el('td', { class: 'silent' }, r.silent.slice(-3).map((d) => `${d.day}: ${d.hours.map((h) => `${h}时`).join(' ')}`).join('；')))))));
}

/** The year's targets per station and service, with how far each has come. */
async function renderTargets(year: number): Promise<void> {
  if (!network) return;
  const rows = await api.targets(network.id, year);
  targetsEl.replaceChildren(el('h2', {}, `${t('targets')} ${year}`), rows.length === 0 ? el('p', {}, t('noTargets')) : el('table', {},
    el('thead', {}, el('tr', {}, ...[t('station'), t('service'), t('target'), t('actual'), t('progress')].map((h) => el('th', {}, h)))),
    el('tbody', {}, ...rows.map((r) => {
      const bar = el('span', { class: 'bar' });
      bar.style.setProperty('--w', `${Math.min(100, r.progress)}%`);
      return el('tr', { 'data-target': `${r.stationId}|${r.service}` }, el('td', {}, r.name),
        el('td', {}, named(network!.services.find((s) => s.id === r.service), r.service)), el('td', {}, String(r.target)),
        el('td', {}, String(r.actual)), el('td', { class: 'progress' }, bar, `${r.progress}%`));
    }))));
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
  }), el('main', {}, el('div', { class: 'filters' }, networkSel, stationSel, el('label', {}, t('from'), fromInput), el('label', {}, t('to'), toInput),
    el('label', { class: 'check' }, compareBox, t('lastYear')), showBtn, csvLink, xlsxLink), glanceEl, statusEl, tableWrap, trendEl, yearlyEl, targetsEl, complianceEl, auditEl));
  stationSel.addEventListener('change', () => void show());
  auditStation.addEventListener('change', () => void renderAudit());
  auditKind.addEventListener('change', () => void renderAudit());
  trend = new TrendChart(trendEl);
  if (networks.length > 0) await show();
}

void load();
