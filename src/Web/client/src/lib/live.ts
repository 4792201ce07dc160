import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import type { LiveChanges, LiveSnapshot } from './api';

/** Backoff for ever: 0.5 s doubling to 30 s, never giving up, since a wall runs unattended. */
export function backoff(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
}

export interface LiveEvents {
  snapshot(s: LiveSnapshot): void;
  changes(c: LiveChanges): void;
  connection(online: boolean): void;
  /** The network's stations or catalog changed. */
  network(): void;
  /** Any message at all, repeats included: the connection is alive. */
  heard?(): void;
}

/**
 * Watches one network: a snapshot first, then change batches with consecutive versions.
 * A gap, a new day, or a reconnect asks for a fresh snapshot.
 */
export class LiveFeed {
  readonly connection: HubConnection;
  private version = -1;
  private day = '';
  private attempts = 0;

  constructor(private readonly networkId: string, token: string | null, private readonly on: LiveEvents) {
    this.connection = new HubConnectionBuilder()
      .withUrl('/hubs/live', token ? { accessTokenFactory: () => token } : {})
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => backoff(ctx.previousRetryCount) })
      .configureLogging(LogLevel.Warning)
      .build();
    this.connection.on('changes', (c: LiveChanges) => this.onChanges(c));
    this.connection.on('network', () => { this.on.network(); void this.resync(); });
    this.connection.onreconnecting(() => this.on.connection(false));
    this.connection.onreconnected(() => void this.resync());
    this.connection.onclose(() => { this.on.connection(false); void this.start(); });
  }

  async start(): Promise<void> {
    for (;;) {
      try {
        if (this.connection.state === HubConnectionState.Disconnected) await this.connection.start();
        this.attempts = 0;
        await this.resync();
        return;
      } catch {
        this.on.connection(false);
        await new Promise((r) => setTimeout(r, backoff(this.attempts++)));
      }
    }
  }

  async resync(): Promise<void> {
    const snapshot = await this.connection.invoke<LiveSnapshot>('Watch', this.networkId);
    this.version = snapshot.version;
    this.day = snapshot.day;
    this.on.connection(true);
    this.on.snapshot(snapshot);
  }

  /** Drops the connection and starts again, as after a network failure. */
  async restart(): Promise<void> {
    this.on.connection(false);
    await this.connection.stop(); // onclose starts it again
  }

  private onChanges(c: LiveChanges): void {
    this.on.heard?.();
    if (c.networkId !== this.networkId || c.version <= this.version) return;
    if (c.version !== this.version + 1 || c.day !== this.day) {
      void this.resync();
      return;
    }
    this.version = c.version;
    this.on.changes(c);
  }
}
