import { describe, expect, it } from 'vitest';
import {
	inFlight,
	messageStatusWords,
	savedTemplate,
	sampleValues
} from '../../src/lib/customer-updates';
import { moneyFormat } from '../../src/lib/money';
import {
	DEFAULT_TEMPLATES,
	PLACEHOLDERS,
	renderTemplate
} from '../../src/lib/words/message-templates';

const message = {
	status: 'queued' as const,
	channel: null,
	recipient: null,
	lastError: null,
	attempts: 0
};

describe('how a message to the customer went, in words', () => {
	it('says queued, and that a failed attempt will be tried again', () => {
		expect(messageStatusWords(message)).toEqual({ text: 'Queued', tone: 'pending' });
		expect(
			messageStatusWords({ ...message, attempts: 2, lastError: 'SMTP answered 451' }).text
		).toBe('Queued, will retry: SMTP answered 451');
	});

	it('names the channel and the address a sent message went to', () => {
		expect(
			messageStatusWords({
				...message,
				status: 'sent',
				channel: 'email',
				recipient: 'olivia@example.com'
			})
		).toEqual({ text: 'Sent by email to olivia@example.com', tone: 'sent' });
		expect(
			messageStatusWords({ ...message, status: 'sent', channel: 'sms', recipient: '555-0142' }).text
		).toBe('Sent by text message to 555-0142');
	});

	it('gives the reason of a message that failed or could not go', () => {
		expect(messageStatusWords({ ...message, status: 'failed', lastError: 'mailbox full' })).toEqual(
			{ text: 'Failed: mailbox full', tone: 'problem' }
		);
		expect(
			messageStatusWords({
				...message,
				status: 'not_sent',
				lastError: 'no channel configured for email or text messages'
			})
		).toEqual({
			text: 'Not sent: no channel configured for email or text messages',
			tone: 'held'
		});
	});

	it('keeps asking only while a message is on its way', () => {
		expect(inFlight({ status: 'queued' })).toBe(true);
		expect(inFlight({ status: 'sending' })).toBe(true);
		expect(inFlight({ status: 'sent' })).toBe(false);
		expect(inFlight({ status: 'not_sent' })).toBe(false);
	});
});

describe('the owner’s wording', () => {
	it('saves the built-in wording as none, so it follows the built-in one', () => {
		expect(savedTemplate('ready', { ...DEFAULT_TEMPLATES.ready })).toBeNull();
		const own = { subject: 'Ready!', body: DEFAULT_TEMPLATES.ready.body };
		expect(savedTemplate('ready', own)).toEqual(own);
	});

	it('has a sample for every placeholder, so a preview leaves no braces behind', () => {
		const values = sampleValues(
			'Benchboard Jewelers',
			'Tuesday to Saturday',
			'https://shop.example',
			moneyFormat('JPY', 'ja-JP')
		);
		const every = PLACEHOLDERS.map((name) => `{${name}}`).join(' ');
		expect(renderTemplate(every, values)).not.toMatch(/[{}]/);
		expect(renderTemplate(DEFAULT_TEMPLATES.ready.body, values)).toContain(
			'We are open Tuesday to Saturday.'
		);
		// In the shop's currency: 450 yen, not 4.50.
		expect(values.balance).toBe('The balance to pay at pickup is ￥450.');
	});
});
