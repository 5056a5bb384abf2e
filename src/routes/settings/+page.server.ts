import { error, fail } from '@sveltejs/kit';
import {
	changeRole,
	createAccount,
	disableAccount,
	listAccounts,
	resetPassword
} from '$lib/server/auth/accounts';
import { recentAuthEvents } from '$lib/server/auth/audit';
import { clientAddress } from '$lib/server/auth/cookies';
import { createDisplay, listDisplays, revokeDisplay } from '$lib/server/auth/displays';
import { listSessions, revokeSession } from '$lib/server/auth/session-admin';
import { can } from '$lib/server/auth/roles';
import { DomainError } from '$lib/server/errors';
import { actorOf } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = actorOf(locals);
	if (!can(actor.role, 'accounts.manage')) error(403, 'Only the owner manages staff and displays.');
	const [accounts, displays, sessions, audit] = await Promise.all([
		listAccounts(locals.services, actor),
		listDisplays(locals.services, actor),
		listSessions(locals.services, actor),
		recentAuthEvents(locals.services.db.sql, 50)
	]);
	return { accounts, displays, sessions, audit, me: actor.id, mySession: locals.session?.id };
};

/** Each action: the owner's check is in the domain function; a refusal comes back as a message. */
async function attempt(work: () => Promise<Record<string, unknown> | void>) {
	try {
		return (await work()) ?? { done: true };
	} catch (error) {
		if (error instanceof DomainError) return fail(error.status, { message: error.message });
		throw error;
	}
}

const id = (form: FormData) => Number(form.get('id'));

export const actions: Actions = {
	addAccount: async (event) => {
		const form = await event.request.formData();
		return attempt(async () => {
			const account = await createAccount(
				event.locals.services,
				actorOf(event.locals),
				{
					name: String(form.get('name') ?? ''),
					username: String(form.get('username') ?? ''),
					role: String(form.get('role') ?? ''),
					password: String(form.get('password') ?? '')
				},
				clientAddress(event)
			);
			return { notice: `${account.displayName} can now sign in as ${account.username}.` };
		});
	},
	changeRole: async (event) => {
		const form = await event.request.formData();
		return attempt(() =>
			changeRole(
				event.locals.services,
				actorOf(event.locals),
				id(form),
				form.get('role'),
				clientAddress(event)
			)
		);
	},
	disable: async (event) => {
		const form = await event.request.formData();
		return attempt(() =>
			disableAccount(event.locals.services, actorOf(event.locals), id(form), clientAddress(event))
		);
	},
	resetPassword: async (event) => {
		const form = await event.request.formData();
		return attempt(async () => {
			await resetPassword(
				event.locals.services,
				actorOf(event.locals),
				id(form),
				form.get('password'),
				clientAddress(event)
			);
			return { notice: 'Password changed; that account was signed out everywhere.' };
		});
	},
	addDisplay: async (event) => {
		const form = await event.request.formData();
		return attempt(async () => {
			const { display, linkToken } = await createDisplay(
				event.locals.services,
				actorOf(event.locals),
				{ name: form.get('name') },
				clientAddress(event)
			);
			return {
				displayLink: `${event.url.origin}/display/connect/${linkToken}`,
				displayName: display.name
			};
		});
	},
	revokeSession: async (event) => {
		const form = await event.request.formData();
		return attempt(() =>
			revokeSession(
				event.locals.services,
				actorOf(event.locals),
				String(form.get('id') ?? ''),
				clientAddress(event)
			)
		);
	},
	revokeDisplay: async (event) => {
		const form = await event.request.formData();
		return attempt(() =>
			revokeDisplay(event.locals.services, actorOf(event.locals), id(form), clientAddress(event))
		);
	}
};
