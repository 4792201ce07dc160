// Stations a manager must act on now: late (due open, not opened) and unreachable (open, no heartbeat).
import { el } from '../lib/dom';
import { lang, time } from '../lib/i18n';

interface StatusLine { stationId: string; name: string; status: string; openNow: boolean; since: string | null; }

const words = {
  title: ['现在需要处理：未按时开站、失联的驿站', 'Needing attention now: late and unreachable stations'],
  none: ['目前没有未按时开站或失联的驿站', 'No station is late or unreachable now'],
  late: ['未按时开站', 'Late'],
  unreachable: ['开站后失联（3 分钟无心跳）', 'Unreachable (no heartbeat for 3 min)'],
  since: ['自', 'Since'],
  failed: ['状态暂时无法获取', 'Status not available right now'],
} as const;

function w(key: keyof typeof words): string { return words[key][lang() === 'zh' ? 0 : 1]; }

/** The last answer, so a language switch redraws at once in the new words rather than after the next fetch. */
let last: { networkId: string; lines: StatusLine[] } | null = null;

export async function renderStatus(section: HTMLElement, networkId: string, timeZone: string): Promise<void> {
  if (last?.networkId === networkId) draw(section, last.lines, timeZone);
  try {
    const res = await fetch(`/api/reports/status?networkId=${encodeURIComponent(networkId)}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(String(res.status));
    last = { networkId, lines: ((await res.json()) as StatusLine[]).filter((l) => l.status === 'late' || l.status === 'unreachable') };
  } catch {
    section.replaceChildren(el('h2', {}, w('title')), el('p', {}, w('failed')));
    return;
  }
  draw(section, last.lines, timeZone);
}

function draw(section: HTMLElement, lines: StatusLine[], timeZone: string): void {
  section.replaceChildren(el('h2', {}, w('title')), lines.length === 0 ? el('p', {}, w('none')) : el('ul', { class: 'status-list' },
    ...lines.map((l) => el('li', { 'data-status-station': l.stationId, 'data-status': l.status },
      el('span', { class: `status-badge ${l.status}` }, l.status === 'late' ? w('late') : w('unreachable')),
      el('span', { class: 'name' }, l.name),
      l.since ? el('span', { class: 'since' }, `${w('since')} ${time(l.since, timeZone)}`) : null))));
}
