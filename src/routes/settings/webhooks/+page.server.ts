import { fail } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { actorOf, parseId } from '$lib/server/http';
import { loadOrRefuse } from '$lib/page-errors.server';
import { listDeliveries, resendDelivery, sendTestPing } from '$lib/server/webhooks/deliveries';
import {
	createEndpoint,
	deleteEndpoint,
	listEndpoints,
	rotateSecret,
	updateEndpoint
} from '$lib/server/webhooks/endpoints';
import type { Actions, PageServerLoad } from './$types';

/** The owner's webhooks: each endpoint with its newest deliveries. */
export const load: PageServerLoad = async ({ locals }) => {
	const actor = actorOf(locals);
	const endpoints = await loadOrRefuse(() => listEndpoints(locals.services, actor));
	const deliveries = Object.fromEntries(
		await Promise.all(
			endpoints.map(
				async (endpoint) =>
					[endpoint.id, await listDeliveries(locals.services, actor, endpoint.id, 20)] as const
			)
		)
	);
	return { endpoints, deliveries };
};

/** A refusal keeps what was typed and names its field; a secret made now is shown this once. */
async function attempt(
	scope: { endpointId: number | null },
	work: () => Promise<Record<string, unknown> | void>,
	values: Record<string, unknown> = {}
) {
	try {
		return { ...scope, ...((await work()) ?? { done: true }) };
	} catch (error) {
		if (!(error instanceof DomainError)) throw error;
		return fail(error.status, {
			...scope,
			values,
			field: error.details.field ?? null,
			message: error.message
		});
	}
}

const endpointIdOf = (form: FormData) => parseId(String(form.get('id') ?? ''), 'Webhook endpoint');

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		const input = {
			url: String(form.get('url') ?? ''),
			description: String(form.get('description') ?? ''),
			eventTypes: form.getAll('eventTypes').map(String),
			role: String(form.get('role') ?? ''),
			allowPrivate: form.get('allowPrivate') === 'on'
		};
		return attempt(
			{ endpointId: null },
			async () => {
				const created = await createEndpoint(locals.services, actorOf(locals), input);
				return { secret: created.secret, secretFor: created.id };
			},
			input
		);
	},
	toggle: async ({ request, locals }) => {
		const form = await request.formData();
		const id = endpointIdOf(form);
		return attempt({ endpointId: id }, async () => {
			await updateEndpoint(locals.services, actorOf(locals), id, {
				enabled: form.get('enabled') === 'true'
			});
		});
	},
	rotate: async ({ request, locals }) => {
		const form = await request.formData();
		const id = endpointIdOf(form);
		return attempt({ endpointId: id }, async () => {
			const { secret } = await rotateSecret(locals.services, actorOf(locals), id);
			return { secret, secretFor: id };
		});
	},
	remove: async ({ request, locals }) => {
		const form = await request.formData();
		const id = endpointIdOf(form);
		return attempt({ endpointId: id }, () => deleteEndpoint(locals.services, actorOf(locals), id));
	},
	test: async ({ request, locals }) => {
		const form = await request.formData();
		const id = endpointIdOf(form);
		return attempt({ endpointId: id }, async () => {
			await sendTestPing(locals.services, actorOf(locals), id);
			return { notice: 'Test ping queued: its delivery appears below.' };
		});
	},
	resend: async ({ request, locals }) => {
		const form = await request.formData();
		const id = endpointIdOf(form);
		return attempt({ endpointId: id }, async () => {
			await resendDelivery(
				locals.services,
				actorOf(locals),
				id,
				String(form.get('deliveryId') ?? '')
			);
			return { notice: 'Sending it again now, with the same Webhook-Id.' };
		});
	}
};
