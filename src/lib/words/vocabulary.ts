/** The shop's words for the parts of an order: the values the database accepts, with their labels. */

export const PIECE_TYPES = [
	'engagement_ring',
	'wedding_band',
	'pendant',
	'earrings',
	'bracelet',
	'remount',
	'repair',
	'other'
] as const;
export type PieceType = (typeof PIECE_TYPES)[number];
export const PIECE_TYPE_LABELS: Record<PieceType, string> = {
	engagement_ring: 'Engagement ring',
	wedding_band: 'Wedding band',
	pendant: 'Pendant',
	earrings: 'Earrings',
	bracelet: 'Bracelet',
	remount: 'Remount / reset',
	repair: 'Repair',
	other: 'Other'
};

/** Finger sizes keep their scale; chains and bracelets have a length. */
export const SIZE_SCALES = ['US', 'UK', 'EU', 'in', 'cm'] as const;
export type SizeScale = (typeof SIZE_SCALES)[number];
export const SIZE_SCALE_LABELS: Record<SizeScale, string> = {
	US: 'US / Canada size',
	UK: 'UK size',
	EU: 'EU size',
	in: 'Length (in)',
	cm: 'Length (cm)'
};

export const STONE_ROLES = ['center', 'side', 'accent', 'melee'] as const;
export type StoneRole = (typeof STONE_ROLES)[number];
export const STONE_ROLE_LABELS: Record<StoneRole, string> = {
	center: 'Center',
	side: 'Side',
	accent: 'Accent',
	melee: 'Melee'
};

export const STONE_SOURCES = ['customer', 'store'] as const;
export type StoneSource = (typeof STONE_SOURCES)[number];
export const STONE_SOURCE_LABELS: Record<StoneSource, string> = {
	customer: 'Customer-supplied',
	store: 'Sourced by us'
};

export const STONE_STATES = ['expected', 'received', 'set', 'returned'] as const;
export type StoneState = (typeof STONE_STATES)[number];
export const STONE_STATE_LABELS: Record<StoneState, string> = {
	expected: 'Expected',
	received: 'Received',
	set: 'Set',
	returned: 'Returned to customer'
};

export const STONE_SHAPES = [
	'round',
	'oval',
	'cushion',
	'emerald',
	'pear',
	'marquise',
	'princess',
	'radiant',
	'asscher',
	'heart',
	'baguette',
	'cabochon',
	'other'
] as const;

export const CERT_LABS = ['GIA', 'IGI', 'AGS', 'GCAL', 'HRD', 'Other'] as const;

export const VENDOR_KINDS = [
	'casting',
	'stones',
	'engraving',
	'setting',
	'plating',
	'other'
] as const;
export type VendorKind = (typeof VENDOR_KINDS)[number];
export const VENDOR_KIND_LABELS: Record<VendorKind, string> = {
	casting: 'Casting house',
	stones: 'Stone dealer',
	engraving: 'Engraver',
	setting: 'Setter',
	plating: 'Plater',
	other: 'Other'
};

/** A vendor's fields as the vendor form and the settings trail name them. */
export const VENDOR_FIELD_LABELS = {
	name: 'Name',
	kind: 'Kind',
	contactName: 'Contact',
	phone: 'Phone',
	email: 'Email',
	notes: 'Notes'
} as const;

export const PAYMENT_KINDS = ['deposit', 'payment', 'refund'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
export const PAYMENT_KIND_LABELS: Record<PaymentKind, string> = {
	deposit: 'Deposit',
	payment: 'Payment',
	refund: 'Refund'
};

export const PAYMENT_METHODS = ['cash', 'card', 'bank_transfer', 'check', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
	cash: 'Cash',
	card: 'Card',
	bank_transfer: 'Bank transfer',
	check: 'Check',
	other: 'Other'
};

export const CONTACT_PREFERENCES = ['call', 'text', 'email'] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];
export const CONTACT_PREFERENCE_LABELS: Record<ContactPreference, string> = {
	call: 'Call',
	text: 'Text message',
	email: 'Email'
};

export const ATTACHMENT_KINDS = ['reference', 'design', 'progress'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
	reference: 'Reference photo',
	design: 'Sketch / CAD render',
	progress: 'Work in progress'
};

/** What a customer leaves with the store: their stones, the old ring to remake, scrap gold. */
export const ITEM_KINDS = ['stone', 'jewelry', 'metal', 'other'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
	stone: 'Loose stone',
	jewelry: 'Jewelry',
	metal: 'Metal (scrap gold)',
	other: 'Other'
};

export const WEIGHT_UNITS = ['ct', 'g'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];

/**
 * A weighing that differs from the one before by more than this is flagged. A counter scale reads
 * a stone to 0.01 ct and gold to 0.01 g; anything beyond a few readings' noise deserves a look.
 */
export const WEIGHT_TOLERANCE: Record<WeightUnit, number> = { ct: 0.01, g: 0.05 };

/** Places offered when recording a hand-off; any other place can be typed. */
export const USUAL_PLACES = ['Safe', 'Front counter', 'Showcase', 'Bench 1', 'Bench 2'] as const;

/** How long the person who moved or edited an order may take it back. */
export const UNDO_WINDOW_MS = 2 * 60 * 1000;
