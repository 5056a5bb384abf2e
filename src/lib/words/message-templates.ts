/** The messages the shop sends its customers, and the words they start with. */
export const MESSAGE_KINDS = ['ready', 'cad_ready', 'quote_approval', 'message'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
	ready: 'Ready for pickup',
	cad_ready: 'Design ready for approval',
	quote_approval: 'Quote needs approval',
	message: 'A message of your own'
};

export interface MessageTemplate {
	subject: string;
	body: string;
}

/**
 * What can go into a template, in braces: {orderNumber}. The pickup ones name the store the
 * customer picks the piece up at (in a shop of one location: the shop itself).
 */
export const PLACEHOLDERS = [
	'shopName',
	'customerName',
	'orderNumber',
	'piece',
	'balance',
	'openingHours',
	'statusLink',
	'message',
	'pickupStore',
	'pickupAddress',
	'pickupHours'
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** The placeholders that only mean something in a shop of several locations. */
export const PICKUP_PLACEHOLDERS: readonly Placeholder[] = [
	'pickupStore',
	'pickupAddress',
	'pickupHours'
];

export const DEFAULT_TEMPLATES: Record<MessageKind, MessageTemplate> = {
	ready: {
		subject: 'Your {piece} is ready for pickup',
		body:
			'Hello {customerName},\n\nGood news: your {piece} ({orderNumber}) is ready for pickup at ' +
			'{shopName}.\n{balance}\nWe are open {openingHours}.\n\nIts status: {statusLink}\n\n{shopName}'
	},
	cad_ready: {
		subject: 'The design of your {piece} is ready for your approval',
		body:
			'Hello {customerName},\n\nThe design of your {piece} ({orderNumber}) is ready. Please come ' +
			'by or call us to approve it, so we can start making it.\n\nIts status: {statusLink}\n\n{shopName}'
	},
	quote_approval: {
		subject: 'We need your approval of the quote for your {piece}',
		body:
			'Hello {customerName},\n\nWe have priced your {piece} ({orderNumber}) and need your ' +
			'approval before we go on. Please call us or come by.\n\n{shopName}'
	},
	message: {
		subject: 'About your {piece} ({orderNumber})',
		body: 'Hello {customerName},\n\n{message}\n\n{shopName}'
	}
};

/** Fills a template's placeholders; an unknown one is left as written. */
export function renderTemplate(text: string, values: Record<Placeholder, string>): string {
	return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) =>
		(PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole
	);
}

/** The piece as a customer would name it, fitting "Your … is ready". */
export const CUSTOMER_PIECE_NAMES = {
	engagement_ring: 'engagement ring',
	wedding_band: 'wedding band',
	pendant: 'pendant',
	earrings: 'pair of earrings',
	bracelet: 'bracelet',
	remount: 'remounted piece',
	repair: 'repair',
	other: 'piece'
} as const;

/**
 * The status page's heading: the piece in the customer's words ("Your engagement ring, 18k yellow
 * gold"), never the staff's title, which may hold notes meant for the bench.
 */
export function customerPieceHeading(
	pieceType: keyof typeof CUSTOMER_PIECE_NAMES,
	metal: string | null
): string {
	const name = `Your ${CUSTOMER_PIECE_NAMES[pieceType] ?? CUSTOMER_PIECE_NAMES.other}`;
	const made = metal?.trim();
	return made ? `${name}, ${made}` : name;
}

/** Customer-facing names of the stages, for the status page. */
export const CUSTOMER_STAGE_LABELS = {
	intake: 'Order received',
	design: 'Being designed',
	casting: 'Being cast',
	setting: 'Stones being set',
	polishing: 'Being polished',
	inspection: 'Final inspection',
	ready: 'Ready for pickup',
	picked_up: 'Picked up',
	cancelled: 'Cancelled'
} as const;
