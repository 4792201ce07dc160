// Workers' ratings: each station's satisfaction over 90 days, and the ratings themselves, complaints first, each answered
// in place with its history kept. A comment is a stranger's text: it only ever goes into textContent.
import { api, type FeedbackItem, type StationSatisfaction } from '../lib/api';
import { el } from '../lib/dom';
import { detailIn, lang, t } from '../lib/i18n';
import { tagName } from '../lib/tags';
import { exportLinks, scroll } from './sections';
import { failure, isParent, networkName } from './state';

const words = {
  title: ['职工评价与满意度（近 90 天）', "Workers' ratings and satisfaction (last 90 days)"],
  station: ['驿站', 'Station'],
  ratings: ['评价数', 'Ratings'],
  mean: ['平均星级', 'Mean stars'],
  low: ['1–2 星占比', 'Share of 1–2 stars'],
  open: ['未处理投诉', 'Open complaints'],
  list: ['评价（差评在前，新的在前）', 'Ratings (low first, newest first)'],
  none: ['这段时间没有评价', 'No ratings in this period'],
  allStatuses: ['全部状态', 'All statuses'],
  new: ['新评价', 'New'],
  'in-progress': ['处理中', 'In progress'],
  resolved: ['已解决', 'Resolved'],
  dismissed: ['不予处理', 'Dismissed'],
  note: ['处理说明', 'Note'],
  save: ['保存', 'Save'],
  saved: ['已保存', 'Saved'],
  failed: ['评价暂时无法获取', 'Ratings not available right now'],
  unknown: ['暂无', 'none yet'],
} as const;

type Word = keyof typeof words;
function w(key: Word): string { return words[key][lang() === 'zh' ? 0 : 1]; }

const statuses = ['new', 'in-progress', 'resolved', 'dismissed'] as const;
let statusFilter = '';

function daysBefore(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

function stars(n: number): string { return '★'.repeat(n) + '☆'.repeat(5 - n); }

/** The last ratings shown: a language switch redraws them at once, then asks again. */
let shown: { key: string; rows: StationSatisfaction[]; items: FeedbackItem[] } | null = null;

export async function renderFeedback(section: HTMLElement, networkId: string, to: string, stationId: string, timeZone: string): Promise<void> {
  const from = daysBefore(to, 89);
  const key = `${networkId}|${to}|${stationId}|${statusFilter}`;
  const redraw = () => void renderFeedback(section, networkId, to, stationId, timeZone);
  if (shown?.key === key) draw(section, networkId, from, to, stationId, timeZone, shown.rows, shown.items, redraw);
  try {
    const [rows, items] = await Promise.all([api.satisfaction(networkId, to), api.feedback(networkId, from, to, stationId, statusFilter)]);
    shown = { key, rows, items };
  } catch (e) {
    section.replaceChildren(el('h2', {}, w('title')), el('p', { class: 'error', role: 'alert' }, `${w('failed')}: ${failure(e)}`));
    return;
  }
  draw(section, networkId, from, to, stationId, timeZone, shown.rows, shown.items, redraw);
}

function draw(section: HTMLElement, networkId: string, from: string, to: string, stationId: string, timeZone: string,
  rows: StationSatisfaction[], items: FeedbackItem[], redraw: () => void): void {
  const names = new Map(rows.map((r) => [r.stationId, r.name]));
  // A parent's ratings come from every network beneath it: each station and rating names its network.
  const parent = isParent(networkId);
  const shown = rows.filter((r) => (!stationId || r.stationId === stationId) && (r.ratings > 0 || r.openComplaints > 0))
    .sort((a, b) => b.openComplaints - a.openComplaints || (a.mean ?? 6) - (b.mean ?? 6));
  const filter = el('select', { id: 'feedback-status', 'aria-label': w('allStatuses') },
    el('option', { value: '' }, w('allStatuses')), ...statuses.map((s) => el('option', { value: s }, w(s))));
  filter.value = statusFilter;
  filter.addEventListener('change', () => { statusFilter = filter.value; redraw(); });
  const params = { networkId, from, to, ...(stationId ? { stationId } : {}), ...(statusFilter ? { status: statusFilter } : {}) };
  section.replaceChildren(
    el('div', { class: 'section-head' }, el('h2', {}, w('title')), exportLinks('feedback', params)),
    shown.length === 0 ? el('p', {}, w('none')) : scroll(el('table', { id: 'satisfaction-table' },
      el('thead', {}, el('tr', {}, ...[parent ? `${w('station')} / ${t('networkLabel')}` : w('station'), w('ratings'), w('mean'), w('low'), w('open')].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...shown.map((r) => el('tr', { 'data-satisfaction': r.stationId },
        el('td', {}, r.name, parent ? el('small', { class: 'network-of' }, networkName(r.networkId)) : null), el('td', {}, String(r.ratings)), el('td', {}, r.mean === null ? w('unknown') : r.mean.toFixed(1)),
        el('td', {}, r.lowShare === null ? w('unknown') : `${Math.round(r.lowShare * 100)}%`), el('td', {}, String(r.openComplaints))))))),
    el('div', { class: 'section-head' }, el('h3', {}, w('list')), filter),
    items.length === 0 ? el('p', {}, w('none')) : el('ul', { class: 'feedback-list', id: 'feedback-list' },
      ...items.map((i) => item(i, (parent ? `${networkName(i.networkId)} · ` : '') + (names.get(i.stationId) ?? i.stationId), timeZone))));
}

function item(i: FeedbackItem, station: string, timeZone: string): HTMLElement {
  const status = el('select', { 'aria-label': w('note') }, ...statuses.map((s) => el('option', { value: s }, w(s))));
  status.value = i.status;
  const note = el('input', { type: 'text', maxlength: '200', placeholder: w('note'), 'aria-label': w('note') });
  const save = el('button', { type: 'button' }, w('save'));
  const said = el('span', { class: 'said', role: 'status' });
  const history = el('ol', { class: 'history' });
  const showHistory = (notes: FeedbackItem['notes']) => history.replaceChildren(...notes.map((n) => el('li', {},
    `${new Date(n.at).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { timeZone, hour12: false, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })} ${n.by} · ${w(n.status as Word)}${n.note ? ` — ${n.note}` : ''}`)));
  showHistory(i.notes);
  const li = el('li', { class: `feedback low-${i.rating <= 2}`, 'data-feedback': i.id, 'data-status': i.status },
    el('div', { class: 'feedback-head' },
      el('span', { class: 'stars', 'aria-label': `${i.rating}/5` }, stars(i.rating)),
      el('b', {}, station), el('span', { class: 'day' }, i.day),
      el('span', { class: `badge ${i.status}` }, w(i.status as Word))),
    i.tags.length ? el('p', { class: 'tags' }, i.tags.map(tagName).join(' · ')) : null,
    i.comment ? el('p', { class: 'comment' }, i.comment) : null,
    history,
    el('div', { class: 'follow-up' }, status, note, save, said));
  save.addEventListener('click', () => {
    save.disabled = true;
    void api.followUp(i.id, status.value, note.value.trim()).then((answered) => {
      Object.assign(i, answered); // the shown list stays true for a redraw
      li.dataset.status = answered.status;
      li.querySelector('.badge')!.className = `badge ${answered.status}`;
      li.querySelector('.badge')!.textContent = w(answered.status as Word);
      note.value = '';
      said.textContent = w('saved');
      showHistory(answered.notes);
    }).catch((e: unknown) => { said.textContent = e instanceof Error ? detailIn(e.message) : String(e); })
      .finally(() => { save.disabled = false; });
  });
  return li;
}
