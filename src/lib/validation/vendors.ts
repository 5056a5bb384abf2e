import { z } from 'zod';
import { VENDOR_KINDS } from '../words/vocabulary';
import { cents, email, id, isoDate, oneOf, optionalText, phone, text, version } from './fields';

const vendorFields = {
	name: text(120),
	kind: oneOf(VENDOR_KINDS),
	contactName: optionalText(120),
	phone,
	email,
	notes: optionalText(2000)
};
export const newVendorSchema = z.strictObject(vendorFields);
export const updateVendorSchema = z
	.strictObject({
		name: vendorFields.name.optional(),
		kind: vendorFields.kind.optional(),
		contactName: vendorFields.contactName,
		phone: vendorFields.phone,
		email: vendorFields.email,
		notes: vendorFields.notes
	})
	.refine((input) => Object.keys(input).length > 0, {
		message: 'must name at least one field to change'
	});

const jobFields = {
	vendorId: id,
	description: text(300),
	sentOn: isoDate.nullable().optional(),
	expectedOn: isoDate.nullable().optional(),
	receivedOn: isoDate.nullable().optional(),
	costCents: cents.nullable().optional()
};
export const addVendorJobSchema = z.strictObject(jobFields);
export const updateVendorJobSchema = z
	.strictObject({
		version,
		vendorId: jobFields.vendorId.optional(),
		description: jobFields.description.optional(),
		sentOn: jobFields.sentOn,
		expectedOn: jobFields.expectedOn,
		receivedOn: jobFields.receivedOn,
		costCents: jobFields.costCents
	})
	.refine((input) => Object.keys(input).length > 1, {
		message: 'must name at least one field to change'
	});
export const VENDOR_JOB_FIELDS = Object.keys(jobFields) as (keyof typeof jobFields)[];
