import { api, ApiError, type NetworkSummary } from '../lib/api';
import { el } from '../lib/dom';
import { lang, named, t } from '../lib/i18n';
import { loginForm } from '../lib/login';
import { pageHeader } from '../lib/page';
import { audit, auditFilters, auditKind, auditStation, loadAudit } from './audit';
import { compliance } from './compliance';
import { renderAssessment } from './assessment';
import { renderFeedback } from './feedback';
import { glance, summary, when } from './sections';
import { renderStatus } from './status';
import { renderSupplies } from './supplies';
import { failure, knowNetworks, part, rangeProblem, yearBefore, type Shown } from './state';
import { targets, yearly } from './yearly';
import './manage.css';

// Managers' counts: today at a glance, a station × service table over any range with last year beside it,
// charts of the same numbers, the year against its targets, silent open hours, the audit trail; exports that
// carry exactly the tables on the screen. Everything follows the language switch at once.

const app = document.getElementById('app')!;
const networkSel = el('select', { id: 'network' });
const stationSel = el('select', { id: 'station' });
const fromInput = el('input', { id: 'from', type: 'date' });
const toInput = el('input', { id: 'to', type: 'date' });
const compareBox = el('input', { id: 'compare', type: 'checkbox' });
const fromText = el('span', {});
const toText = el('span', {});
const compareText = el('span', {});
const showBtn = el('button', { id: 'show', type: 'button' });
const message = el('p', { id: 'range-message', class: 'error', role: 'alert', 'aria-live': 'polite' });
const sections = {
  glance: el('section', { class: 'glance card', id: 'glance' }),
  status: el('section', { class: 'station-status card', id: 'station-status' }),
  summary: el('section', { class: 'report card', id: 'report' }),
  when: el('section', { class: 'when', id: 'when' }),
  yearly: el('section', { class: 'yearly card', id: 'yearly' }),
  targets: el('section', { class: 'targets card', id: 'targets' }),
  compliance: el('section', { class: 'compliance card', id: 'compliance' }),
  feedback: el('section', { class: 'feedback card', id: 'feedback' }),
  assessment: el('section', { class: 'assessment card', id: 'assessment' }),
  supplies: el('section', { class: 'supplies card', id: 'supplies' }),
  audit: el('section', { class: 'audit card', id: 'audit' }),
};
let networks: NetworkSummary[] = [];
let shown: Shown | undefined;
let asked = 0;

