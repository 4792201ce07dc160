import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { ApiError, type BatchReply, type Counts, type EventReply, type VoidReply } from '../lib/api';

// Every tap goes first into this IndexedDB outbox with its own UUID; a sender drains it in order, with
// retry and backoff, whether or not the browser has Background Sync (iPads do not). A resend after a lost
// reply carries the same id, so the server counts it once. Taps that queued up while the link was down go
// as batches (up to 100 in one request and one journal transaction); one waiting tap goes on its own.

export interface Tap {
  id: string; stationId: string; service: string; quantity: number; occurredAt: string; day: string;
  attendant?: string; workerGroup?: string;
  state: 'waiting' | 'counted' | 'refused'; voided: 'no' | 'waiting' | 'done'; error?: string;
  /** The attendant has read that the server refused it. */
  understood?: boolean;
  /**
   * When this device made it, by its own clock: the list's order. The occurred-at is the server's time as the
   * tablet last measured it, and a new measurement (slow replies make it move) can put a later tap before an earlier one.
   */
  made?: number;
}

/** A supply movement kept on the device until the server has it: a delivery, a count, a discard. */
export interface Movement {
  id: string; stationId: string; item: string; kind: 'received' | 'counted' | 'discarded'; quantity: number; expiresOn?: string;
  at: string; day: string; state: 'waiting' | 'recorded' | 'refused'; error?: string;
  /** Undone by the attendant: the server keeps the movement and its void. */
  voided?: 'waiting' | 'done';
}

/** A job's tapId is the movement's id for a supply job and its undo. */
interface Job { seq?: number; stationId: string; kind: 'event' | 'void' | 'supply' | 'supply-void'; tapId: string }

interface Schema extends DBSchema {
  jobs: { key: number; value: Job; indexes: { station: string } };
  taps: { key: string; value: Tap; indexes: { station: string } };
  movements: { key: string; value: Movement; indexes: { station: string } };
}

export type SyncState = { kind: 'online' } | { kind: 'syncing'; waiting: number } | { kind: 'offline'; waiting: number } | { kind: 'unpaired'; waiting: number };

export interface OutboxEvents {
  /** The server's counts after a reply: the baseline that waiting taps are added to. */
  counted(counts: Counts, day: string): void;
  changed(): void;
  state(s: SyncState): void;
}

const dbPromise: Promise<IDBPDatabase<Schema>> = openDB<Schema>('stationnet-tablet', 2, {
  upgrade(db, oldVersion) {
    if (oldVersion < 1) {
      db.createObjectStore('jobs', { keyPath: 'seq', autoIncrement: true }).createIndex('station', 'stationId');
      db.createObjectStore('taps', { keyPath: 'id' }).createIndex('station', 'stationId');
    }
    // Version 2: supply movements go through the same jobs, in the same order as taps.
    if (oldVersion < 2) db.createObjectStore('movements', { keyPath: 'id' }).createIndex('station', 'stationId');
  },
});

/** The order the attendant made them in, newest first; taps kept from before 'made' existed go by their time. */
export function newestFirst(a: Tap, b: Tap): number {
  return a.made !== undefined && b.made !== undefined ? b.made - a.made : b.occurredAt.localeCompare(a.occurredAt);
}

/** The most events the server takes in one batch. */
export const maxBatch = 100;

export function backoff(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.min(attempt, 6));
}

export class Outbox {
  private wake: (() => void) | null = null;
  private attempt = 0;
  private running = false;
  /** The loop waits for the browser's 'online' event: a tap made meanwhile is counted, not sent. */
  private awaitingNetwork = false;
  private shown: SyncState['kind'] = 'online';

  constructor(private readonly stationId: string, private readonly token: () => string | null, private readonly on: OutboxEvents) {
    window.addEventListener('online', () => { this.attempt = 0; this.awaitingNetwork = false; this.kick(); });
  }

  async add(tap: Tap): Promise<void> {
    const db = await dbPromise;
    const tx = db.transaction(['taps', 'jobs'], 'readwrite');
    await tx.objectStore('taps').put(tap);
    await tx.objectStore('jobs').add({ stationId: this.stationId, kind: 'event', tapId: tap.id });
    await tx.done;
    this.on.changed();
    this.kick();
  }

