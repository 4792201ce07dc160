// The HTTP contract of docs/api.md, typed for the pages.

export type Counts = Record<string, number>;

export interface ServiceKind { id: string; name: string; nameEn: string; }

export interface OpeningHours { opens: string; closes: string; }

export interface StationInfo {
  id: string; networkId: string; name: string; township: string;
  services: string[]; openingHours: OpeningHours; seats: number;
}

export interface NetworkSummary { id: string; name: string; nameEn: string; timeZone: string; isSample: boolean; }

export interface NetworkView extends NetworkSummary {
  services: ServiceKind[]; workerGroups: ServiceKind[]; stations: StationInfo[];
}

export interface StationView extends StationInfo {
  day: string; counts: Counts; hourly: Record<string, number[]>; lastEventAt: string | null;
}

export interface EventReply { id: string; duplicate: boolean; stationId: string; day: string; counts: Counts; lastEventAt: string | null; }

export interface VoidReply { eventId: string; voided: boolean; alreadyVoided: boolean; stationId: string; day: string; counts: Counts; }

export interface SnapshotStation { stationId: string; name: string; counts: Counts; lastEventAt: string | null; }

export interface LiveSnapshot { networkId: string; day: string; version: number; totals: Counts; stations: SnapshotStation[]; }

export interface LiveChanges {
  networkId: string; version: number; day: string; totals: Counts;
  stations: { stationId: string; counts: Counts; lastEventAt: string | null }[];
}

export interface DailyCount { day: string; stationId: string; service: string; count: number; }

export interface About { storage: string; dataKept: boolean; }

/** A problem-details answer, carried as an error with its clear `detail`. */
export class ApiError extends Error {
  constructor(readonly status: number, detail: string) { super(detail); }
}

async function send<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    let detail = `${res.status} ${res.statusText}`;
    try { detail = (await res.json()).detail ?? detail; } catch { /* not JSON */ }
    throw new ApiError(res.status, detail);
  }
  return (await res.json()) as T;
}

export const api = {
  about: () => send<About>('GET', '/api/about'),
  networks: () => send<NetworkSummary[]>('GET', '/api/networks'),
  network: (id: string) => send<NetworkView>('GET', `/api/networks/${encodeURIComponent(id)}`),
  live: (id: string) => send<LiveSnapshot>('GET', `/api/networks/${encodeURIComponent(id)}/live`),
  station: (id: string) => send<StationView>('GET', `/api/stations/${encodeURIComponent(id)}`),
  postEvent: (stationId: string, body: { id: string; service: string; quantity?: number; workerGroup?: string; attendant?: string }) =>
    send<EventReply>('POST', `/api/stations/${encodeURIComponent(stationId)}/events`, body),
  voidEvent: (stationId: string, eventId: string) =>
    send<VoidReply>('DELETE', `/api/stations/${encodeURIComponent(stationId)}/events/${encodeURIComponent(eventId)}`),
  daily: (networkId: string, from: string, to: string) =>
    send<DailyCount[]>('GET', `/api/reports/daily?networkId=${encodeURIComponent(networkId)}&from=${from}&to=${to}`),
};

/** A UUID for a new event; crypto.randomUUID needs a secure context, which a tablet on plain HTTP is not. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function total(counts: Counts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
