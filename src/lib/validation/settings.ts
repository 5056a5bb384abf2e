import { z } from 'zod';
import { BOARD_STAGES } from '../stages';
import { optionalText, text, typedText } from './fields';

/** The shop's settings: stuck thresholds, wall displays, messages and the profile. */
const days = z
	.number({ error: 'must be a number of days' })
	.int('must be a whole number of days')
	.min(1, 'must be at least 1 day')
	.max(365, 'must be at most 365 days');

export const stageThresholdsSchema = z
	.strictObject(
		Object.fromEntries(BOARD_STAGES.map((stage) => [stage, days.optional()])) as Record<
			(typeof BOARD_STAGES)[number],
			z.ZodOptional<typeof days>
		>
	)
	.refine((input) => Object.keys(input).length > 0, {
		message: `must name at least one stage: ${BOARD_STAGES.join(', ')}`
	});

export const displayOptionsSchema = z
	.strictObject({
		stages: z
			.array(z.enum(BOARD_STAGES, { error: `must be one of ${BOARD_STAGES.join(', ')}` }), {
				error: 'must be a list of stages'
			})
			.min(1, 'must name at least one stage')
			.max(BOARD_STAGES.length, 'names a stage twice')
			.refine((stages) => new Set(stages).size === stages.length, 'names a stage twice')
			.optional(),
		sort: z.enum(['manual', 'due'], { error: 'must be manual or due' }).optional(),
		showAssignee: z.boolean({ error: 'must be true or false' }).optional(),
		locationId: z
			.number({ error: 'must be a location id or null' })
			.int('must be a location id or null')
			.positive('must be a location id or null')
			.max(2_147_483_647, 'must be a location id or null')
			.nullable()
			.optional()
	})
	.refine((input) => Object.keys(input).length > 0, {
		message: 'must name at least one option: stages, sort, showAssignee or locationId'
	});

/** A message staff send from the order page ("ready" goes by itself when the piece is ready). */
export const sendMessageSchema = z
	.strictObject({
		kind: z.enum(['cad_ready', 'quote_approval', 'message'], {
			error: 'must be one of cad_ready, quote_approval, message'
		}),
		message: optionalText(2000)
	})
	.refine((input) => input.kind !== 'message' || !!input.message, {
		path: ['message'],
		message: 'is required for a message of your own'
	});

export const messageSettingsSchema = z
	.strictObject({
		enabled: z.boolean({ error: 'must be true or false' }).optional(),
		openingHours: text(200).optional(),
		templates: z
			.strictObject(
				Object.fromEntries(
					['ready', 'cad_ready', 'quote_approval', 'message'].map((kind) => [
						kind,
						z
							.strictObject({ subject: text(200), body: text(4000) })
							.nullable()
							.optional()
					])
				)
			)
			.optional()
	})
	.refine((input) => Object.keys(input).length > 0, { message: 'must name something to change' });

/** IANA time zones as this runtime knows them ("UTC" is one, though not listed). */
export const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone')];
/** ISO 4217 codes as this runtime knows them. */
export const CURRENCIES = Intl.supportedValuesOf('currency');

const knownLocale = (tag: string) => {
	try {
		return Intl.DateTimeFormat.supportedLocalesOf(Intl.getCanonicalLocales(tag)).length > 0;
	} catch {
		return false;
	}
};

/** The shop's profile: blanks clear the optional parts (a shop may have no website). */
export const shopProfileSchema = z
	.strictObject({
		name: text(80).optional(),
		address: typedText(300).optional(),
		phone: typedText(40)
			.refine(
				(value) => value === '' || /^[+()\d\s.\-/x]{3,}$/i.test(value),
				'must be a phone number (digits, spaces, + ( ) - .)'
			)
			.optional(),
		email: z
			.literal('')
			.or(z.email('must be an email address').max(200, 'must be at most 200 characters'))
			.optional(),
		website: z
			.literal('')
			.or(
				z
					.url({ protocol: /^https?$/, error: 'must be a web address starting with https://' })
					.max(200, 'must be at most 200 characters')
			)
			.optional(),
		timeZone: z
			.string({ error: 'must be a time zone' })
			.refine((zone) => TIME_ZONES.includes(zone), 'must be a time zone such as Europe/Paris')
			.optional(),
		currency: z
			.string({ error: 'must be a currency code' })
			.refine((code) => CURRENCIES.includes(code), 'must be a currency code such as USD or EUR')
			.optional(),
		locale: z
			.string({ error: 'must be a language tag' })
			.max(35, 'must be at most 35 characters')
			.refine(knownLocale, 'must be a language and region such as en-US or fr-FR')
			.transform((tag) => Intl.getCanonicalLocales(tag)[0])
			.optional()
	})
	.refine((input) => Object.keys(input).length > 0, { message: 'must name something to change' });
