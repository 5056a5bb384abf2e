import type { Session } from '$lib/server/auth/sessions';
import type { Actor } from '$lib/server/events';
import type { Services } from '$lib/server/services';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			services: Services;
			/** Who is asking: set by the hook for a valid session, else null. */
			actor: Actor | null;
			session: Session | null;
		}
	}
}

export {};
