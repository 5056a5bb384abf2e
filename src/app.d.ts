import type { Actor } from '$lib/server/events';
import type { Services } from '$lib/server/services';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			services: Services;
			/** Who is making this request: the shop's built-in actor until sign-in exists. */
			actor: Actor;
		}
	}
}

export {};
