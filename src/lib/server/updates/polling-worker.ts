import type { Services } from '../services';
import { log } from '../log';

/**
 * What the outbox and the webhook worker share: every `pollMs`, and whenever something may have
 * queued work, they take what is due one item at a time until nothing is (`deliverDue`), one round
 * at a time; a wake-up during a round asks for one more round after it.
 */
export abstract class PollingWorker {
	#timer: ReturnType<typeof setInterval> | undefined;
	#running: Promise<void> | null = null;
	#again = false;
	#unsubscribe: (() => void) | undefined;

	constructor(
		readonly services: Services,
		readonly pollMs: number,
		/** What it delivers, for the log ("outbox", "webhooks"). */
		readonly what: string
	) {}

	/** Claims one due item and delivers it; returns how many it claimed (0 or 1). */
	abstract deliverDue(): Promise<number>;

	/** Listens for what may have queued work; returns how to stop listening. */
	protected abstract wakeOn(kick: () => void): () => void;

	start(): this {
		this.#timer = setInterval(() => this.kick(), this.pollMs);
		this.#timer.unref();
		this.#unsubscribe = this.wakeOn(() => this.kick());
		this.kick();
		return this;
	}

	async stop(): Promise<void> {
		clearInterval(this.#timer);
		this.#unsubscribe?.();
		await this.#running;
	}

	/** Looks for due work now (once more after the current round, if one is running). */
	kick(): void {
		if (this.#running) {
			this.#again = true;
			return;
		}
		this.#running = (async () => {
			do {
				this.#again = false;
				try {
					while ((await this.deliverDue()) > 0);
				} catch (error) {
					log.error({ err: error }, `${this.what}: a delivery round failed`);
				}
			} while (this.#again);
		})().finally(() => (this.#running = null));
	}
}
