import {
	DEFAULT_TEMPLATES,
	MESSAGE_KINDS,
	type MessageKind,
	type MessageTemplate,
	type Placeholder
} from './words/message-templates';
import type { MoneyFormat } from './money';
import type { CustomerMessage } from './server/updates/outbox';
import type { PickupPlace } from './server/updates/pickup-place';

// Type-only: the server declares the answers once, and these imports vanish from the client bundle.
export type { CustomerMessage } from './server/updates/outbox';
export type { MessageSettings } from './server/updates/message-settings';
export type { CustomerStatus } from './server/updates/status-link';
export type { PickupPlace } from './server/updates/pickup-place';

/** The kinds staff send by hand ("ready" goes by itself when an order is moved to Ready). */
export const SENDABLE_KINDS = MESSAGE_KINDS.filter(
	(kind): kind is Exclude<MessageKind, 'ready'> => kind !== 'ready'
);

export type MessageTone = 'pending' | 'sent' | 'problem' | 'held';

/** How a message went, in the words and colour of its chip on the order page. */
export function messageStatusWords(
	message: Pick<CustomerMessage, 'status' | 'channel' | 'recipient' | 'lastError' | 'attempts'>
): { text: string; tone: MessageTone } {
	const reason = message.lastError ?? 'no reason was given';
	switch (message.status) {
		case 'queued':
			// Back in the queue after a failed attempt: it will be tried again.
			return message.attempts > 0 && message.lastError
				? { text: `Queued, will retry: ${message.lastError}`, tone: 'pending' }
				: { text: 'Queued', tone: 'pending' };
		case 'sending':
			return { text: 'Sending', tone: 'pending' };
		case 'sent': {
			const how = message.channel === 'sms' ? 'text message' : 'email';
			return {
				text: message.recipient ? `Sent by ${how} to ${message.recipient}` : `Sent by ${how}`,
				tone: 'sent'
			};
		}
		case 'failed':
			return { text: `Failed: ${reason}`, tone: 'problem' };
		case 'not_sent':
			return { text: `Not sent: ${reason}`, tone: 'held' };
	}
}

/** A message still on its way: the list is asked again until it settles. */
export const inFlight = (message: Pick<CustomerMessage, 'status'>) =>
	message.status === 'queued' || message.status === 'sending';

/** What each placeholder stands for, for the owner writing the words. */
export const PLACEHOLDER_MEANINGS: Record<Placeholder, string> = {
	shopName: "the shop's name",
	customerName: "the customer's first name",
	orderNumber: 'the order number',
	piece: 'the piece, as a customer names it ("engagement ring")',
	balance: 'what is left to pay, or that nothing is',
	openingHours: 'the opening hours below',
	statusLink: "the link to the order's status page",
	message: 'what staff write (a message of their own)',
	pickupStore: 'the store where the customer picks the piece up',
	pickupAddress: "that store's address, on one line",
	pickupHours: "that store's opening hours"
};

/** Believable values for the preview of a template. */
export function sampleValues(
	shopName: string,
	openingHours: string,
	origin: string,
	money: MoneyFormat,
	/** A store of the shop's, for the pickup placeholders; none: the shop. */
	store: Pick<PickupPlace, 'name' | 'address' | 'hours'> | null = null
): Record<Placeholder, string> {
	// 450 of the shop's currency, whatever its minor unit: 450 dollars, 450 yen, 450 dinars.
	return {
		shopName,
		customerName: 'Olivia',
		orderNumber: 'CO-1042',
		piece: 'engagement ring',
		balance: `The balance to pay at pickup is ${money.format(450 * 10 ** money.digits)}.`,
		openingHours,
		statusLink: `${origin}/s/Q7mK2xPz9LrT4bVw8ZcN1dEf`,
		message: 'The ring is sized and polished; we also cleaned the diamond for you.',
		pickupStore: store?.name ?? shopName,
		pickupAddress: store?.address ?? '12 Quay Street, Harbourton',
		pickupHours: store?.hours || openingHours
	};
}

/** The words as saved: the built-in wording is saved as "none" (null), so it follows updates. */
export function savedTemplate(
	kind: MessageKind,
	template: MessageTemplate
): MessageTemplate | null {
	const builtIn = DEFAULT_TEMPLATES[kind];
	return template.subject === builtIn.subject && template.body === builtIn.body ? null : template;
}
