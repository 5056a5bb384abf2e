// The document's answer shapes against what the server really sends: a board, a new order, a move
// and an order's record, read on both databases and checked with the document's own schemas.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBoard } from '../../src/lib/server/board';
import { buildDocument } from '../../src/lib/server/openapi/document';
import { getOrder } from '../../src/lib/server/order-record';
import { createOrder, moveOrder } from '../../src/lib/server/orders';
import type { StartedServices } from '../../src/lib/server/start';
import { backends } from '../helpers/services';

const document = buildDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: 'doc', components: document.components });
/** Checks a value as JSON would carry it against one of the document's named schemas. */
function fits(name: string, value: unknown) {
	const validate = ajv.getSchema(`doc#/components/schemas/${name}`)!;
	const ok = validate(JSON.parse(JSON.stringify(value)));
	return ok ? 'fits' : JSON.stringify(validate.errors);
}

describe.each(backends)("the OpenAPI document's answers on $name", (backend) => {
	let services: StartedServices;
	beforeAll(async () => {
		services = await backend.start();
	});
	afterAll(() => services?.stop());

	it('describe a new order, a move, the board and the order record as the server sends them', async () => {
		const actor = services.shopActor;
		const created = await createOrder(services, actor, {
			customer: { givenName: 'Ottilie', familyName: 'Vantrelle', email: 'ottilie@example.com' },
			title: 'Emerald-cut sapphire ring',
			pieceType: 'engagement_ring',
			dueDate: '2026-12-24',
			rush: true,
			quotedPriceCents: 420000
		});
		expect(fits('CardAnswer', created)).toBe('fits');
		const moved = await moveOrder(services, actor, created.card.id, {
			stage: 'design',
			afterId: null,
			version: created.card.version
		});
		expect(fits('CardAnswer', moved)).toBe('fits');
		expect(fits('Board', await getBoard(services.db.sql, actor))).toBe('fits');
		expect(fits('Order', await getOrder(services.db.sql, actor, created.card.id))).toBe('fits');
		// And the schema is not a blank check: a card without its stage does not fit.
		const { stage: _stage, ...stageless } = moved.card;
		expect(fits('OrderCard', stageless)).not.toBe('fits');
	});
});
