// Every endpoint under /api/v1, for the OpenAPI document: its request schemas are the ones the
// server validates with, so the document cannot drift from what is checked. A route missing here
// fails tests/unit/openapi-coverage.test.ts.
import type { z } from 'zod';
import type { Permission } from '../auth/roles';
import { forecastsQuerySchema, insightsQuerySchema } from '../../insights/charts';
import {
	addBlockerSchema,
	addStoneSchema,
	addVendorJobSchema,
	attachmentMetaSchema,
	boardPreferencesSchema,
	checkInItemSchema,
	createOrderSchema,
	customerListQuerySchema,
	displayOptionsSchema,
	eventsQuerySchema,
	handOffItemSchema,
	messageSettingsSchema,
	moveOrderSchema,
	newCustomerSchema,
	newLocationSchema,
	newVendorSchema,
	pickUpOrderSchema,
	receiveTransferSchema,
	recordPaymentSchema,
	removeStoneSchema,
	returnItemSchema,
	searchQuerySchema,
	sendMessageSchema,
	sendTransferSchema,
	shopProfileSchema,
	stageThresholdsSchema,
	undoSchema,
	updateCustomerSchema,
	updateLocationSchema,
	updateOrderSchema,
	updateStoneSchema,
	updateVendorJobSchema,
	updateVendorSchema,
	wipLimitsSchema
} from '../../validation';
import { z as zod } from 'zod';
import { VIEW_PARAMS } from '../../board/filters';
import { newTokenSchema } from '../auth/api-tokens';
import { homeLocationSchema } from '../auth/home-location';
import { mappingSchema } from '../imports/sheet';
import { createEndpointSchema, updateEndpointSchema } from '../webhooks/endpoints';
import { boardShape, cardAnswerShape, objectShape, orderAnswerShape, orderShape } from './shapes';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Operation {
	method: Method;
	/** As OpenAPI writes it: `/api/v1/orders/{id}/move`. */
	path: string;
	tag: string;
	summary: string;
	/**
	 * Who may call it: the permission the server checks (the document lists its roles from
	 * roles.ts), anyone, or any signed-in person.
	 */
	access: Permission | 'public' | 'signed-in';
	/** The JSON body's schema. */
	body?: z.ZodType;
	/** The query string's schema (each parameter a string in the URL). */
	query?: z.ZodType;
	/** Query parameters read by a parser of their own (the board's filters), by name. */
	queryNames?: readonly string[];
	/** The body is the file's bytes (an upload). */
	upload?: boolean;
	/** The success status and the answer's shape; `binary` for a file, `csv` for CSV or JSON. */
	ok: {
		status: 200 | 201 | 202;
		shape?: z.ZodType;
		binary?: boolean;
		csv?: boolean;
		/** JSON lines (`application/x-ndjson`), each line a `shape`, instead of one JSON answer. */
		lines?: boolean;
	};
	/** Where docs/api.md says it, a fragment of that file. */
	doc: string;
}

