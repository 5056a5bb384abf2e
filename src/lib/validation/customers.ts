import { z } from 'zod';
import { CONTACT_PREFERENCES } from '../words/vocabulary';
import { email, oneOf, optionalText, phone, text, typedText, wholeNumber } from './fields';

const customerFields = {
	givenName: text(80),
	familyName: text(80),
	phone,
	email,
	preferredContact: oneOf(CONTACT_PREFERENCES).optional(),
	ringSizes: optionalText(200),
	notes: optionalText(4000),
	notificationsOff: z.boolean({ error: 'must be true or false' }).optional()
};

export const newCustomerSchema = z.strictObject(customerFields);

/** The fields of a customer's profile, in the order a form shows them. */
export const CUSTOMER_FIELDS = Object.keys(customerFields) as (keyof typeof customerFields)[];

export const updateCustomerSchema = z
	.strictObject({
		givenName: customerFields.givenName.optional(),
		familyName: customerFields.familyName.optional(),
		phone: customerFields.phone,
		email: customerFields.email,
		preferredContact: customerFields.preferredContact,
		ringSizes: customerFields.ringSizes,
		notes: customerFields.notes,
		notificationsOff: customerFields.notificationsOff
	})
	.refine((input) => Object.keys(input).length > 0, {
		message: 'must name at least one field to change'
	});

export const customerListQuerySchema = z.object({
	q: typedText(100).optional(),
	limit: wholeNumber(1, 200).default(50),
	offset: wholeNumber(0, 1_000_000).default(0)
});