  async undo(tapId: string): Promise<void> {
    const db = await dbPromise;
    const tx = db.transaction(['taps', 'jobs'], 'readwrite');
    const tap = await tx.objectStore('taps').get(tapId);
    if (tap && tap.voided === 'no') {
      tap.voided = 'waiting';
      await tx.objectStore('taps').put(tap);
      await tx.objectStore('jobs').add({ stationId: this.stationId, kind: 'void', tapId });
    }
    await tx.done;
    this.on.changed();
    this.kick();
  }

  async addMovement(movement: Movement): Promise<void> {
    const db = await dbPromise;
    const tx = db.transaction(['movements', 'jobs'], 'readwrite');
    await tx.objectStore('movements').put(movement);
    await tx.objectStore('jobs').add({ stationId: this.stationId, kind: 'supply', tapId: movement.id });
    await tx.done;
    this.on.changed();
    this.kick();
  }

  /** Undoes a movement, after it in the queue: the server journals the undo once, however often it is sent. */
  async undoMovement(id: string): Promise<void> {
    const db = await dbPromise;
    const tx = db.transaction(['movements', 'jobs'], 'readwrite');
    const m = await tx.objectStore('movements').get(id);
    if (m && !m.voided && m.state !== 'refused') {
      m.voided = 'waiting';
      await tx.objectStore('movements').put(m);
      await tx.objectStore('jobs').add({ stationId: this.stationId, kind: 'supply-void', tapId: id });
    }
    await tx.done;
    this.on.changed();
    this.kick();
  }

  /** This station's movements kept on the device, newest first. */
  async movements(): Promise<Movement[]> {
    const all = await (await dbPromise).getAllFromIndex('movements', 'station', this.stationId);
    return all.sort((a, b) => b.at.localeCompare(a.at));
  }

  /** Refused taps the attendant has read about: the notice goes, the taps stay in the list. */
  async understand(tapIds: string[]): Promise<void> {
    const db = await dbPromise;
    const tx = db.transaction('taps', 'readwrite');
    for (const id of tapIds) {
      const tap = await tx.store.get(id);
      if (tap) await tx.store.put({ ...tap, understood: true });
    }
    await tx.done;
    this.on.changed();
  }

  async taps(): Promise<Tap[]> {
    const all = await (await dbPromise).getAllFromIndex('taps', 'station', this.stationId);
    return all.sort(newestFirst);
  }

  async waiting(): Promise<Job[]> {
    return (await dbPromise).getAllFromIndex('jobs', 'station', this.stationId);
  }

  /** Keeps only the taps of the last few days, so the device's store does not grow for ever. */
  async prune(today: string): Promise<void> {
    const db = await dbPromise;
    const keep = new Set((await this.waiting()).map((j) => j.tapId));
    for (const tap of await this.taps()) if (tap.day < today && !keep.has(tap.id)) await db.delete('taps', tap.id);
    for (const m of await this.movements()) if (m.day < today && !keep.has(m.id)) await db.delete('movements', m.id);
  }

  private show(s: SyncState): void {
    this.shown = s.kind;
    this.on.state(s);
  }

  /**
   * A tap made while a send is on its way (or while waiting to retry) is counted in the status at once:
   * the loop only reads the queue between sends, and offline that can be a minute apart.
   */
  private async recount(): Promise<void> {
    if (this.shown === 'online') return; // the loop is about to run and will say it
    const waiting = (await this.waiting()).length;
    const now = this.shown as SyncState['kind']; // read again: the loop may have said more meanwhile
    if (now !== 'online') this.show({ kind: now, waiting });
  }

  kick(): void {
    if (this.running) void this.recount();
    // With no network, waking the loop would only send what cannot arrive; worse, a send begun just before the
    // network returns carries a list read before the last taps, and the queue then goes in two requests.
    if (!this.awaitingNetwork) this.wake?.();
    if (!this.running) void this.run();
  }

