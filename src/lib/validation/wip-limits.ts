import { z } from 'zod';
import { BOARD_STAGES } from '../stages';
import { MAX_WIP_LIMIT } from '../wip';

/** A limit, or null to have none. */
const limit = z
	.number({ error: 'must be a whole number of orders, or null for no limit' })
	.int('must be a whole number of orders')
	.min(1, 'must be at least 1 (leave it empty for no limit)')
	.max(MAX_WIP_LIMIT, `must be at most ${MAX_WIP_LIMIT} orders`)
	.nullable();

/**
 * A change to the work-in-progress limits: only what is named changes; null removes a limit.
 * Jewelers are named as on their orders (an order's assignee).
 */
export const wipLimitsSchema = z
	.strictObject({
		stages: z
			.strictObject(
				Object.fromEntries(BOARD_STAGES.map((stage) => [stage, limit.optional()])) as Record<
					(typeof BOARD_STAGES)[number],
					z.ZodOptional<typeof limit>
				>,
				{ error: 'must be an object of stages and limits' }
			)
			.optional(),
		perJeweler: limit.optional(),
		jewelers: z
			.record(
				z
					.string()
					.trim()
					.min(1, 'must name a jeweler')
					.max(80, 'must be a name of at most 80 characters'),
				limit,
				{ error: 'must be an object of names and limits' }
			)
			.refine((names) => Object.keys(names).length <= 200, 'must name at most 200 jewelers')
			.optional()
	})
	.refine((input) => Object.keys(input).length > 0, {
		message: 'must name something to change: stages, perJeweler or jewelers'
	});
