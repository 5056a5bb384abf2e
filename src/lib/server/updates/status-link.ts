import { randomBytes, timingSafeEqual } from 'node:crypto';
import { CUSTOMER_STAGE_LABELS, customerPieceHeading } from '../../words/message-templates';
import type { PieceType } from '../../words/vocabulary';
import { BOARD_STAGES, type Stage } from '../../stages';
import { requirePermission } from '../auth/roles';
import { hashToken } from '../auth/tokens';
import { lockOrder, runCommand } from '../commands';
import type { Sql, Tx } from '../db';
import { notFound } from '../errors';
import { appendEvent, type Actor } from '../events';
import type { Services } from '../services';
import { readPickupPlace, type PickupPlace } from './pickup-place';

/** 18 random bytes: 144 bits, 24 characters of base64url. */
const TOKEN = /^[A-Za-z0-9_-]{24}$/;
/**
 * 144 random bits, with the SHA-256 it is found by: every order gets one as it is taken in
 * (migration 0012 gave the older ones theirs), so reading the link never writes.
 */
export function newStatusToken() {
	const token = randomBytes(18).toString('base64url');
	return { statusToken: token, statusTokenHash: hashToken(token) };
}

export const statusUrl = (publicUrl: string, token: string) => `${publicUrl}/s/${token}`;

/** The order's status link token, or null for no such order. */
export async function readStatusToken(q: Sql | Tx, orderId: number): Promise<string | null> {
	const [row] = await q<{ statusToken: string }[]>`
		select status_token from orders where id = ${orderId}`;
	return row?.statusToken ?? null;
}

/** The link to give the customer (staff only: it is as good as a key to the status page). */
export async function getStatusLink(
	services: Services,
	actor: Actor,
	orderId: number
): Promise<{ url: string }> {
	requirePermission(actor, 'customers.contact');
	const token = await readStatusToken(services.db.sql, orderId);
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
	const { result } = await runCommand(services, async (tx) => {
		await lockOrder(tx, orderId);
		const { statusToken: token, statusTokenHash: hash } = newStatusToken();
		await tx`
			update orders set status_token = ${token}, status_token_hash = ${hash}
			where id = ${orderId}`;
		const event = await appendEvent(tx, orderId, 'status_link.renewed', actor, {
			before: {},
			after: {}
		});
		return { result: { url: statusUrl(services.publicUrl, token) }, event };
	});
	return result;
}

/** What the customer's status page shows: nothing internal, no names, no other orders. */
export interface CustomerStatus {
	shopName: string;
	/** The pickup store's hours in a shop of several locations, else the shop's. */
	openingHours: string;
	/** Where the piece will be picked up, in a shop of several locations; null: the shop itself. */
	pickup: PickupPlace | null;
	number: string;
	/** The piece in the customer's words ("Your engagement ring, platinum"), not the staff's title. */
	piece: string;
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
			id: number;
			statusToken: string;
			number: string;
			pieceType: PieceType;
			metal: string | null;
			stage: Stage;
			dueDate: string | null;
			shopName: string;
			openingHours: string;
		}[]
	>`
		select o.id, o.status_token, o.number, o.piece_type, o.metal, o.stage, o.due_date, s.shop_name, s.opening_hours
		from orders o cross join settings s
		where o.status_token_hash = ${hashToken(token)}`;
	if (!row || !timingSafeEqual(Buffer.from(row.statusToken), Buffer.from(token))) return null;
	const stage = row.stage;
	const pickup = await readPickupPlace(sql, row.id);
	const reached =
		stage === 'picked_up' ? BOARD_STAGES.length : BOARD_STAGES.indexOf(stage as never);
	return {
		shopName: row.shopName,
		openingHours: pickup?.hours ?? row.openingHours,
		number: row.number,
		piece: customerPieceHeading(row.pieceType, row.metal),
		stage,
		stageLabel: CUSTOMER_STAGE_LABELS[stage],
		steps: BOARD_STAGES.map((step, index) => ({
			label: CUSTOMER_STAGE_LABELS[step],
			done: index < reached,
			current: index === reached
		})),
		dueDate: row.dueDate,
		pickup
	};
}
