import type { AuditLine, DailyCount, LiveSnapshot, NetworkSummary, NetworkView, SummaryReport } from '../lib/api';
import { api, ApiError } from '../lib/api';
import { detailIn, named, t } from '../lib/i18n';

// What the page has fetched for the range on screen. A language switch re-renders from here without asking
// the server again; a part that failed keeps its error, shown in its own section instead of an empty table.

export type Yearly = Awaited<ReturnType<typeof api.yearly>>;
export type Targets = Awaited<ReturnType<typeof api.targets>>;
export type ComplianceRows = Awaited<ReturnType<typeof api.compliance>>;
export type Hours = { stations: { stationId: string; name: string; hours: number[] }[] };

/** A part of the page that loads on its own: a value, or why it is missing. */
export type Part<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface Shown {
  network: NetworkView;
  from: string;
  to: string;
  compare: boolean;
  stationId: string;
  lang: string;
  summary: Part<SummaryReport>;
  daily: Part<DailyCount[]>;
  lastDaily: Part<DailyCount[]>;
  hourly: Part<Record<string, number[]>> | null;
  hours: Part<Hours>;
  live: Part<LiveSnapshot>;
  yearly: Part<Yearly>;
  targets: Part<Targets>;
  compliance: Part<ComplianceRows>;
  audit: Part<AuditLine[]>;
}

export async function part<T>(p: Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}

const known = new Map<string, NetworkSummary>();

/** The networks the caller may see: their names head the rows of a parent's reports. */
export function knowNetworks(list: NetworkSummary[]): void {
  known.clear();
  for (const n of list) known.set(n.id, n);
}

/** A parent's reports list rows of several networks, so their tables name each row's network. */
export function isParent(networkId: string): boolean {
  return [...known.values()].some((n) => n.parentId === networkId);
}

/** A network's name in the page's language (its id when unknown). */
export function networkName(id: string | null | undefined): string {
  return id ? named(known.get(id), id) : '';
}

/** Why a part is missing, in the page's language. */
export function failure(error: unknown): string {
  // fetch rejects with a TypeError ("Failed to fetch") when no answer comes at all: say so in the page's words.
  const why = error instanceof ApiError ? detailIn(error.message) : error instanceof TypeError ? t('serverUnreachable')
    : error instanceof Error ? error.message : String(error);
  return `${t('loadFailed')}: ${why}`;
}

/** The day a year before, as the server counts it (29 February falls back to the 28th). */
export function yearBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${y - 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
  return days;
}

/** The change against last year as the export writes it: +12%, -5%, new, or — when both are nothing. */
export function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? '—' : t('changeNew');
  const pct = Math.floor((100 * (now - before)) / before + 0.5);
  return `${pct > 0 ? '+' : ''}${pct}%`;
}

export const MaxDays = 366;

/** The range's problem in words, or null when it is a range the page can show. */
export function rangeProblem(from: string, to: string): string | null {
  const valid = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
  if (!valid(from) || !valid(to)) return t('rangeInvalid');
  if (from > to) return t('rangeOrder');
  if (daysOf(from, to).length > MaxDays) return t('rangeTooLong');
  return null;
}