  /** Sleeps for ms, or until kicked (or, when waiting for the network, until the browser says it is back). */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => { clearTimeout(timer); resolve(); };
    }).finally(() => { this.wake = null; });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      for (;;) {
        const jobs = (await this.waiting()).sort((a, b) => a.seq! - b.seq!);
        if (jobs.length === 0) {
          this.show({ kind: 'online' });
          return;
        }
        if (!this.token()) {
          this.show({ kind: 'unpaired', waiting: jobs.length });
          return;
        }
        if (navigator.onLine === false) {
          // The browser knows it has no network (it can be wrong only the other way): wait for its 'online' event.
          // The timer is a safety net, in case the event never comes.
          this.show({ kind: 'offline', waiting: jobs.length });
          this.awaitingNetwork = true;
          await this.sleep(60_000);
          this.awaitingNetwork = false;
          continue;
        }
        this.show(this.attempt === 0 ? { kind: 'syncing', waiting: jobs.length } : { kind: 'offline', waiting: jobs.length });
        // The taps at the head of the queue, up to the next void: their order with the voids is kept.
        const events = jobs.slice(0, maxBatch);
        const firstVoid = events.findIndex((j) => j.kind !== 'event');
        const batch = firstVoid < 0 ? events : events.slice(0, firstVoid);
        const result = batch.length > 1 ? await this.sendBatch(batch) : await this.send(jobs[0]);
        if (typeof result === 'number') {
          // Counted afresh: taps made while this send was on its way are waiting too.
          this.show({ kind: 'offline', waiting: (await this.waiting()).length });
          // The server's Retry-After (503 while the database restarts, 429) is respected, up to five minutes.
          await this.sleep(Math.max(backoff(this.attempt++), Math.min(result, 300_000)));
        } else if (result === 'unpaired') {
          this.show({ kind: 'unpaired', waiting: jobs.length });
          return;
        } else {
          this.attempt = 0;
        }
      }
    } finally {
      this.running = false;
    }
  }

  private sendMovement(job: Job): Promise<'done' | 'unpaired' | number> {
    return sendMovement(job, this.token(), () => this.on.changed());
  }

  /**
   * Sends one job. Done: the server has it (or refused it for good). A number: no answer, or the server is
   * busy; send it again after at least that many milliseconds (the server's Retry-After, or 0).
   */
  private async send(job: Job): Promise<'done' | 'unpaired' | number> {
    if (job.kind === 'supply' || job.kind === 'supply-void') return this.sendMovement(job);
    const db = await dbPromise;
    const tap = await db.get('taps', job.tapId);
    if (!tap) {
      await db.delete('jobs', job.seq!);
      return 'done';
    }
    try {
      if (job.kind === 'event') {
        const reply = await request<EventReply>('POST', `/api/stations/${encodeURIComponent(this.stationId)}/events`, this.token()!, {
          id: tap.id, service: tap.service, quantity: tap.quantity, occurredAt: tap.occurredAt,
          attendant: tap.attendant || undefined, workerGroup: tap.workerGroup || undefined,
        });
        tap.state = 'counted';
        this.on.counted(reply.counts, reply.day);
      } else {
        const reply = await request<VoidReply>('DELETE', `/api/stations/${encodeURIComponent(this.stationId)}/events/${tap.id}`, this.token()!);
        tap.voided = 'done';
        this.on.counted(reply.counts, reply.day);
      }
    } catch (e) {
      if (!(e instanceof ApiError)) return 0;
      if (e.status >= 500 || e.status === 429 || e.status === 408) return e.retryAfterMs;
      if (e.status === 401 || e.status === 403) return 'unpaired';
      // Refused for good: 400 (not offered, too old, refused by the journal), 404, 409 (its id was already used
      // for another event, or not today). Kept as failed and shown to the attendant; never sent again.
      if (job.kind === 'event') { tap.state = 'refused'; tap.error = e.message; } else { tap.voided = 'no'; tap.error = e.message; }
    }
    const tx = db.transaction(['taps', 'jobs'], 'readwrite');
    await tx.objectStore('taps').put(tap);
    await tx.objectStore('jobs').delete(job.seq!);
    await tx.done;
    this.on.changed();
    return 'done';
  }

  /** Sends queued taps in one request; each gets the server's own answer, as if sent alone. Same outcomes as send. */
  private async sendBatch(jobs: Job[]): Promise<'done' | 'unpaired' | number> {
    const db = await dbPromise;
    const taps: Tap[] = [];
    for (const job of jobs) {
      const tap = await db.get('taps', job.tapId);
      if (tap) taps.push(tap);
    }
    if (taps.length > 0) {
      try {
        const reply = await request<BatchReply>('POST', `/api/stations/${encodeURIComponent(this.stationId)}/events/batch`, this.token()!, {
          events: taps.map((tap) => ({
            id: tap.id, service: tap.service, quantity: tap.quantity, occurredAt: tap.occurredAt,
            attendant: tap.attendant || undefined, workerGroup: tap.workerGroup || undefined,
          })),
        });
        taps.forEach((tap, i) => {
          const result = reply.results[i];
          if (result && result.problem) { tap.state = 'refused'; tap.error = result.problem.detail; } else { tap.state = 'counted'; }
        });
        this.on.counted(reply.counts, reply.day);
      } catch (e) {
        if (!(e instanceof ApiError)) return 0;
        if (e.status >= 500 || e.status === 429 || e.status === 408) return e.retryAfterMs;
        if (e.status === 401 || e.status === 403) return 'unpaired';
        // The whole batch refused for good (the station unknown or retired): each tap as the single POST would be.
        for (const tap of taps) { tap.state = 'refused'; tap.error = e.message; }
      }
    }
    const tx = db.transaction(['taps', 'jobs'], 'readwrite');
    for (const tap of taps) await tx.objectStore('taps').put(tap);
    for (const job of jobs) await tx.objectStore('jobs').delete(job.seq!);
    await tx.done;
    this.on.changed();
    return 'done';
  }
}

