import QRCode from 'qrcode';
import { todayIn } from '../due';
import type { Stone } from '../types';
import type { PieceType, SizeScale, WeightUnit } from '../words/vocabulary';
import type { Sql } from './db';
import type { Actor } from './events';
import { getOrder } from './order-record';
import { readSettings } from './settings';
import { readStatusToken, statusUrl } from './updates/status-link';
import { notFound } from './errors';

/** What the paper envelope that travels with the piece through the workshop says. */
export interface JobEnvelope {
	shopName: string;
	/** In the shop's time zone: a due date in another year says its year. */
	today: string;
	id: number;
	number: string;
	title: string;
	pieceType: PieceType;
	dueDate: string | null;
	rush: boolean;
	/** "Olivia B.": the envelope lies on benches and goes out to casting houses. */
	customer: string;
	assignee: string | null;
	metal: string | null;
	size: string | null;
	/** The customer's things the shop holds for this order, as weighed at check-in. */
	items: { id: number; description: string; weight: number | null; weightUnit: WeightUnit }[];
	stones: Pick<Stone, 'id' | 'role' | 'source' | 'gem' | 'shape' | 'count' | 'carats'>[];
	/** The order's page, which the QR code opens. */
	orderUrl: string;
	/** Our own generated markup, safe to inline. */
	qrSvg: string;
	/** The tear-off strip the customer takes home: the link to follow the order. */
	customerCopy: PrintedStatusLink;
}

/** The customer's status page on paper: its link and a QR code of it. */
export interface PrintedStatusLink {
	url: string;
	/** Our own generated markup, safe to inline. */
	qrSvg: string;
}

// Medium error correction still reads through a thumbprint or a crease in the paper.
const qrSvgOf = (url: string) =>
	QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });

/**
 * The status link for paper handed to the customer (a receipt, the envelope's strip). No permission
 * of its own: whoever may print the paper may hand it over, and the page reveals nothing private.
 */
export async function printedStatusLink(
	sql: Sql,
	publicUrl: string,
	orderId: number
): Promise<PrintedStatusLink> {
	const token = await readStatusToken(sql, orderId);
	if (token === null) throw notFound(`Order ${orderId}`);
	const url = statusUrl(publicUrl, token);
	return { url, qrSvg: await qrSvgOf(url) };
}

/** "6.25 US" for a finger, "18 in" for a chain. */
function sizeText(value: string | null, scale: SizeScale | null): string | null {
	if (!value || !scale) return null;
	return `${value} ${scale}`;
}

export async function readJobEnvelope(
	sql: Sql,
	actor: Actor,
	orderId: number,
	origin: string,
	publicUrl: string
): Promise<JobEnvelope> {
	const [order, settings] = await Promise.all([getOrder(sql, actor, orderId), readSettings(sql)]);
	const orderUrl = `${origin}/orders/${order.id}`;
	return {
		shopName: settings.shopName,
		today: todayIn(settings.timeZone),
		id: order.id,
		number: order.number,
		title: order.title,
		pieceType: order.pieceType,
		dueDate: order.dueDate,
		rush: order.rush,
		customer: order.customerShortName,
		assignee: order.assignee,
		metal: order.metal,
		size: sizeText(order.sizeValue, order.sizeScale),
		items: order.items
			.filter((item) => item.returnedAt === null)
			.map(({ id, description, weight, weightUnit }) => ({ id, description, weight, weightUnit })),
		stones: order.stones.map(({ id, role, source, gem, shape, count, carats }) => ({
			id,
			role,
			source,
			gem,
			shape,
			count,
			carats
		})),
		orderUrl,
		qrSvg: await qrSvgOf(orderUrl),
		// After getOrder: an order the actor may not read never gets a link made here.
		customerCopy: await printedStatusLink(sql, publicUrl, order.id)
	};
}
