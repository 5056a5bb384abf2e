import type {
	Attachment,
	Blocker,
	Customer,
	Order,
	OrderCard,
	OrderMoney,
	Payment,
	PieceDetails,
	Stone,
	VendorJob
} from '../types';
import { can, requirePermission } from './auth/roles';
import type { Sql, Tx } from './db';
import { notFound } from './errors';
import type { Actor } from './events';
import { readSettings } from './settings';
import { readItems } from './custody-read';
import { snapshot } from './transaction';

const iso = (value: Date | string) => new Date(value).toISOString();

/** Paid is deposits and payments less refunds; the balance is what is still owed on the quote. */
export function moneyOf(
	currency: string,
	quotedPriceCents: number | null,
	payments: Payment[]
): OrderMoney {
	const paidCents = payments.reduce(
		(sum, payment) =>
			sum + (payment.kind === 'refund' ? -payment.amountCents : payment.amountCents),
		0
	);
	return {
		currency,
		quotedPriceCents,
		payments,
		paidCents,
		balanceCents: quotedPriceCents === null ? null : quotedPriceCents - paidCents
	};
}

/** An order's stones, or every stone on a customer's orders. */
export async function readStones(
	q: Sql | Tx,
	where: { orderId: number } | { customerId: number }
): Promise<Stone[]> {
	return q<Stone[]>`
		select s.id, s.order_id, s.role, s.source, s.vendor_id, v.name as vendor_name, s.gem, s.shape,
			s.count, s.carats, s.dimensions_mm, s.colour, s.clarity, s.cert_lab, s.cert_number,
			s.declared_value_cents, s.state, s.version
		from stones s left join vendors v on v.id = s.vendor_id
		where ${
			'orderId' in where
				? q`s.order_id = ${where.orderId}`
				: q`s.order_id in (select id from orders where customer_id = ${where.customerId})`
		}
		order by s.order_id, array_position(array['center', 'side', 'accent', 'melee'], s.role), s.id`;
}

/** The whole order as this actor may see it: no money for bench, no contact details either. */
export async function getOrder(sql: Sql, actor: Actor, id: number): Promise<Order> {
	requirePermission(actor, 'orders.read');
	const seesMoney = can(actor.role, 'money.read');
	return snapshot(sql, async (tx) => {
		const [row] = await tx<
			(OrderCard &
				PieceDetails & {
					quotedPriceCents: number | null;
					lastChangedBy: string | null;
					createdAt: Date;
					updatedAt: Date;
					customerRow: Customer;
					transit: Order['transit'];
				})[]
		>`
			select oc.*, o.metal, o.size_value, o.size_scale, o.dimensions, o.finish, o.engraving_text,
				o.engraving_font, o.design_notes, o.customer_requests, o.quoted_price_cents,
				o.created_at, o.updated_at,
				(select u.display_name from order_events e join users u on u.id = e.actor_id
					where e.order_id = o.id order by e.seq desc limit 1) as last_changed_by,
				(select json_build_object('sentBy', u.display_name, 'note', t.note)
					from transfers t join users u on u.id = t.sent_by
					where t.order_id = o.id and t.received_at is null) as transit,
				json_build_object(
					'id', c.id, 'givenName', c.given_name, 'familyName', c.family_name, 'phone', c.phone,
					'email', c.email, 'preferredContact', c.preferred_contact, 'ringSizes', c.ring_sizes,
					'notificationsOff', c.notifications_off,
					'notes', c.notes, 'createdAt', c.created_at
				) as customer_row
			from order_cards oc
			join orders o on o.id = oc.id
			join customers c on c.id = oc.customer_id
			where oc.id = ${id}`;
		if (!row) throw notFound(`Order ${id}`);
		const { quotedPriceCents, createdAt, updatedAt, customerRow, ...order } = row;

		const stones = await readStones(tx, { orderId: id });
		const vendorJobs = await tx<VendorJob[]>`
			select j.id, j.order_id, j.vendor_id, v.name as vendor_name, j.description, j.sent_on,
				j.expected_on, j.received_on, j.cost_cents, j.version
			from vendor_jobs j join vendors v on v.id = j.vendor_id
			where j.order_id = ${id}
			order by j.sent_on nulls last, j.id`;
		const blockers = await tx<
			(Omit<Blocker, 'since' | 'resolvedAt'> & {
				since: Date;
				resolvedAt: Date | null;
			})[]
		>`
			select b.id, b.description, b.since, creator.display_name as created_by, b.resolved_at,
				resolver.display_name as resolved_by
			from blockers b
			join users creator on creator.id = b.created_by
			left join users resolver on resolver.id = b.resolved_by
			where b.order_id = ${id}
			order by b.resolved_at is not null, b.resolved_at desc, b.since, b.id`;
		const attachments = await tx<(Omit<Attachment, 'createdAt'> & { createdAt: Date })[]>`
			select a.id, a.kind, a.item_id, a.media_type, a.byte_size, a.width, a.height, a.file_name, a.caption,
				u.display_name as created_by, a.created_at
			from attachments a join users u on u.id = a.created_by
			where a.order_id = ${id} and a.removed_at is null
			order by a.created_at, a.id`;

		let money: OrderMoney | null = null;
		if (seesMoney) {
			const settings = await readSettings(tx);
			const payments = await tx<(Omit<Payment, 'createdAt'> & { createdAt: Date })[]>`
				select p.id, p.kind, p.amount_cents, p.method, p.paid_on, u.display_name as taken_by,
					p.note, p.created_at
				from payments p join users u on u.id = p.taken_by
				where p.order_id = ${id}
				order by p.paid_on, p.id`;
			money = moneyOf(
				settings.currency,
				quotedPriceCents,
				payments.map((payment) => ({ ...payment, createdAt: iso(payment.createdAt) }))
			);
		}

		const items = await readItems(tx, actor, id);
		const seesContact = can(actor.role, 'customers.contact');
		return {
			...order,
			customer: {
				...customerRow,
				phone: seesContact ? customerRow.phone : null,
				email: seesContact ? customerRow.email : null,
				createdAt: iso(customerRow.createdAt)
			},
			createdAt: iso(createdAt),
			updatedAt: iso(updatedAt),
			stageEnteredAt: iso(order.stageEnteredAt),
			stones: seesMoney ? stones : stones.map((stone) => ({ ...stone, declaredValueCents: null })),
			vendorJobs: seesMoney ? vendorJobs : vendorJobs.map((job) => ({ ...job, costCents: null })),
			blockers: blockers.map((blocker) => ({
				...blocker,
				since: iso(blocker.since),
				resolvedAt: blocker.resolvedAt ? iso(blocker.resolvedAt) : null
			})),
			attachments: attachments.map((attachment) => ({
				...attachment,
				createdAt: iso(attachment.createdAt)
			})),
			money,
			items
		};
	});
}
