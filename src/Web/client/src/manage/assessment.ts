// The year's star assessment (星级考核): each station's score and stars, and what each criterion measured and earned,
// so a manager can explain a score. Unknown is said, never shown as zero; the 考核表 downloads as CSV or Excel.
import { api } from '../lib/api';
import { el } from '../lib/dom';
import { lang, t } from '../lib/i18n';
import { exportLinks, scroll } from './sections';
import { failure, isParent, networkName } from './state';

interface Part {
  criterion: string; value: number | null; points: number; max: number; reason?: string | null;
  counts?: { days: number; outDays: number; expiredDays: number } | null;
}
interface Row { stationId: string; name: string; score: number | null; stars: number | null; parts: Part[]; networkId?: string | null; }

const words = {
  title: ['星级考核', 'Star assessment'],
  station: ['驿站', 'Station'],
  score: ['得分', 'Score'],
  stars: ['星级', 'Stars'],
  unknown: ['不可用', 'unknown'],
  hours: ['按时开放率', 'Hours kept'],
  visits: ['每座位服务人次', 'Visits per seat'],
  satisfaction: ['满意度', 'Satisfaction'],
  complaints: ['投诉及时解决', 'Complaints resolved'],
  supplies: ['物资不断供、无过期', 'Supplies never out, nothing expired'],
  'no-sessions': ['无开放记录', 'no opening sessions'],
  'no-seats': ['未设座位数', 'no seats set'],
  'no-ratings': ['无评价', 'no ratings'],
  'no-catalog': ['未设物资目录', 'no supply catalog'],
  'no-records': ['无物资记录', 'no supply records'],
  'no-days': ['尚无可计天数', 'no day to count yet'],
} as const;

type Word = keyof typeof words;
function w(key: Word): string { return words[key][lang() === 'zh' ? 0 : 1]; }

function value(p: Part): string {
  if (p.value === null) return w('unknown');
  switch (p.criterion) {
    case 'hours': case 'complaints': case 'supplies': return `${Math.round(p.value * 100)}%`;
    case 'satisfaction': return `${p.value.toFixed(1)}★`;
    default: return String(Math.round(p.value));
  }
}

/** The last report shown: a language switch redraws it at once, then asks again. */
let shown: { key: string; report: Row[] } | null = null;

export async function renderAssessment(section: HTMLElement, networkId: string, year: number): Promise<void> {
  const key = `${networkId}|${year}`;
  if (shown?.key === key) draw(section, networkId, year, shown.report);
  try {
    shown = { key, report: await api.assessment(networkId, year) as Row[] };
  } catch (e) {
    section.replaceChildren(head(networkId, year), el('p', { class: 'error', role: 'alert' }, failure(e)));
    return;
  }
  draw(section, networkId, year, shown.report);
}

function head(networkId: string, year: number): HTMLElement {
  return el('div', { class: 'section-head' }, el('h2', {}, `${w('title')} · ${year}`), exportLinks('assessment', { networkId, year: String(year) }));
}

function draw(section: HTMLElement, networkId: string, year: number, report: Row[]): void {
  // A parent's stations are each scored by their own network's settings: a column for every criterion any of them
  // weighs, a dash where a station's network does not weigh it, and each station's network named under its name.
  const criteria = [...new Set(report.flatMap((r) => r.parts.map((p) => p.criterion)))];
  const parent = isParent(networkId);
  const cell = (p: Part | undefined) => (p ? part(p) : el('td', {}, '—'));
  section.replaceChildren(head(networkId, year),
    scroll(el('table', { id: 'assessment-table' },
      el('thead', {}, el('tr', {}, el('th', {}, parent ? `${w('station')} / ${t('networkLabel')}` : w('station')), el('th', {}, w('score')), el('th', {}, w('stars')),
        ...criteria.map((c) => el('th', {}, w(c as Word))))),
      el('tbody', {}, ...report.map((r) => el('tr', { 'data-assessment': r.stationId },
        el('td', {}, r.name, parent ? el('small', { class: 'network-of' }, networkName(r.networkId)) : null), el('td', {}, r.score === null ? w('unknown') : r.score.toFixed(1)),
        el('td', { class: 'stars' }, r.stars === null ? w('unknown') : '★'.repeat(r.stars)),
        ...criteria.map((c) => cell(r.parts.find((p) => p.criterion === c)))))))));
}

/** A criterion's cell: value and points, or unknown and why; supplies add the days out and expired of the days counted. */
function part(p: Part): HTMLElement {
  if (p.value === null) {
    return el('td', { class: 'unknown' }, w('unknown'), p.reason && p.reason in words ? el('small', {}, w(p.reason as Word)) : '');
  }
  const c = p.counts;
  const days = c ? el('small', {}, lang() === 'zh'
    ? `${c.days} 天中缺货 ${c.outDays} 天、过期 ${c.expiredDays} 天`
    : `out ${c.outDays}, expired ${c.expiredDays} of ${c.days} day${c.days === 1 ? '' : 's'}`) : '';
  return el('td', {}, `${value(p)} · ${p.points}/${p.max}`, days);
}
