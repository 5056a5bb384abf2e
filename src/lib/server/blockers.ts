import { addBlockerSchema } from '../validation';
import { requirePermission } from './auth/roles';
import { changeInsideOrder } from './commands';
import { conflict, notFound, parseInput } from './errors';
import type { Actor } from './events';
import type { Services } from './services';

/** "Waiting on the center stone from the dealer": the whole shop sees it on the card. */
export async function addBlocker(
	services: Services,
	actor: Actor,
	orderId: number,
	input: unknown
): Promise<number | null> {
	requirePermission(actor, 'blockers.edit');
	const { description } = parseInput(addBlockerSchema, input);
	return changeInsideOrder(services, actor, orderId, 'blocker.added', async (tx) => {
		const [blocker] = await tx`
			insert into blockers (order_id, description, created_by)
			values (${orderId}, ${description}, ${actor.id})
			returning id, description, since`;
		return { before: null, after: blocker };
	});
}

export async function resolveBlocker(
	services: Services,
	actor: Actor,
	orderId: number,
	blockerId: number
): Promise<number | null> {
	requirePermission(actor, 'blockers.edit');
	return changeInsideOrder(services, actor, orderId, 'blocker.resolved', async (tx) => {
		const [blocker] = await tx<{ id: number; description: string; resolvedAt: Date | null }[]>`
			select id, description, resolved_at from blockers
			where id = ${blockerId} and order_id = ${orderId} for update`;
		if (!blocker) throw notFound(`Blocker ${blockerId} of order ${orderId}`);
		if (blocker.resolvedAt) throw conflict(`“${blocker.description}” is already resolved`, null);
		const [resolved] = await tx`
			update blockers set resolved_at = now(), resolved_by = ${actor.id}
			where id = ${blockerId}
			returning id, description, resolved_at`;
		return { before: { id: blocker.id, description: blocker.description }, after: resolved };
	});
}
