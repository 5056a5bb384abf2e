import { DomainError } from '../errors';

export type Role = 'owner' | 'manager' | 'staff' | 'bench' | 'display';
export const STAFF_ROLES = ['owner', 'manager', 'staff', 'bench'] as const;
/**
 * What an API token may be made with: never owner, so accounts, tokens and the shop's full export
 * stay with the owner signed in; display for a tool that only shows the board.
 */
export const TOKEN_ROLES = ['manager', 'staff', 'bench', 'display'] as const;

/** What each role may do. Checked in the domain functions, so every entry point gets it. */
const PERMISSIONS = {
	'board.read': ['owner', 'manager', 'staff', 'bench', 'display'],
	'orders.read': ['owner', 'manager', 'staff', 'bench'],
	'orders.create': ['owner', 'manager', 'staff'],
	'orders.edit': ['owner', 'manager', 'staff'],
	'orders.move': ['owner', 'manager', 'staff', 'bench'],
	'orders.pickUp': ['owner', 'manager', 'staff'],
	'customers.contact': ['owner', 'manager', 'staff'],
	// Customer profiles: their orders, contact details and the items of theirs the shop holds.
	'customers.read': ['owner', 'manager', 'staff'],
	'customers.edit': ['owner', 'manager', 'staff'],
	// Prices, payments, costs and declared values. Bench jewelers do not need them.
	'money.read': ['owner', 'manager', 'staff'],
	'money.edit': ['owner', 'manager', 'staff'],
	'stones.edit': ['owner', 'manager', 'staff'],
	// At the bench: a stone arrived, was set; a photo of the work; what the order waits on.
	'stones.state': ['owner', 'manager', 'staff', 'bench'],
	'attachments.add': ['owner', 'manager', 'staff', 'bench'],
	'attachments.remove': ['owner', 'manager', 'staff'],
	'blockers.edit': ['owner', 'manager', 'staff', 'bench'],
	// Chain of custody: taking a customer's item in and handing it back is the counter's; passing
	// it on (to the safe, the setter, a casting house) happens at the bench too.
	'custody.checkIn': ['owner', 'manager', 'staff'],
	'custody.handOff': ['owner', 'manager', 'staff', 'bench'],
	// Releasing a piece while the customer still owes money.
	'orders.releaseOverride': ['owner', 'manager'],
	// Design notes and customer requests, edited live together (the bench reads and writes them).
	'notes.edit': ['owner', 'manager', 'staff', 'bench'],
	'vendorJobs.edit': ['owner', 'manager', 'staff'],
	'vendors.read': ['owner', 'manager', 'staff', 'bench'],
	'vendors.manage': ['owner', 'manager', 'staff'],
	// Accounts, wall displays and API tokens.
	'accounts.manage': ['owner'],
	// Every order (open and archived) with its money and customer, and the whole event log, at once.
	'data.export': ['owner'],
	// The words of the messages customers get, and whether the shop sends them at all.
	'messages.manage': ['owner'],
	// The shop's name, contact details, time zone, currency and locale.
	'shop.manage': ['owner'],
	// How long an order may sit in each stage before it is flagged stuck.
	'settings.manage': ['owner', 'manager'],
	// Webhook endpoints: where the shop's events are posted, signed, and their deliveries.
	'webhooks.manage': ['owner'],
	// The Insights page: cycle times, flow, on-time rate, where work waits (no money in it).
	'insights.read': ['owner', 'manager'],
	// Bringing a spreadsheet of open orders and customers over from another tracker, many at once.
	'orders.import': ['owner', 'manager']
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** The built-in 'system' actor (seeds, the command line) may do everything. */
export function can(role: Role | 'system', permission: Permission): boolean {
	return role === 'system' || (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Throws a 403 in plain words unless the role has the permission; `why` says it for the person. */
export function requirePermission(
	actor: { role: Role | 'system' },
	permission: Permission,
	why?: string
): void {
	if (!can(actor.role, permission)) {
		throw new DomainError(403, 'forbidden', why ?? `Your role (${actor.role}) may not do this`);
	}
}

/** The roles that have a permission, as the API's document lists them. */
export const rolesWith = (permission: Permission): readonly Role[] => PERMISSIONS[permission];
