/**
 * What a shop's webhooks can say, shared by the settings page and the server: each type a webhook
 * endpoint may ask for, with its words, and the roles whose view a payload may follow.
 */
export const WEBHOOK_EVENT_TYPES = [
	'order.created',
	'order.updated',
	'order.moved',
	'order.ready_for_pickup',
	'order.picked_up',
	'payment.recorded',
	'blocker.added',
	'blocker.resolved',
	'order.transfer_sent',
	'order.transfer_received'
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType | 'webhook.test', string> = {
	'order.created': 'Order created',
	'order.updated': 'Order details changed',
	'order.moved': 'Order moved to another stage',
	'order.ready_for_pickup': 'Ready for pickup',
	'order.picked_up': 'Picked up',
	'payment.recorded': 'Payment recorded',
	'blocker.added': 'Waiting on something (blocker added)',
	'blocker.resolved': 'Blocker resolved',
	'order.transfer_sent': 'Sent to another location',
	'order.transfer_received': 'Received at another location',
	'webhook.test': 'Test ping'
};

/** A payload follows one of these roles' view: never the owner's. */
export const WEBHOOK_ROLES = ['manager', 'staff', 'bench'] as const;
export type WebhookRole = (typeof WEBHOOK_ROLES)[number];

export type WebhookDeliveryStatus = 'pending' | 'sending' | 'retrying' | 'delivered' | 'failed';

export interface WebhookEndpoint {
	id: number;
	url: string;
	description: string;
	eventTypes: WebhookEventType[];
	role: WebhookRole;
	allowPrivate: boolean;
	enabled: boolean;
	/** The start of the secret, to tell which one a receiver holds; the whole one is shown once. */
	secretHint: string;
	createdAt: string;
}

export interface WebhookDelivery {
	id: string;
	endpointId: number;
	eventType: string;
	eventSeq: number | null;
	orderNumber: string | null;
	status: WebhookDeliveryStatus;
	attempts: number;
	lastStatusCode: number | null;
	lastError: string | null;
	lastResponse: string | null;
	lastAttemptAt: string | null;
	deliveredAt: string | null;
	nextAttemptAt: string | null;
	createdAt: string;
}
