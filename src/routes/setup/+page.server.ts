import { fail, redirect } from '@sveltejs/kit';
import { countAccounts, createAccount, signIn } from '$lib/server/auth/accounts';
import { clientAddress, setSessionCookie } from '$lib/server/auth/cookies';
import { DomainError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

/**
 * The first run: create the owner. Once any account exists this page is gone. A server others can
 * reach asks first for the one-time code it printed on its console (auth/setup-code.ts).
 */
export const load: PageServerLoad = async ({ locals }) => {
	if ((await countAccounts(locals.services)) > 0) redirect(303, '/login');
	return { needsCode: locals.services.setup.required };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const values = {
			name: String(form.get('name') ?? ''),
			username: String(form.get('username') ?? '')
		};
		const password = String(form.get('password') ?? '');
		const ip = clientAddress(event);
		try {
			event.locals.services.setup.check(form.get('code'), ip);
			await createAccount(event.locals.services, null, { ...values, role: 'owner', password }, ip);
			const { token, expiresAt } = await signIn(event.locals.services, {
				username: values.username,
				password,
				ip,
				userAgent: event.request.headers.get('user-agent')
			});
			setSessionCookie(event, token, expiresAt);
			event.locals.services.setup.spend();
		} catch (error) {
			if (error instanceof DomainError)
				return fail(error.status, {
					...values,
					field: error.details.field ?? null,
					message: error.message
				});
			throw error;
		}
		redirect(303, '/');
	}
};
