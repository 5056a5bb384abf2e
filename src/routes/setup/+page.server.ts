import { fail, redirect } from '@sveltejs/kit';
import { countAccounts, createAccount } from '$lib/server/auth/accounts';
import { signIn } from '$lib/server/auth/sign-in';
import { clientAddress, setSessionCookie } from '$lib/server/auth/cookies';
import { DomainError, parseInput } from '$lib/server/errors';
import { updateShopProfile } from '$lib/server/shop-profile';
import { shopProfileSchema } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

/**
 * The first run: the shop's profile and its owner. Once any account exists this page is gone. A
 * server others can reach asks first for the one-time code it printed on its console
 * (auth/setup-code.ts).
 */
export const load: PageServerLoad = async ({ locals }) => {
	if ((await countAccounts(locals.services)) > 0) redirect(303, '/login');
	return { needsCode: await locals.services.setup.required() };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const text = (name: string) => String(form.get(name) ?? '').replace(/\r\n?/g, '\n');
		const values = { name: text('name'), username: text('username') };
		const profile = {
			name: text('shopName'),
			address: text('address'),
			phone: text('phone'),
			email: text('email'),
			website: text('website'),
			timeZone: text('timeZone'),
			currency: text('currency'),
			locale: text('locale')
		};
		const password = String(form.get('password') ?? '');
		const ip = clientAddress(event);
		const { services } = event.locals;
		// Which part of the page a refusal is about: the shop's fields or the owner's.
		const refused = (error: unknown, part: 'shop' | 'owner') => {
			if (!(error instanceof DomainError)) throw error;
			return fail(error.status, {
				...values,
				profile,
				part,
				field: error.details.field ?? null,
				message: error.message
			});
		};
		try {
			await services.setup.check(form.get('code'), ip);
		} catch (error) {
			return refused(error, 'owner');
		}
		try {
			// Checked before the owner is made: a refused profile leaves nothing half set up.
			parseInput(shopProfileSchema, profile);
		} catch (error) {
			return refused(error, 'shop');
		}
		try {
			const owner = await createAccount(services, null, { ...values, role: 'owner', password }, ip);
			await updateShopProfile(
				services,
				{ id: owner.id, name: owner.displayName, role: owner.role },
				profile
			);
			const { token, expiresAt } = await signIn(services, {
				username: values.username,
				password,
				ip,
				userAgent: event.request.headers.get('user-agent')
			});
			setSessionCookie(event, token, expiresAt);
			services.setup.settle();
		} catch (error) {
			return refused(error, 'owner');
		}
		redirect(303, '/');
	}
};
