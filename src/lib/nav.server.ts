import { can } from '$lib/server/auth/roles';
import type { Actor } from '$lib/server/events';
import type { NavViewer } from './nav';

export function navViewer(actor: Actor): NavViewer {
	return {
		id: actor.id,
		name: actor.name,
		role: actor.role,
		customers: can(actor.role, 'customers.read'),
		// Managers reach the page for the stuck thresholds only.
		settings: can(actor.role, 'accounts.manage') || can(actor.role, 'settings.manage'),
		insights: can(actor.role, 'insights.read')
	};
}
