import { z } from 'zod';
import {
	WEBHOOK_EVENT_TYPES,
	WEBHOOK_ROLES,
	type WebhookEndpoint,
	type WebhookEventType
} from '../../webhooks';
import { can, requirePermission } from '../auth/roles';
import type { Sql, Tx } from '../db';
import { invalid, notFound, parseInput } from '../errors';
import type { Actor } from '../events';
import type { Services } from '../services';
import { recordSettingsChange } from '../settings-trail';
import { transaction } from '../transaction';
import { checkedAddress, systemResolver, type Resolver } from './addresses';
import { newSecret } from './sign';

const endpointFields = {
	url: z.string().trim().min(1).max(2000),
	description: z.string().trim().max(200),
	eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, 'must name at least one event type'),
	role: z.enum(WEBHOOK_ROLES),
	allowPrivate: z.boolean(),
	enabled: z.boolean()
};

export const createEndpointSchema = z.strictObject({
	...endpointFields,
	description: endpointFields.description.optional(),
	allowPrivate: endpointFields.allowPrivate.optional(),
	enabled: endpointFields.enabled.optional()
});
export const updateEndpointSchema = z.strictObject(endpointFields).partial();

type EndpointRow = Omit<WebhookEndpoint, 'secretHint' | 'createdAt'> & {
	secret: string;
	createdAt: Date;
};

const shown = ({ secret, createdAt, ...row }: EndpointRow): WebhookEndpoint => ({
	...row,
	secretHint: `${secret.slice(0, 10)}…`,
	createdAt: createdAt.toISOString()
});

/**
 * A URL a webhook may post to: https (http only with private addresses allowed, for a receiver in
 * the shop's own network), no user name or password in it, and a host that resolves to addresses
 * the SSRF guard lets through. Throws a 400 naming `url`.
 */
export async function checkUrl(
	raw: string,
	allowPrivate: boolean,
	resolve: Resolver = systemResolver
): Promise<string> {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw invalid('url', 'is not a URL (https://...)');
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowPrivate))
		throw invalid(
			'url',
			url.protocol === 'http:'
				? 'must use https (http only for an endpoint allowed to reach private addresses)'
				: 'must be an https URL'
		);
	if (url.username || url.password) throw invalid('url', 'must not carry a user name or password');
	try {
		await checkedAddress(url.hostname, allowPrivate, resolve);
	} catch (error) {
		throw invalid('url', `is refused: ${(error as Error).message}`);
	}
	return url.href;
}

/** A bench endpoint cannot ask for payments: a bench jeweler may not read money. */
function checkRoleSees(role: WebhookEndpoint['role'], eventTypes: WebhookEventType[]) {
	const index = eventTypes.indexOf('payment.recorded');
	if (index >= 0 && !can(role, 'money.read'))
		throw invalid(
			`eventTypes[${index}]`,
			`payment.recorded needs a role that may see money (${role} may not)`
		);
}

export async function readEndpoint(q: Sql | Tx, id: number): Promise<EndpointRow> {
	const [row] = await q<EndpointRow[]>`
		select id, url, description, event_types, role, allow_private, enabled, secret, created_at
		from webhook_endpoints where id = ${id}`;
	if (!row) throw notFound(`Webhook endpoint ${id}`);
	return row;
}

export async function listEndpoints(services: Services, actor: Actor): Promise<WebhookEndpoint[]> {
	requirePermission(actor, 'webhooks.manage');
	const rows = await services.db.sql<EndpointRow[]>`
		select id, url, description, event_types, role, allow_private, enabled, secret, created_at
		from webhook_endpoints order by id`;
	return rows.map(shown);
}

export async function getEndpoint(
	services: Services,
	actor: Actor,
	id: number
): Promise<WebhookEndpoint> {
	requirePermission(actor, 'webhooks.manage');
	return shown(await readEndpoint(services.db.sql, id));
}

/** The trail's view of an endpoint: its settings, never its secret. */
const trailed = (row: Partial<EndpointRow>) => ({
	url: row.url,
	description: row.description,
	eventTypes: row.eventTypes,
	role: row.role,
	allowPrivate: row.allowPrivate,
	enabled: row.enabled
});

