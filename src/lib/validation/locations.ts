import { z } from 'zod';
import { LOCATION_KINDS } from '../locations';
import { oneOf, text, typedText, version } from './fields';
import { TIME_ZONES } from './settings';

/** A location as the owner keeps it: what a customer is told of a store, and its clock. */
const locationFields = {
	name: text(60),
	kind: oneOf(LOCATION_KINDS),
	address: typedText(300),
	phone: typedText(40).refine(
		(value) => value === '' || /^[+()\d\s.\-/x]{3,}$/i.test(value),
		'must be a phone number (digits, spaces, + ( ) - .)'
	),
	hours: typedText(500),
	// Checked as the shop profile checks its own; blank (or null): the shop's.
	timeZone: z
		.string({ error: 'must be a time zone' })
		.refine((zone) => zone === '' || TIME_ZONES.includes(zone), {
			message: 'must be a time zone such as Europe/Paris'
		})
		.nullable()
		.transform((zone) => zone || null)
};

export const newLocationSchema = z.strictObject({
	name: locationFields.name,
	kind: locationFields.kind,
	address: locationFields.address.default(''),
	phone: locationFields.phone.default(''),
	hours: locationFields.hours.default(''),
	timeZone: locationFields.timeZone.default(null)
});

export const updateLocationSchema = z
	.strictObject({
		version,
		name: locationFields.name.optional(),
		kind: locationFields.kind.optional(),
		address: locationFields.address.optional(),
		phone: locationFields.phone.optional(),
		hours: locationFields.hours.optional(),
		timeZone: locationFields.timeZone.optional(),
		/** true: no longer in use (new orders cannot choose it); false: in use again. */
		archived: z.boolean({ error: 'must be true or false' }).optional()
	})
	.refine((input) => Object.keys(input).length > 1, {
		message: 'must name something to change: name, kind, address, phone, hours, timeZone, archived'
	});

/** How long a piece may be on its way between locations before its card is flagged. */
export const transferAlertHoursSchema = z.strictObject({
	transferAlertHours: z
		.number({ error: 'must be a number of hours' })
		.int('must be a whole number of hours')
		.min(1, 'must be at least 1 hour')
		.max(720, 'must be at most 720 hours (30 days)')
});

export type NewLocationInput = z.output<typeof newLocationSchema>;
export type UpdateLocationInput = z.output<typeof updateLocationSchema>;
