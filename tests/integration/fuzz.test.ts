import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { addAttachment } from '../../src/lib/server/attachments';
import { changeRole, createAccount, newAccountSchema } from '../../src/lib/server/auth/accounts';
import { createDisplay, updateDisplayOptions } from '../../src/lib/server/auth/displays';
import { addBlocker } from '../../src/lib/server/blockers';
import { checkInItem, handOffItem, returnItem } from '../../src/lib/server/custody';
import { createCustomer, updateCustomer } from '../../src/lib/server/customers';
import { DomainError } from '../../src/lib/server/errors';
import { getOrder } from '../../src/lib/server/order-record';
import { createOrder, moveOrder, updateOrder } from '../../src/lib/server/orders';
import { pickUpOrder } from '../../src/lib/server/release';
import { recordPayment } from '../../src/lib/server/payments';
import { updateStageThresholds } from '../../src/lib/server/settings';
import type { StartedServices } from '../../src/lib/server/start';
import { addStone, removeStone, updateStone } from '../../src/lib/server/stones';
import { undoChange } from '../../src/lib/server/undo';
import { updateMessageSettings } from '../../src/lib/server/updates/message-settings';
import { sendMessage } from '../../src/lib/server/updates/outbox';
import { addVendorJob, updateVendorJob } from '../../src/lib/server/vendor-jobs';
import { createVendor, updateVendor } from '../../src/lib/server/vendors';
import * as schemas from '../../src/lib/validation';
import type { OrderCard } from '../../src/lib/types';
import { backends } from '../helpers/services';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

/** The field names a schema knows, so generated input hits real fields as often as odd ones. */
function fieldsOf(schema: z.ZodType): string[] {
	const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
	return shape ? Object.keys(shape) : [];
}

/** Any JSON-ish value a client could send, text with lone surrogates and control characters too. */
const oddValue = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({ maxLength: 400 }),
	fc.integer(),
	fc.double(),
	fc.bigInt().map(String),
	fc.boolean(),
	fc.constant(null),
	fc.constantFrom('', ' ', '2026-02-30', '1e400', '-1', 'design', 'ready', 'owner', 'received'),
	fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
	fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 1 }), { maxKeys: 4 })
);

function inputFor(fields: string[]) {
	const known = fields.length
		? fc.dictionary(fc.constantFrom(...fields), oddValue, { maxKeys: fields.length })
		: fc.constant({});
	return fc.oneof(known, fc.anything({ maxDepth: 3 }), fc.dictionary(fc.string(), oddValue));
}

