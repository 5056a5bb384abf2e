// The shapes of the API's answers, as zod schemas for the OpenAPI document (the requests' schemas
// are the ones the server validates with, in src/lib/validation). They describe; the server's
// types (src/lib/types.ts) are what it sends, and tests/integration/openapi.test.ts checks real
// answers against these.
import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import { BOARD_STAGES, STAGES } from '../../stages';
import { PIECE_TYPES } from '../../words/vocabulary';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const perStage = (value: z.ZodType) =>
	z.object(Object.fromEntries(BOARD_STAGES.map((s) => [s, value])));

export const errorShape = z
	.object({
		error: z.object({
			code: z.enum([...ERROR_CODES, 'internal']),
			message: z.string(),
			field: z.string().optional(),
			current: z.unknown().optional()
		})
	})
	.meta({ id: 'Error' });

export const orderCardShape = z
	.object({
		id: z.int(),
		number: z.string(),
		title: z.string(),
		stage: z.enum(STAGES),
		orderKey: z.string().nullable(),
		version: z.int(),
		dueDate: isoDate.nullable(),
		rush: z.boolean(),
		assignee: z.string().nullable(),
		customerId: z.int(),
		customerName: z.string(),
		customerShortName: z.string(),
		pieceType: z.enum(PIECE_TYPES),
		occasion: z.string().nullable(),
		stageEnteredAt: z.string(),
		firstBlocker: z.string().nullable(),
		customerStones: z.int(),
		customerItems: z.int(),
		intakeLocationId: z.int(),
		pickupLocationId: z.int(),
		locationId: z.int().nullable(),
		transitFromId: z.int().nullable(),
		transitToId: z.int().nullable(),
		transitSince: z.string().nullable()
	})
	.meta({ id: 'OrderCard' });

export const boardShape = z
	.object({
		shopName: z.string(),
		timeZone: z.string(),
		today: isoDate,
		seq: z.int(),
		stageCounts: perStage(z.int()),
		stageThresholds: perStage(z.int()),
		wipLimits: z.object({}).loose(),
		complete: z.boolean(),
		orders: z.array(orderCardShape),
		locations: z.array(
			z.object({
				id: z.int(),
				name: z.string(),
				kind: z.enum(['store', 'workshop']),
				archived: z.boolean()
			})
		),
		transferAlertHours: z.int(),
		limitedTo: z.int().optional()
	})
	.meta({ id: 'Board' });

/** A change to one card: the event's seq and the card as it now is. */
export const cardAnswerShape = z
	.object({ seq: z.int(), card: orderCardShape })
	.meta({ id: 'CardAnswer' });

/** The full order record, as GET /orders/{id} answers it (docs/api.md, "Order"). */
export const orderShape = z
	.object({ id: z.int(), number: z.string(), version: z.int(), stage: z.enum(STAGES) })
	.loose()
	.meta({ id: 'Order' });

/** A change inside an order (a stone, an item, a payment): the event's seq and the whole order. */
export const orderAnswerShape = z
	.object({ seq: z.int().nullable(), order: orderShape })
	.meta({ id: 'OrderAnswer' });

/** Any JSON object; its fields are in docs/api.md under the endpoint. */
export const objectShape = z.object({}).loose();