/** Sends a kept movement, with its own id: a resend after a lost answer is a duplicate (200), never counted twice. */
async function sendMovement(job: Job, token: string | null, changed: () => void): Promise<'done' | 'unpaired' | number> {
  const db = await dbPromise;
  const m = await db.get('movements', job.tapId);
  const undo = job.kind === 'supply-void';
  if (m && (!undo || m.state !== 'refused')) {
    const url = `/api/stations/${encodeURIComponent(m.stationId)}/supplies/movements`;
    try {
      if (undo) {
        await request('DELETE', `${url}/${m.id}`, token!);
        m.voided = 'done';
      } else {
        await request('POST', url, token!, { id: m.id, item: m.item, kind: m.kind, quantity: m.quantity, expiresOn: m.expiresOn || undefined });
        m.state = 'recorded';
      }
    } catch (e) {
      if (!(e instanceof ApiError)) return 0;
      if (e.status >= 500 || e.status === 429 || e.status === 408) return e.retryAfterMs;
      if (e.status === 401 || e.status === 403) return 'unpaired';
      // Refused for good; an undo refused (not today any more) leaves the movement as it was, with the reason.
      if (undo) m.voided = undefined; else m.state = 'refused';
      m.error = e.message;
    }
  }
  const tx = db.transaction(['movements', 'jobs'], 'readwrite');
  if (m) await tx.objectStore('movements').put(m);
  await tx.objectStore('jobs').delete(job.seq!);
  await tx.done;
  changed();
  return 'done';
}

async function request<T>(method: string, url: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { Accept: 'application/json', Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) {
    let detail = `${res.status}`;
    try { detail = (await res.json()).detail ?? detail; } catch { /* not JSON */ }
    throw new ApiError(res.status, detail, retryAfter(res.headers.get('Retry-After')));
  }
  return (await res.json()) as T;
}

/** Retry-After as milliseconds: delay-seconds or an HTTP date; 0 when absent or unreadable. */
function retryAfter(value: string | null): number {
  if (!value) return 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : Math.max(0, at - Date.now());
}
