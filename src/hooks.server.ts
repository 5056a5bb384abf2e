import type { Handle, HandleServerError } from '@sveltejs/kit';
import { getServices } from '$lib/server/services';

export const handle: Handle = async ({ event, resolve }) => {
	const services = getServices();
	event.locals.services = services;
	event.locals.actor = services.shopActor;
	return resolve(event);
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		console.error('unhandled error', {
			method: event.request.method,
			path: event.url.pathname,
			error
		});
	}
	return {
		message: status === 404 ? 'Not found' : 'Something went wrong on our side. Please try again.'
	};
};
