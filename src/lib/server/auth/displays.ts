import { z } from 'zod';
import { displayOptionsOf, type DisplayOptions } from '../../display-options';
import { displayOptionsSchema, text } from '../../validation';
import type { Sql, Tx } from '../db';
import { invalid, notFound, parseInput } from '../errors';
import type { Actor } from '../events';
import type { Services } from '../services';
import { recordSettingsChange } from '../settings-trail';
import { transaction } from '../transaction';
import { recordAuthEvent } from './audit';
import { requirePermission } from './roles';
import { createSession, invalidateDisplaySessions } from './sessions';
import { generateToken, hashToken } from './tokens';

export interface DisplayDevice {
	id: number;
	name: string;
	createdAt: Date;
	revokedAt: Date | null;
	sessions: number;
	options: DisplayOptions;
}

const displayName = z.strictObject({
	name: text(60)
});

/** A wall display and its secret link; the link's secret is shown once and only its hash kept. */
export async function createDisplay(
	services: Services,
	actor: Actor,
	input: unknown,
	ip: string | null = null
): Promise<{ display: DisplayDevice; linkToken: string }> {
	requirePermission(actor, 'accounts.manage');
	const { name } = parseInput(displayName, input);
	const linkToken = generateToken();
	const [display] = await services.db.sql<DisplayDevice[]>`
		insert into display_devices (name, link_hash, created_by)
		values (${name}, ${hashToken(linkToken)}, ${actor.id})
		returning id, name, created_at, revoked_at, 0 as sessions, options`;
	await recordAuthEvent(services.db.sql, {
		type: 'display.created',
		actorId: actor.id,
		ip,
		detail: { displayId: display.id, name }
	});
	return { display: { ...display, options: displayOptionsOf(display.options) }, linkToken };
}

export async function listDisplays(services: Services, actor: Actor): Promise<DisplayDevice[]> {
	requirePermission(actor, 'accounts.manage');
	const displays = await services.db.sql<DisplayDevice[]>`
		select d.id, d.name, d.created_at, d.revoked_at, d.options,
			(select count(*)::int from sessions s where s.display_id = d.id and s.expires_at > now()) as sessions
		from display_devices d order by d.revoked_at nulls first, d.name`;
	return displays.map((display) => ({ ...display, options: displayOptionsOf(display.options) }));
}

/** Revoking signs the display out at once: its sessions end and its sockets close. */
export async function revokeDisplay(
	services: Services,
	actor: Actor,
	id: number,
	ip: string | null = null
): Promise<void> {
	requirePermission(actor, 'accounts.manage');
	const [display] = await services.db.sql<{ name: string }[]>`
		update display_devices set revoked_at = coalesce(revoked_at, now()) where id = ${id} returning name`;
	if (!display) throw notFound(`Display ${id}`);
	await invalidateDisplaySessions(services, id);
	await recordAuthEvent(services.db.sql, {
		type: 'display.revoked',
		actorId: actor.id,
		ip,
		detail: { displayId: id, name: display.name }
	});
}

/** Opening a display's link on the TV: a long session for that browser, no password. */
export async function signInDisplay(
	services: Services,
	linkToken: string,
	client: { ip: string | null; userAgent: string | null }
): Promise<{ token: string; expiresAt: Date } | null> {
	if (!/^[a-z2-7]{32}$/.test(linkToken)) return null;
	const [display] = await services.db.sql<{ id: number; name: string }[]>`
		select id, name from display_devices where link_hash = ${hashToken(linkToken)} and revoked_at is null`;
	if (!display) return null;
	const session = await createSession(services.db.sql, { displayId: display.id, ...client });
	await recordAuthEvent(services.db.sql, {
		type: 'display.signin',
		ip: client.ip,
		detail: { displayId: display.id, name: display.name }
	});
	return session;
}

/** What one display shows: its stages, its sort, whether assignees appear, its location. */
export async function readDisplayOptions(
	sql: Sql | Tx,
	displayId: number
): Promise<DisplayOptions> {
	const [row] = await sql<{ options: Partial<DisplayOptions> }[]>`
		select options from display_devices where id = ${displayId}`;
	return displayOptionsOf(row?.options ?? null);
}

/** The owner sets a display's options; the display takes them at once, without a reload. */
export async function updateDisplayOptions(
	services: Services,
	actor: Actor,
	id: number,
	input: unknown
): Promise<DisplayOptions> {
	requirePermission(actor, 'accounts.manage');
	const changes = parseInput(displayOptionsSchema, input);
	const { options, changed } = await transaction(services.db.sql, async (tx) => {
		const [row] = await tx<{ options: Partial<DisplayOptions> }[]>`
			select options from display_devices where id = ${id} for update`;
		if (!row) throw notFound(`Display ${id}`);
		if (changes.locationId != null) {
			const [place] = await tx`
				select 1 from locations where id = ${changes.locationId} and archived_at is null`;
			if (!place) throw invalid('locationId', "is not one of the shop's open locations");
		}
		const before = displayOptionsOf(row.options);
		const after = displayOptionsOf({ ...row.options, ...changes });
		await tx`update display_devices set options = ${tx.json(after as never)} where id = ${id}`;
		return {
			options: after,
			changed: await recordSettingsChange(tx, actor, `display:${id}`, before, after)
		};
	});
	if (changed) services.bus.notifyScreens({ type: 'display', displayId: id, options });
	return options;
}

/**
 * The one location a wall display is limited to, or null: every location (a person's screen is
 * never limited; they filter on their own screen).
 */
export async function displayLocationOf(q: Sql | Tx, actor: Actor): Promise<number | null> {
	// A display token is no display device (its id is a users row): every location, as by default.
	if (actor.role !== 'display' || actor.tokenId !== undefined) return null;
	return (await readDisplayOptions(q, actor.id)).locationId;
}