/** docs/api.md's sections whose heading is not just the method and path. */
const DOC_SECTIONS: Record<string, string> = {
	'get /events': 'get-apiv1eventsafternlimitm',
	'get /search': 'get-apiv1searchqlimit',
	'get /orders/{id}/messages': 'get-apiv1ordersidmessages-and-post-apiv1ordersidmessages',
	'post /orders/{id}/messages': 'get-apiv1ordersidmessages-and-post-apiv1ordersidmessages',
	'get /orders/{id}/status-link': 'get-and-post-apiv1ordersidstatus-link',
	'post /orders/{id}/status-link': 'get-and-post-apiv1ordersidstatus-link',
	'delete /orders/{id}/stones/{stoneId}': 'delete-apiv1ordersidstonesstoneidversionn',
	'get /attachments/{attachmentId}': 'get-apiv1attachmentsid-and-get-apiv1attachmentsidthumbnail',
	'get /attachments/{attachmentId}/thumbnail':
		'get-apiv1attachmentsid-and-get-apiv1attachmentsidthumbnail',
	'get /customers': 'get-apiv1customersqlimitoffset',
	'get /customers/duplicates': 'get-apiv1customersduplicatesphoneemail',
	'get /me/preferences': 'get-and-put-apiv1mepreferences',
	'put /me/preferences': 'get-and-put-apiv1mepreferences',
	'get /settings/wip-limits': 'get-and-patch-apiv1settingswip-limits',
	'patch /settings/wip-limits': 'get-and-patch-apiv1settingswip-limits',
	'get /settings/shop': 'get-and-patch-apiv1settingsshop',
	'patch /settings/shop': 'get-and-patch-apiv1settingsshop',
	'get /settings/messages': 'get-and-patch-apiv1settingsmessages',
	'patch /settings/messages': 'get-and-patch-apiv1settingsmessages',
	'get /insights/{chart}/orders': 'get-apiv1insightschartordersbucket',
	'get /imports': 'imports-post-apiv1imports-then-importsidpreview-start-get-importsid-and-report',
	'post /imports': 'imports-post-apiv1imports-then-importsidpreview-start-get-importsid-and-report',
	'get /imports/{id}':
		'imports-post-apiv1imports-then-importsidpreview-start-get-importsid-and-report',
	'post /imports/{id}/preview':
		'imports-post-apiv1imports-then-importsidpreview-start-get-importsid-and-report',
	'post /imports/{id}/start':
		'imports-post-apiv1imports-then-importsidpreview-start-get-importsid-and-report',
	'get /imports/{id}/report':
		'imports-post-apiv1imports-then-importsidpreview-start-get-importsid-and-report',
	'get /tokens': 'get-and-post-apiv1tokens',
	'post /tokens': 'get-and-post-apiv1tokens',
	'get /export/orders': 'get-apiv1exportorders-and-get-apiv1exportevents',
	'get /export/events': 'get-apiv1exportorders-and-get-apiv1exportevents',
	'get /webhooks': 'get-and-post-apiv1webhooks',
	'post /webhooks': 'get-and-post-apiv1webhooks',
	'get /webhooks/{id}': 'get-patch-and-delete-apiv1webhooksid',
	'patch /webhooks/{id}': 'get-patch-and-delete-apiv1webhooksid',
	'delete /webhooks/{id}': 'get-patch-and-delete-apiv1webhooksid',
	'post /webhooks/{id}/deliveries/{deliveryId}/resend':
		'post-apiv1webhooksiddeliveriesdeliveryidresend-and-post-apiv1webhooksidtest',
	'post /webhooks/{id}/test':
		'post-apiv1webhooksiddeliveriesdeliveryidresend-and-post-apiv1webhooksidtest'
};

const op = (
	method: Method,
	path: string,
	tag: string,
	summary: string,
	access: Operation['access'],
	rest: Partial<Omit<Operation, 'method' | 'path' | 'tag' | 'summary' | 'access'>> = {}
): Operation => ({
	method,
	path: `/api/v1${path}`,
	tag,
	summary,
	access,
	ok: { status: 200, shape: objectShape },
	doc: `#${DOC_SECTIONS[`${method} ${path}`] ?? `${method}-apiv1${path.replace(/[^\w-]/g, '').toLowerCase()}`}`,
	...rest
});

/** The export's one parameter, as `formatOf` in export.ts reads it. */
const exportQuery = zod.object({ format: zod.enum(['csv', 'jsonl']).optional() });

const orderChange = { ok: { status: 200, shape: orderAnswerShape } } as const;
const orderAdd = { ok: { status: 201, shape: orderAnswerShape } } as const;