describe.each(backends)('generated input to every command on $name', (backend) => {
	let services: StartedServices;
	let card: OrderCard;
	let ids: {
		stone: number;
		item: number;
		job: number;
		vendor: number;
		account: number;
		display: number;
	};

	const snapshot = async () => {
		const [{ seq }] = await services.db.sql<
			{ seq: number }[]
		>`select last_seq as seq from event_counter`;
		const files = fs.existsSync(services.files.dir)
			? fs.readdirSync(services.files.dir, { recursive: true }).length
			: 0;
		return { seq, files };
	};

	beforeAll(async () => {
		services = await backend.start();
		const actor = services.shopActor;
		card = (
			await createOrder(services, actor, {
				customer: { givenName: 'Ottilie', familyName: 'Vantrelle' },
				title: 'Reset of an heirloom ring'
			})
		).card;
		await addStone(services, actor, card.id, { role: 'center', source: 'store', gem: 'Sapphire' });
		await checkInItem(services, actor, card.id, {
			kind: 'jewelry',
			description: "Grandmother's ring",
			weightUnit: 'g'
		});
		const vendor = await createVendor(services.db.sql, actor, {
			name: 'Pacific Casting',
			kind: 'casting'
		});
		await addVendorJob(services, actor, card.id, { vendorId: vendor.id, description: 'Cast it' });
		const order = await getOrder(services.db.sql, actor, card.id);
		const account = await createAccount(services, actor, {
			name: 'Sam Ortiz',
			username: 'sam',
			role: 'staff',
			password: 'copper kettle sings at dawn'
		});
		const { display } = await createDisplay(services, actor, { name: 'Workshop TV' });
		ids = {
			stone: order.stones[0].id,
			item: order.items[0].id,
			job: order.vendorJobs[0].id,
			vendor: vendor.id,
			account: account.id,
			display: display.id
		};
	});
	afterAll(() => services?.stop());

	const commands: [string, string[], (input: unknown) => Promise<unknown>][] = [
		[
			'create order',
			fieldsOf(schemas.createOrderSchema),
			(i) => createOrder(services, services.shopActor, i)
		],
		[
			'update order',
			fieldsOf(schemas.updateOrderSchema),
			(i) => updateOrder(services, services.shopActor, card.id, i)
		],
		[
			'move order',
			fieldsOf(schemas.moveOrderSchema),
			(i) => moveOrder(services, services.shopActor, card.id, i)
		],
		[
			'pick up',
			fieldsOf(schemas.pickUpOrderSchema),
			(i) => pickUpOrder(services, services.shopActor, card.id, i)
		],
		[
			'undo',
			fieldsOf(schemas.undoSchema),
			(i) => undoChange(services, services.shopActor, card.id, i)
		],
		[
			'new customer',
			fieldsOf(schemas.newCustomerSchema),
			(i) => createCustomer(services, services.shopActor, i)
		],
		[
			'update customer',
			fieldsOf(schemas.updateCustomerSchema),
			(i) => updateCustomer(services, services.shopActor, card.customerId, i)
		],
		[
			'add stone',
			fieldsOf(schemas.addStoneSchema),
			(i) => addStone(services, services.shopActor, card.id, i)
		],
		[
			'update stone',
			fieldsOf(schemas.updateStoneSchema),
			(i) => updateStone(services, services.shopActor, card.id, ids.stone, i)
		],
		[
			'remove stone',
			fieldsOf(schemas.removeStoneSchema),
			(i) => removeStone(services, services.shopActor, card.id, ids.stone, i)
		],
		[
			'new vendor',
			fieldsOf(schemas.newVendorSchema),
			(i) => createVendor(services.db.sql, services.shopActor, i)
		],
		[
			'update vendor',
			fieldsOf(schemas.updateVendorSchema),
			(i) => updateVendor(services.db.sql, services.shopActor, ids.vendor, i)
		],
		[
			'add outside job',
			fieldsOf(schemas.addVendorJobSchema),
			(i) => addVendorJob(services, services.shopActor, card.id, i)
		],
		[
			'update outside job',
			fieldsOf(schemas.updateVendorJobSchema),
			(i) => updateVendorJob(services, services.shopActor, card.id, ids.job, i)
		],
		[
			'record payment',
			fieldsOf(schemas.recordPaymentSchema),
			(i) => recordPayment(services, services.shopActor, card.id, i)
		],
		[
			'add blocker',
			fieldsOf(schemas.addBlockerSchema),
			(i) => addBlocker(services, services.shopActor, card.id, i)
		],
		[
			'check in item',
			fieldsOf(schemas.checkInItemSchema),
			(i) => checkInItem(services, services.shopActor, card.id, i)
		],
		[
			'hand off item',
			fieldsOf(schemas.handOffItemSchema),
			(i) => handOffItem(services, services.shopActor, card.id, ids.item, i)
		],
		[
			'return item',
			fieldsOf(schemas.returnItemSchema),
			(i) => returnItem(services, services.shopActor, card.id, ids.item, i)
		],
		[
			'stage thresholds',
			fieldsOf(schemas.stageThresholdsSchema),
			(i) => updateStageThresholds(services, services.shopActor, i)
		],
		[
			'display options',
			fieldsOf(schemas.displayOptionsSchema),
			(i) => updateDisplayOptions(services, services.shopActor, ids.display, i)
		],
		[
			'send message',
			fieldsOf(schemas.sendMessageSchema),
			(i) => sendMessage(services, services.shopActor, card.id, i)
		],
		[
			'message settings',
			fieldsOf(schemas.messageSettingsSchema),
			(i) => updateMessageSettings(services, services.shopActor, i)
		],
		[
			'change role',
			fieldsOf(schemas.undoSchema),
			(i) => changeRole(services, services.shopActor, ids.account, i)
		],
		[
			'new account',
			fieldsOf(newAccountSchema),
			(i) => createAccount(services, services.shopActor, i)
		],
		['new display', ['name'], (i) => createDisplay(services, services.shopActor, i)],
		[
			'upload',
			fieldsOf(schemas.attachmentMetaSchema),
			(i) =>
				addAttachment(
					services,
					services.shopActor,
					card.id,
					new Blob(['%PDF-1.4 fuzz']).stream(),
					i
				)
		]
	];

	/** Every generated input is answered, or refused with a 4xx that writes nothing. */
	const answersOrRefuses = (
		input: fc.Arbitrary<unknown>,
		run: (input: unknown) => Promise<unknown>
	) =>
		fc.assert(
			fc.asyncProperty(input, async (input) => {
				const before = await snapshot();
				const outcome = await run(input).then(
					() => null,
					(error: unknown) => error
				);
				if (outcome === null) return;
				if (!(outcome instanceof DomainError)) throw outcome;
				expect(outcome.status).toBeGreaterThanOrEqual(400);
				expect(outcome.status).toBeLessThan(500);
				expect(await snapshot()).toEqual(before);
			}),
			{ numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261205) }
		);

	it.each(commands)(
		'%s: answers or refuses with a 4xx, and a refusal writes nothing',
		(_, fields, run) => answersOrRefuses(inputFor(fields), run)
	);

	it('new order with stones and a deposit: answers or refuses with a 4xx, and a refusal writes nothing', () =>
		answersOrRefuses(
			fc.record(
				{
					stones: fc.oneof(
						fc.array(inputFor(fieldsOf(schemas.addStoneSchema)), { maxLength: 3 }),
						oddValue
					),
					deposit: fc.oneof(inputFor(fieldsOf(schemas.depositSchema)), oddValue)
				},
				{ requiredKeys: [] }
			),
			(intake) =>
				createOrder(services, services.shopActor, {
					customer: { id: card.customerId },
					title: 'Taken in at the counter',
					...(intake as object)
				})
		));
});
