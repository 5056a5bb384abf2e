import nodemailer from 'nodemailer';

export interface OutgoingMessage {
	to: string;
	subject: string;
	body: string;
	/** The same for every attempt at one message: a provider can drop a repeat. */
	idempotencyKey: string;
}

export interface Channel {
	send(message: OutgoingMessage): Promise<void>;
}

export interface Channels {
	email?: Channel;
	sms?: Channel;
}

export interface ChannelConfig {
	/** smtp://user:pass@host:587 or smtps://… */
	smtpUrl?: string;
	/** The From address; the shop's name at no-reply@ the SMTP host by default. */
	smtpFrom?: string;
	/** Any SMS gateway behind an HTTP endpoint taking {to, body, idempotencyKey}. */
	smsWebhookUrl?: string;
}

/** Email over SMTP. The idempotency key is the Message-ID, so a repeat is recognisably one. */
export function emailChannel(smtpUrl: string, from: string): Channel {
	const transport = nodemailer.createTransport(smtpUrl, {
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 20_000
	} as never);
	return {
		async send(message) {
			await transport.sendMail({
				from,
				to: message.to,
				subject: message.subject,
				text: message.body,
				messageId: `<${message.idempotencyKey}@benchboard>`,
				headers: { 'X-Idempotency-Key': message.idempotencyKey }
			});
		}
	};
}

/** A text message through an HTTP gateway: a 2xx answer means it took the message. */
export function smsChannel(webhookUrl: string): Channel {
	return {
		async send(message) {
			const response = await fetch(webhookUrl, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'idempotency-key': message.idempotencyKey
				},
				body: JSON.stringify({
					to: message.to,
					body: message.body,
					idempotencyKey: message.idempotencyKey
				}),
				signal: AbortSignal.timeout(15_000)
			});
			if (!response.ok) {
				const text = (await response.text().catch(() => '')).slice(0, 200);
				throw new Error(`the SMS gateway answered ${response.status}${text ? `: ${text}` : ''}`);
			}
		}
	};
}

export function channelsFrom(config: ChannelConfig): Channels {
	const channels: Channels = {};
	if (config.smtpUrl) {
		const host = new URL(config.smtpUrl).hostname || 'localhost';
		channels.email = emailChannel(config.smtpUrl, config.smtpFrom ?? `no-reply@${host}`);
	}
	if (config.smsWebhookUrl) channels.sms = smsChannel(config.smsWebhookUrl);
	return channels;
}
