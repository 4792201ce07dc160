import { total, type LiveChanges, type LiveSnapshot, type NetworkView, type StationInfo, type StationSatisfaction } from '../lib/api';
import { named, t } from '../lib/i18n';
import { serverNow } from '../lib/clock';

// What the wall knows: the network's description and the live picture, kept current by change batches.

/** supplies: per station, how many supply items need action (low, below zero, expiring or expired); unknown until first read.
 * satisfaction: per station, workers' ratings over 90 days and open complaints, for the tile's mark. */
export const wall: { network?: NetworkView; snapshot?: LiveSnapshot; supplies?: Map<string, number>; satisfaction?: Map<string, StationSatisfaction> } = {};

export function zone(): string { return wall.network?.timeZone ?? 'Asia/Shanghai'; }

export function serviceName(id: string): string { return named(wall.network?.services.find((s) => s.id === id), id); }

export function stationInfo(id: string): StationInfo | undefined { return wall.network?.stations.find((s) => s.id === id); }

/** A station's name: the network's own, or one beneath a child network (a province wall's ticker). */
export function stationName(id: string): string {
  return stationInfo(id)?.name ?? wall.network?.children?.flatMap((c) => c.stations).find((s) => s.id === id)?.name ?? id;
}

/** The local hour and date of the network now. */
export function localNow(): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone(), year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
    .formatToParts(serverNow());
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

/** The one status word; the server works it out (StationStatus), so the wall never shows two that contradict. */
export function statusWord(status: string | null | undefined): string {
  switch (status) {
    case 'open': return t('statusOpen');
    case 'open-silent': return t('statusSilent');
    case 'late': return t('statusLate');
    case 'unreachable': return t('statusUnreachable');
    case 'closed': return t('statusClosed');
    default: return t('statusUnknown');
  }
}

export function sumHours(hourly: Record<string, number[]>): number[] {
  const sum = new Array<number>(24).fill(0);
  for (const hours of Object.values(hourly)) hours.forEach((n, h) => { sum[h] += n; });
  return sum;
}

/** A batch applied to the picture: a city's and a province's wall alike (a province's batches name no stations, only its children). */
export function applyChanges(c: LiveChanges): void {
  const s = wall.snapshot;
  if (!s) return;
  const byId = new Map(c.stations.map((x) => [x.stationId, x]));
  wall.snapshot = {
    ...s, version: c.version, day: c.day, totals: c.totals, hourly: c.hourly, groups: c.groups,
    monthBefore: c.monthBefore ?? s.monthBefore, yearBefore: c.yearBefore ?? s.yearBefore, days: c.days ?? s.days,
    yesterdayHourly: c.yesterdayHourly ?? s.yesterdayHourly, lastWeekHourly: c.lastWeekHourly ?? s.lastWeekHourly,
    openNow: c.openNow ?? s.openNow, children: c.children ?? s.children,
    stations: s.stations.map((x) => {
      const n = byId.get(x.stationId);
      return n ? { ...x, counts: n.counts, lastEventAt: n.lastEventAt, status: n.status ?? x.status } : x;
    }),
  };
}

/** Month and year to date: the days before today, late arrivals included, plus today live. */
export function periodTotal(before: Record<string, number>): number {
  return total(before) + total(wall.snapshot?.totals ?? {});
}
