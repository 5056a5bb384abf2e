import { requirePermission } from './auth/roles';
import type { Sql } from './db';
import type { Actor } from './events';

export interface Person {
	id: number;
	name: string;
}

/** Everyone on the staff who can be signed in (not the wall displays, not disabled accounts). */
export async function listPeople(sql: Sql, actor: Actor): Promise<{ people: Person[] }> {
	requirePermission(actor, 'orders.read');
	const people = await sql<Person[]>`
		select id, display_name as name from users
		where role in ('owner', 'manager', 'staff', 'bench') and disabled_at is null
		order by display_name, id`;
	return { people };
}