export const OPERATIONS: Operation[] = [
	op('get', '/health', 'System', 'Whether the server and its database answer', 'public'),
	op('get', '/openapi.json', 'System', 'This document', 'public'),
	op(
		'get',
		'/board',
		'Board',
		'Every open order (filtered as the board page filters), and the seq to catch up from',
		'board.read',
		{
			queryNames: VIEW_PARAMS,
			ok: { status: 200, shape: boardShape }
		}
	),
	op('get', '/events', 'Board', 'The events after a seq, in order', 'board.read', {
		query: eventsQuerySchema
	}),
	op('get', '/forecasts', 'Board', "Every open order's forecast", 'orders.read', {
		query: forecastsQuerySchema
	}),
	op('get', '/people', 'Board', 'The names work can be assigned to', 'orders.read'),
	op('get', '/search', 'Board', 'Orders and customers matching a few words', 'orders.read', {
		query: searchQuerySchema
	}),
	op(
		'post',
		'/orders',
		'Orders',
		'Take in an order (with its customer, stones and deposit)',
		'orders.create',
		{
			body: createOrderSchema,
			ok: { status: 201, shape: cardAnswerShape }
		}
	),
	op('get', '/orders/{id}', 'Orders', 'One order with everything on it', 'orders.read', {
		ok: { status: 200, shape: orderShape }
	}),
	op('patch', '/orders/{id}', 'Orders', "Change an order's fields", 'orders.edit', {
		body: updateOrderSchema,
		...orderChange
	}),
	op('post', '/orders/{id}/move', 'Orders', 'Move a card to a stage and place', 'orders.move', {
		body: moveOrderSchema,
		ok: { status: 200, shape: cardAnswerShape }
	}),
	op(
		'post',
		'/orders/{id}/pickup',
		'Orders',
		'Hand the piece to the customer and archive it',
		'orders.pickUp',
		{
			body: pickUpOrderSchema,
			ok: { status: 200, shape: cardAnswerShape }
		}
	),
	op(
		'post',
		'/orders/{id}/undo',
		'Orders',
		'Undo the last change, within its window',
		'orders.move',
		{
			body: undoSchema,
			ok: { status: 200, shape: cardAnswerShape }
		}
	),
	op('get', '/orders/{id}/history', 'Orders', "The order's events, oldest first", 'orders.read'),
	op(
		'get',
		'/orders/{id}/messages',
		'Orders',
		'Messages sent to the customer about the order',
		'customers.contact'
	),
	op(
		'post',
		'/orders/{id}/messages',
		'Orders',
		'Send the customer a message',
		'customers.contact',
		{
			body: sendMessageSchema,
			ok: { status: 201, shape: objectShape }
		}
	),
	op(
		'get',
		'/orders/{id}/status-link',
		'Orders',
		"The customer's status page link",
		'customers.contact'
	),
	op(
		'post',
		'/orders/{id}/status-link',
		'Orders',
		'A new status page link (the old one stops)',
		'customers.contact'
	),
	op('post', '/orders/{id}/stones', 'Stones', 'Add a stone', 'stones.edit', {
		body: addStoneSchema,
		...orderAdd
	}),
	op(
		'patch',
		'/orders/{id}/stones/{stoneId}',
		'Stones',
		'Change a stone (bench: its state only)',
		'stones.state',
		{
			body: updateStoneSchema,
			...orderChange
		}
	),
	op('delete', '/orders/{id}/stones/{stoneId}', 'Stones', 'Remove a stone', 'stones.edit', {
		query: removeStoneSchema,
		...orderChange
	}),
	op('post', '/orders/{id}/items', 'Custody', "Check in a customer's item", 'custody.checkIn', {
		body: checkInItemSchema,
		...orderAdd
	}),
	op(
		'post',
		'/orders/{id}/items/{itemId}/handoffs',
		'Custody',
		'Pass an item on',
		'custody.handOff',
		{
			body: handOffItemSchema,
			...orderAdd
		}
	),
	op(
		'post',
		'/orders/{id}/items/{itemId}/return',
		'Custody',
		'Give an item back',
		'custody.checkIn',
		{
			body: returnItemSchema,
			...orderChange
		}
	),
	op(
		'post',
		'/orders/{id}/transfers',
		'Locations',
		'Send the piece to another location',
		'custody.handOff',
		{ body: sendTransferSchema, ...orderAdd }
	),
	op(
		'post',
		'/orders/{id}/transfers/receive',
		'Locations',
		'Receive the piece where it was sent',
		'custody.handOff',
		{ body: receiveTransferSchema, ...orderChange }
	),
	op(
		'post',
		'/orders/{id}/vendor-jobs',
		'Vendors',
		'Send work to an outside vendor',
		'vendorJobs.edit',
		{
			body: addVendorJobSchema,
			...orderAdd
		}
	),
	op(
		'patch',
		'/orders/{id}/vendor-jobs/{jobId}',
		'Vendors',
		'Change an outside job',
		'vendorJobs.edit',
		{
			body: updateVendorJobSchema,
			...orderChange
		}
	),
	op(
		'post',
		'/orders/{id}/payments',
		'Money',
		'Record a deposit, payment or refund',
		'money.edit',
		{
			body: recordPaymentSchema,
			...orderAdd
		}
	),
	op('post', '/orders/{id}/blockers', 'Orders', 'Say what the order waits on', 'blockers.edit', {
		body: addBlockerSchema,
		...orderAdd
	}),
	op(
		'post',
		'/orders/{id}/blockers/{blockerId}/resolve',
		'Orders',
		'Resolve a blocker',
		'blockers.edit',
		orderChange
	),
	op(
		'post',
		'/orders/{id}/attachments',
		'Attachments',
		'Upload a photo or file',
		'attachments.add',
		{
			query: attachmentMetaSchema,
			upload: true,
			...orderAdd
		}
	),
	op(
		'delete',
		'/orders/{id}/attachments/{attachmentId}',
		'Attachments',
		'Remove an attachment',
		'attachments.remove',
		orderChange
	),
	op('get', '/attachments/{attachmentId}', 'Attachments', "An attachment's bytes", 'orders.read', {
		ok: { status: 200, binary: true }
	}),
	op(
		'get',
		'/attachments/{attachmentId}/thumbnail',
		'Attachments',
		"An image's thumbnail",
		'orders.read',
		{
			ok: { status: 200, binary: true }
		}
	),
	op('get', '/customers', 'Customers', 'Customers, by name, phone or email', 'customers.read', {
		query: customerListQuerySchema
	}),
	op('post', '/customers', 'Customers', 'Add a customer', 'customers.edit', {
		body: newCustomerSchema,
		ok: { status: 201, shape: objectShape }
	}),
	op(
		'get',
		'/customers/duplicates',
		'Customers',
		'Customers with this phone or email',
		'customers.read'
	),
	op(
		'get',
		'/customers/{id}',
		'Customers',
		'A customer with their orders and items',
		'customers.read'
	),
	op('patch', '/customers/{id}', 'Customers', "Change a customer's details", 'customers.edit', {
		body: updateCustomerSchema
	}),
	op('get', '/vendors', 'Vendors', 'The vendors', 'vendors.read'),
	op('post', '/vendors', 'Vendors', 'Add a vendor', 'vendors.manage', {
		body: newVendorSchema,
		ok: { status: 201, shape: objectShape }
	}),
	op('patch', '/vendors/{id}', 'Vendors', 'Change a vendor', 'vendors.manage', {
		body: updateVendorSchema
	}),
	op(
		'get',
		'/locations',
		'Locations',
		"The shop's stores and workshops (a wall display: their names only)",
		'board.read'
	),
	op('post', '/locations', 'Locations', 'Add a store or a workshop', 'shop.manage', {
		body: newLocationSchema,
		ok: { status: 201, shape: objectShape }
	}),
	op(
		'patch',
		'/locations/{id}',
		'Locations',
		'Change, archive or bring back a location',
		'shop.manage',
		{ body: updateLocationSchema }
	),
	op(
		'put',
		'/accounts/{id}/home-location',
		'Locations',
		"Set a person's home location",
		'accounts.manage',
		{ body: homeLocationSchema }
	),
	op('get', '/me/preferences', 'Settings', "The signed-in person's board preferences", 'signed-in'),
	op(
		'put',
		'/me/preferences',
		'Settings',
		"Set the signed-in person's board preferences",
		'signed-in',
		{
			body: boardPreferencesSchema
		}
	),
	op(
		'patch',
		'/settings/stage-thresholds',
		'Settings',
		'Days before a card is flagged stuck',
		'settings.manage',
		{
			body: stageThresholdsSchema
		}
	),
	op('get', '/settings/wip-limits', 'Settings', 'Work-in-progress limits', 'board.read'),
	op(
		'patch',
		'/settings/wip-limits',
		'Settings',
		'Set work-in-progress limits',
		'settings.manage',
		{
			body: wipLimitsSchema
		}
	),
	op(
		'get',
		'/settings/shop',
		'Settings',
		"The shop's name, contact details and time zone",
		'board.read'
	),
	op('patch', '/settings/shop', 'Settings', "Change the shop's profile", 'shop.manage', {
		body: shopProfileSchema
	}),
	op(
		'get',
		'/settings/messages',
		'Settings',
		'Customer message settings and templates',
		'messages.manage'
	),
	op(
		'patch',
		'/settings/messages',
		'Settings',
		'Change customer message settings',
		'messages.manage',
		{
			body: messageSettingsSchema
		}
	),
	op(
		'patch',
		'/displays/{id}/options',
		'Settings',
		'What a wall display shows',
		'accounts.manage',
		{
			body: displayOptionsSchema
		}
	),
	op('get', '/insights/{chart}', 'Insights', "A chart's numbers (JSON or CSV)", 'insights.read', {
		query: insightsQuerySchema,
		ok: { status: 200, shape: objectShape, csv: true }
	}),
	op('get', '/insights/{chart}/orders', 'Insights', 'The orders behind a bar', 'insights.read', {
		query: insightsQuerySchema,
		ok: { status: 200, shape: objectShape, csv: true }
	}),
	op('get', '/webhooks', 'Webhooks', "The shop's webhook endpoints", 'webhooks.manage'),
	op(
		'post',
		'/webhooks',
		'Webhooks',
		'Add an endpoint (its secret is shown once)',
		'webhooks.manage',
		{
			body: createEndpointSchema,
			ok: { status: 201, shape: objectShape }
		}
	),
	op('get', '/webhooks/{id}', 'Webhooks', 'One endpoint', 'webhooks.manage'),
	op('patch', '/webhooks/{id}', 'Webhooks', 'Change an endpoint', 'webhooks.manage', {
		body: updateEndpointSchema
	}),
	op('delete', '/webhooks/{id}', 'Webhooks', 'Delete an endpoint', 'webhooks.manage'),
	op(
		'post',
		'/webhooks/{id}/secret',
		'Webhooks',
		'A new signing secret, shown once',
		'webhooks.manage'
	),
	op(
		'get',
		'/webhooks/{id}/deliveries',
		'Webhooks',
		"An endpoint's recent deliveries",
		'webhooks.manage'
	),
	op(
		'post',
		'/webhooks/{id}/deliveries/{deliveryId}/resend',
		'Webhooks',
		'Send a delivery again (same id)',
		'webhooks.manage',
		{
			ok: { status: 202, shape: objectShape }
		}
	),
	op('post', '/webhooks/{id}/test', 'Webhooks', 'Send a test ping', 'webhooks.manage', {
		ok: { status: 202, shape: objectShape }
	}),
	op('get', '/imports', 'Import', 'Recent imports', 'orders.import'),
	op(
		'post',
		'/imports',
		'Import',
		'Upload a CSV of open orders (the body is the file)',
		'orders.import',
		{
			upload: true,
			ok: { status: 201, shape: objectShape }
		}
	),
	op('get', '/imports/{id}', 'Import', "An import's status and progress", 'orders.import'),
	op(
		'post',
		'/imports/{id}/preview',
		'Import',
		'The rows as they will be imported, and their problems',
		'orders.import',
		{
			body: mappingSchema()
		}
	),
	op(
		'post',
		'/imports/{id}/start',
		'Import',
		'Import the valid rows, one transaction each',
		'orders.import',
		{
			body: mappingSchema(),
			ok: { status: 202, shape: objectShape }
		}
	),
	op('get', '/imports/{id}/report', 'Import', "Each row's result (JSON or CSV)", 'orders.import', {
		ok: { status: 200, shape: objectShape, csv: true }
	}),
	op(
		'get',
		'/tokens',
		'Tokens',
		'API tokens (signed in as the owner, never with a token)',
		'accounts.manage'
	),
	op(
		'post',
		'/tokens',
		'Tokens',
		'Make an API token (its secret is shown once)',
		'accounts.manage',
		{
			body: newTokenSchema,
			ok: { status: 201, shape: objectShape }
		}
	),
	op('delete', '/tokens/{id}', 'Tokens', 'Revoke an API token at once', 'accounts.manage'),
	op(
		'get',
		'/export/orders',
		'Export',
		'Every order with its customer and money (CSV or JSON lines)',
		'data.export',
		{
			query: exportQuery,
			ok: { status: 200, shape: objectShape, csv: true, lines: true }
		}
	),
	op('get', '/export/events', 'Export', 'The whole event log (CSV or JSON lines)', 'data.export', {
		query: exportQuery,
		ok: { status: 200, shape: objectShape, csv: true, lines: true }
	})
];