/** Adds an endpoint; the answer carries its secret, the one time it is shown whole. */
export async function createEndpoint(
	services: Services,
	actor: Actor,
	input: unknown,
	resolve: Resolver = systemResolver
): Promise<WebhookEndpoint & { secret: string }> {
	requirePermission(actor, 'webhooks.manage');
	const data = parseInput(createEndpointSchema, input);
	const allowPrivate = data.allowPrivate ?? false;
	const url = await checkUrl(data.url, allowPrivate, resolve);
	checkRoleSees(data.role, data.eventTypes);
	const eventTypes = [...new Set(data.eventTypes)];
	return transaction(services.db.sql, async (tx) => {
		const [row] = await tx<EndpointRow[]>`
			insert into webhook_endpoints (url, description, event_types, role, secret, allow_private,
				enabled, created_by)
			values (${url}, ${data.description ?? ''}, ${eventTypes}, ${data.role}, ${newSecret()},
				${allowPrivate}, ${data.enabled ?? true}, ${actor.id})
			returning id, url, description, event_types, role, allow_private, enabled, secret, created_at`;
		await recordSettingsChange(
			tx,
			actor,
			`webhook:${row.id}`,
			{},
			{ exists: true, ...trailed(row) }
		);
		return { ...shown(row), secret: row.secret };
	});
}

export async function updateEndpoint(
	services: Services,
	actor: Actor,
	id: number,
	input: unknown,
	resolve: Resolver = systemResolver
): Promise<WebhookEndpoint> {
	requirePermission(actor, 'webhooks.manage');
	const data = parseInput(updateEndpointSchema, input);
	return transaction(services.db.sql, async (tx) => {
		const [current] = await tx<EndpointRow[]>`
			select id, url, description, event_types, role, allow_private, enabled, secret, created_at
			from webhook_endpoints where id = ${id} for update`;
		if (!current) throw notFound(`Webhook endpoint ${id}`);
		const next = { ...current, ...data };
		if (data.url !== undefined || data.allowPrivate !== undefined)
			next.url = await checkUrl(next.url, next.allowPrivate, resolve);
		checkRoleSees(next.role, next.eventTypes);
		next.eventTypes = [...new Set(next.eventTypes)];
		const [row] = await tx<EndpointRow[]>`
			update webhook_endpoints set url = ${next.url}, description = ${next.description},
				event_types = ${next.eventTypes}, role = ${next.role},
				allow_private = ${next.allowPrivate}, enabled = ${next.enabled}
			where id = ${id}
			returning id, url, description, event_types, role, allow_private, enabled, secret, created_at`;
		await recordSettingsChange(tx, actor, `webhook:${id}`, trailed(current), trailed(row));
		return shown(row);
	});
}

/** A new secret at once: deliveries from now on are signed with it. Shown this once. */
export async function rotateSecret(
	services: Services,
	actor: Actor,
	id: number
): Promise<{ secret: string }> {
	requirePermission(actor, 'webhooks.manage');
	return transaction(services.db.sql, async (tx) => {
		const [row] = await tx<{ secret: string }[]>`
			update webhook_endpoints set secret = ${newSecret()} where id = ${id} returning secret`;
		if (!row) throw notFound(`Webhook endpoint ${id}`);
		await recordSettingsChange(tx, actor, `webhook:${id}`, { secret: '' }, { secret: 'made new' });
		return { secret: row.secret };
	});
}

/** Removes an endpoint and its deliveries (those still waiting are not sent). */
export async function deleteEndpoint(services: Services, actor: Actor, id: number): Promise<void> {
	requirePermission(actor, 'webhooks.manage');
	await transaction(services.db.sql, async (tx) => {
		const [row] = await tx<EndpointRow[]>`
			delete from webhook_endpoints where id = ${id}
			returning id, url, description, event_types, role, allow_private, enabled, secret, created_at`;
		if (!row) throw notFound(`Webhook endpoint ${id}`);
		await recordSettingsChange(
			tx,
			actor,
			`webhook:${id}`,
			{ exists: true, url: row.url },
			{ exists: false, url: row.url }
		);
	});
}
