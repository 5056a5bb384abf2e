import type { StageThresholds } from '../aging';
import type { DisplayOptions } from '../display-options';
import type { ShopProfile } from '../shop';
import type { OrderEvent } from '../events';
import type { WipLimits } from '../wip';

/** The socket's events, declared once for the server and the browser. */
export interface ServerToClientEvents {
	'order:event': (event: OrderEvent) => void;
	/** The shop's settings changed: every screen takes the new stuck thresholds. */
	'settings:changed': (settings: { stageThresholds: StageThresholds }) => void;
	/**
	 * The work-in-progress limits changed. A wall display hears the people's limits only if it
	 * shows who does the work.
	 */
	'wip:changed': (limits: WipLimits) => void;
	/** The owner changed the shop's profile: its name, time zone, currency or locale. */
	'shop:changed': (profile: ShopProfile) => void;
	/** The owner changed this wall display's options. */
	'display:options': (options: DisplayOptions) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}