function localToday(tz: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Every word outside the sections: the filters' labels and options. */
function label(): void {
  fromText.textContent = t('from');
  toText.textContent = t('to');
  compareText.textContent = t('compare');
  showBtn.textContent = t('show');
  networkSel.setAttribute('aria-label', t('networks'));
  stationSel.setAttribute('aria-label', t('station'));
  const chosen = networkSel.value;
  networkSel.replaceChildren(...networks.map((n) => el('option', { value: n.id }, named(n, n.id))));
  if (chosen) networkSel.value = chosen;
  if (stationSel.options[0]) stationSel.options[0].textContent = t('allStations');
  if (message.dataset.key) message.textContent = t(message.dataset.key as Parameters<typeof t>[0]);
}

function render(): void {
  label();
  if (!shown) return;
  shown.lang = lang();
  const year = Number(shown.to.slice(0, 4));
  glance(shown, sections.glance);
  // Late and unreachable stations are about now, whatever range is shown.
  void renderStatus(sections.status, shown.network.id, shown.network.timeZone);
  summary(shown, sections.summary);
  when(shown, sections.when);
  yearly(shown, year, sections.yearly);
  targets(shown, year, sections.targets);
  compliance(shown, sections.compliance);
  void renderFeedback(sections.feedback, shown.network.id, shown.to, shown.stationId, shown.network.timeZone);
  void renderAssessment(sections.assessment, shown.network.id, year);
  void renderSupplies(sections.supplies, shown);
  audit(shown, sections.audit, () => void more());
}

async function more(): Promise<void> {
  if (!shown || !shown.audit.ok) return;
  await loadAudit(shown, shown.audit.value[shown.audit.value.length - 1]?.recordedAt);
  render();
}

function say(text: string, key?: string): void {
  message.textContent = text;
  if (key) message.dataset.key = key; else delete message.dataset.key;
  message.classList.toggle('busy', key === 'loading');
}

async function show(): Promise<void> {
  const mine = ++asked;
  const network = await part(api.network(networkSel.value));
  if (mine !== asked) return;
  if (!network.ok) {
    say(failure(network.error));
    return;
  }
  const view = network.value;
  const today = localToday(view.timeZone);
  const from = fromInput.value || today;
  const to = toInput.value || (fromInput.value ? from : today);
  const problem = rangeProblem(from, to);
  fromInput.setAttribute('aria-invalid', String(problem !== null));
  toInput.setAttribute('aria-invalid', String(problem !== null));
  if (problem) {
    // The tables keep the range they were made for, which their heading names; the message says why nothing changed.
    say(problem, problem === t('rangeOrder') ? 'rangeOrder' : problem === t('rangeTooLong') ? 'rangeTooLong' : 'rangeInvalid');
    return;
  }
  say('');
  fromInput.value = from;
  toInput.value = to;
  if (shown?.network.id !== view.id || stationSel.options.length !== view.stations.length + 1) {
    const keep = stationSel.value;
    stationSel.replaceChildren(el('option', { value: '' }, t('allStations')), ...view.stations.map((x) => el('option', { value: x.id }, x.name)));
    stationSel.value = view.stations.some((x) => x.id === keep) ? keep : '';
  }
  const stationId = stationSel.value;
  const ofStation = <T extends { stationId: string }>(rows: T[]) => (stationId ? rows.filter((r) => r.stationId === stationId) : rows);
  const year = Number(to.slice(0, 4));
  auditFilters(view);
  auditStation.value = stationId;
  showBtn.disabled = true;
  say(t('loading'), 'loading');
  try {
    const [summaryPart, daily, lastDaily, hourly, hours, live, yearlyPart, targetsPart, compliancePart] = await Promise.all([
      part(api.summary(view.id, from, to, compareBox.checked, stationId)),
      part(api.daily(view.id, from, to).then(ofStation)),
      part(api.daily(view.id, yearBefore(from), yearBefore(to)).then(ofStation)),
      from === to ? part(api.hourly(view.id, from, stationId).then((h) => h.hourly)) : Promise.resolve(null),
      part(api.hours(view.id, from, to, stationId)),
      part(api.live(view.id)),
      part(api.yearly(view.id, year)),
      part(api.targets(view.id, year)),
      part(api.compliance(view.id, from, to).then(ofStation)),
    ]);
    if (mine !== asked) return;
    const next: Shown = { network: view, from, to, compare: compareBox.checked, stationId, lang: lang(), summary: summaryPart, daily, lastDaily, hourly,
      hours, live, yearly: yearlyPart, targets: targetsPart, compliance: compliancePart, audit: { ok: true, value: [] } };
    await loadAudit(next);
    if (mine !== asked) return;
    shown = next;
    say('');
    render();
  } finally {
    if (mine === asked) showBtn.disabled = false;
  }
}

/** Never an unhandled rejection: whatever fails says so on the page. */
function safely(action: () => Promise<void>): () => void {
  return () => void action().catch((e: unknown) => say(failure(e)));
}

async function load(): Promise<void> {
  try {
    networks = await api.networks();
    knowNetworks(networks);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      app.replaceChildren(pageHeader(() => t('manage'), () => '', () => undefined), el('main', {}, loginForm(safely(load), undefined, 'manage')));
      return;
    }
    throw e;
  }
  showBtn.addEventListener('click', safely(show));
  stationSel.addEventListener('change', safely(show));
  networkSel.addEventListener('change', safely(show));
  const reloadAudit = safely(async () => { if (shown) { await loadAudit(shown); render(); } });
  for (const input of [fromInput, toInput]) input.addEventListener('keydown', (e) => { if (e.key === 'Enter') safely(show)(); });
  label();
  app.replaceChildren(pageHeader(() => t('manage'), () => '', render), el('main', {},
    el('div', { class: 'filters' }, networkSel, stationSel, el('label', {}, fromText, fromInput), el('label', {}, toText, toInput),
      el('label', { class: 'check' }, compareBox, compareText), showBtn),
    message, sections.glance, sections.status, sections.summary, sections.when, sections.yearly, sections.targets, sections.compliance, sections.feedback, sections.assessment, sections.supplies, sections.audit));
  auditStation.addEventListener('change', reloadAudit);
  auditKind.addEventListener('change', reloadAudit);
  if (networks.length > 0) await show();
}

safely(load)();
