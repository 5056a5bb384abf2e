import { randomBytes, timingSafeEqual } from 'node:crypto';
import { CUSTOMER_STAGE_LABELS } from '../../message-templates';
import { BOARD_STAGES, type Stage } from '../../stages';
import { requirePermission } from '../auth/roles';
import { hashToken } from '../auth/tokens';
import { lockOrder, runCommand } from '../commands';
import type { Sql, Tx } from '../db';
import { notFound } from '../errors';
import { appendEvent, type Actor } from '../events';
import type { Services } from '../services';
import { transaction } from '../transaction';

/** 18 random bytes: 144 bits, 24 characters of base64url. */
const TOKEN = /^[A-Za-z0-9_-]{24}$/;
/** 144 random bits, with the SHA-256 it is found by. */
function newToken() {
	const token = randomBytes(18).toString('base64url');
	return { token, hash: hashToken(token) };
}

export const statusUrl = (publicUrl: string, token: string) => `${publicUrl}/s/${token}`;

async function setToken(tx: Tx, orderId: number): Promise<string> {
	const { token, hash } = newToken();
	await tx`
		update orders set status_token = ${token}, status_token_hash = ${hash}
		where id = ${orderId}`;
	return token;
}

/**
 * The order's status link token, made the first time it is needed. Two first asks at once make one
 * token: only an empty one is filled, and whoever comes second reads the first one's.
 */
export async function ensureStatusToken(tx: Tx, orderId: number): Promise<string> {
	const [row] = await tx<{ statusToken: string | null }[]>`
		select status_token from orders where id = ${orderId}`;
	if (row?.statusToken) return row.statusToken;
	const { token, hash } = newToken();
	const [made] = await tx<{ statusToken: string }[]>`
		update orders set status_token = ${token}, status_token_hash = ${hash}
		where id = ${orderId} and status_token is null
		returning status_token`;
	if (made) return made.statusToken;
	const [existing] = await tx<{ statusToken: string }[]>`
		select status_token from orders where id = ${orderId}`;
	return existing.statusToken;
}

/** The link to give the customer (staff only: it is as good as a key to the status page). */
export async function getStatusLink(
	services: Services,
	actor: Actor,
	orderId: number
): Promise<{ url: string }> {
	requirePermission(actor, 'customers.contact');
	const token = await transaction(services.db.sql, async (tx) => {
		const [order] = await tx`select 1 from orders where id = ${orderId}`;
		if (!order) return null;
		return ensureStatusToken(tx, orderId);
	});
	if (token === null) throw notFound(`Order ${orderId}`);
	return { url: statusUrl(services.publicUrl, token) };
}

/** A new link; the old one stops working at once. */
export async function renewStatusLink(
	services: Services,
	actor: Actor,
	orderId: number
): Promise<{ url: string }> {
	requirePermission(actor, 'customers.contact');
	return runCommand(services, async (tx) => {
		await lockOrder(tx, orderId);
		const token = await setToken(tx, orderId);
		const event = await appendEvent(tx, orderId, 'status_link.renewed', actor, {
			before: {},
			after: {}
		});
		return { result: { url: statusUrl(services.publicUrl, token) }, event };
	});
}

/** What the customer's status page shows: nothing internal, no names, no other orders. */
export interface CustomerStatus {
	shopName: string;
	openingHours: string;
	number: string;
	title: string;
	stage: Stage;
	stageLabel: string;
	/** The workflow as the customer reads it, and how far along the piece is. */
	steps: { label: string; done: boolean; current: boolean }[];
	dueDate: string | null;
}

/** The status behind a link, or null for a wrong or replaced one (the page says "not found"). */
export async function readCustomerStatus(sql: Sql, token: string): Promise<CustomerStatus | null> {
	if (!TOKEN.test(token)) return null;
	const [row] = await sql<
		{
			statusToken: string;
			number: string;
			title: string;
			stage: Stage;
			dueDate: string | null;
			shopName: string;
			openingHours: string;
		}[]
	>`
		select o.status_token, o.number, o.title, o.stage, o.due_date, s.shop_name, s.opening_hours
		from orders o cross join settings s
		where o.status_token_hash = ${hashToken(token)}`;
	if (!row || !timingSafeEqual(Buffer.from(row.statusToken), Buffer.from(token))) return null;
	const stage = row.stage;
	const reached =
		stage === 'picked_up' ? BOARD_STAGES.length : BOARD_STAGES.indexOf(stage as never);
	return {
		shopName: row.shopName,
		openingHours: row.openingHours,
		number: row.number,
		title: row.title,
		stage,
		stageLabel: CUSTOMER_STAGE_LABELS[stage],
		steps: BOARD_STAGES.map((step, index) => ({
			label: CUSTOMER_STAGE_LABELS[step],
			done: index < reached,
			current: index === reached
		})),
		dueDate: row.dueDate
	};
}
