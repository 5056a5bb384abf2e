import { z } from 'zod';
import { id as locationId } from '../../validation/fields';
import type { Tx } from '../db';
import { notFound, parseInput } from '../errors';
import type { Actor } from '../events';
import { readLocation, requireOpenLocation } from '../locations';
import type { Services } from '../services';
import { recordSettingsChange } from '../settings-trail';
import { transaction } from '../transaction';
import { requirePermission } from './roles';

export const homeLocationSchema = z.strictObject({
	/** A location in use, or null: none (their orders go to the first open store). */
	homeLocationId: locationId.nullable()
});

/**
 * The owner sets where a person usually works: their new orders are taken in there, and their
 * board opens on it. Their sessions go on (nothing they may do changes); the settings trail keeps
 * it under the location section, by the person's name.
 */
export async function setHomeLocation(
	services: Services,
	actor: Actor,
	userId: number,
	input: unknown
): Promise<{ homeLocationId: number | null }> {
	requirePermission(actor, 'accounts.manage');
	const { homeLocationId } = parseInput(homeLocationSchema, input);
	return transaction(services.db.sql, async (tx) => {
		const [person] = await tx<{ displayName: string; homeLocationId: number | null }[]>`
			select display_name, home_location_id from users
			where id = ${userId} and role in ('owner', 'manager', 'staff', 'bench') for update`;
		if (!person) throw notFound(`Account ${userId}`);
		if (person.homeLocationId === homeLocationId) return { homeLocationId };
		if (homeLocationId !== null) await requireOpenLocation(tx, homeLocationId, 'homeLocationId');
		await tx`update users set home_location_id = ${homeLocationId} where id = ${userId}`;
		await recordSettingsChange(
			tx,
			actor,
			'locations',
			{ [person.displayName]: { home: await nameOf(tx, person.homeLocationId) } },
			{ [person.displayName]: { home: await nameOf(tx, homeLocationId) } }
		);
		return { homeLocationId };
	});
}

const nameOf = async (tx: Tx, id: number | null) =>
	id === null ? null : ((await readLocation(tx, id))?.name ?? null);
