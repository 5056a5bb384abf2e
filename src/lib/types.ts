import type { LocationSummary } from './locations';
import type { StageThresholds } from './aging';
import type { WipLimits } from './wip';
import type { BoardStage, Stage } from './stages';
import type {
	AttachmentKind,
	ContactPreference,
	ItemKind,
	PaymentKind,
	PaymentMethod,
	PieceType,
	SizeScale,
	StoneRole,
	StoneSource,
	StoneState,
	VendorKind,
	WeightUnit
} from './words/vocabulary';

/** What a board card needs: one row per open order. */
export interface OrderCard {
	id: number;
	number: string;
	title: string;
	stage: Stage;
	/** Position within the stage; null once archived. Compare with `compareKeys`. */
	orderKey: string | null;
	version: number;
	/** A calendar date, YYYY-MM-DD, or null. */
	dueDate: string | null;
	rush: boolean;
	assignee: string | null;
	customerId: number;
	customerName: string;
	/** Given name and family initial ("Ottilie V."), from the customer's two fields: the wall display's. */
	customerShortName: string;
	pieceType: PieceType;
	/** What the customer is celebrating, shown beside the due date ("proposal on June 14"). */
	occasion: string | null;
	/** When the order entered its current stage (ISO time). */
	stageEnteredAt: string;
	/** The oldest open "waiting on", or null. */
	firstBlocker: string | null;
	/** How many of the customer's own stones are with this order (not yet returned). */
	customerStones: number;
	/** The customer's other items (not stones) still in the store's care. */
	customerItems: number;
	/** Where the order was taken in (a location's id). */
	intakeLocationId: number;
	/** Where the customer will pick the piece up. */
	pickupLocationId: number;
	/** Where the piece is now; null while it is in transit. */
	locationId: number | null;
	/** While in transit: from where, to where, and since when (ISO time); else null. */
	transitFromId: number | null;
	transitToId: number | null;
	transitSince: string | null;
}

/** Contact details are null for roles that may not see them (bench, display). */
export interface Customer {
	id: number;
	givenName: string;
	familyName: string;
	phone: string | null;
	email: string | null;
	preferredContact: ContactPreference;
	ringSizes: string | null;
	notes: string | null;
	/** The customer asked not to get messages from the shop. */
	notificationsOff: boolean;
	createdAt: string;
}

export interface Stone {
	id: number;
	orderId: number;
	role: StoneRole;
	source: StoneSource;
	vendorId: number | null;
	vendorName: string | null;
	gem: string;
	shape: string | null;
	count: number;
	carats: number | null;
	dimensionsMm: string | null;
	colour: string | null;
	clarity: string | null;
	certLab: string | null;
	certNumber: string | null;
	/** Customer-supplied stones only; null for roles that may not see money. */
	declaredValueCents: number | null;
	state: StoneState;
	version: number;
}

export interface Vendor {
	id: number;
	name: string;
	kind: VendorKind;
	contactName: string | null;
	phone: string | null;
	email: string | null;
	notes: string | null;
}

export interface VendorJob {
	id: number;
	orderId: number;
	vendorId: number;
	vendorName: string;
	description: string;
	sentOn: string | null;
	expectedOn: string | null;
	receivedOn: string | null;
	/** Null when unknown or for roles that may not see money. */
	costCents: number | null;
	version: number;
}

export interface Payment {
	id: number;
	kind: PaymentKind;
	amountCents: number;
	method: PaymentMethod;
	paidOn: string;
	takenBy: string;
	note: string | null;
	createdAt: string;
}

/** An order's money, for the roles that may see prices. Refunds count against what was paid. */
export interface OrderMoney {
	currency: string;
	quotedPriceCents: number | null;
	payments: Payment[];
	paidCents: number;
	/** Quoted price minus what was paid; null while there is no quote. */
	balanceCents: number | null;
}

export interface Blocker {
	id: number;
	description: string;
	since: string;
	createdBy: string;
	resolvedAt: string | null;
	resolvedBy: string | null;
}

export interface Attachment {
	id: number;
	kind: AttachmentKind;
	/** A photo of one of the customer's items (taken at check-in). */
	itemId: number | null;
	mediaType: string;
	byteSize: number;
	width: number | null;
	height: number | null;
	fileName: string;
	caption: string | null;
	createdBy: string;
	createdAt: string;
}

/** The piece as promised: what the order page shows and edits. */
export interface PieceDetails {
	metal: string | null;
	sizeValue: string | null;
	sizeScale: SizeScale | null;
	dimensions: string | null;
	finish: string | null;
	engravingText: string | null;
	engravingFont: string | null;
	designNotes: string | null;
	customerRequests: string | null;
}

/** The whole order, as one role may see it. */
export interface Order extends OrderCard, PieceDetails {
	customer: Customer;
	createdAt: string;
	updatedAt: string;
	/** Who made the order's latest change (of any kind), so a screen can say who changed it. */
	lastChangedBy: string | null;
	stones: Stone[];
	vendorJobs: VendorJob[];
	/** Open blockers first (oldest first), then resolved ones (newest first). */
	blockers: Blocker[];
	attachments: Attachment[];
	/** Null for roles that may not see prices. */
	money: OrderMoney | null;
	/** What the customer left with the store, with where each thing is and its whole trail. */
	items: CustomerItem[];
	/** While in transit (the card's `transit*` fields say from where, to where, since when). */
	transit: { sentBy: string; note: string | null } | null;
}

/** Who or where holds an item, named as at the hand-off. */
export interface Holder {
	/** `transit`: on its way between two locations, with the piece (its transfer's id). */
	kind: 'person' | 'vendor' | 'place' | 'customer' | 'transit';
	/** The person's or vendor's id; a location's for a place that is one; a transit's transfer. */
	id?: number;
	name: string;
}

export interface Handoff {
	id: number;
	from: Holder;
	to: Holder;
	/** Weighed at the hand-off, in the item's unit. */
	weight: number | null;
	/** The difference from the weighing before, when both were weighed. */
	weightChange: number | null;
	/** The difference is beyond the scale's tolerance. */
	flagged: boolean;
	note: string | null;
	by: string;
	at: string;
}

export interface CustomerItem {
	id: number;
	orderId: number;
	/** Set when the item is one of the order's customer-supplied stones. */
	stoneId: number | null;
	kind: ItemKind;
	description: string;
	weight: number | null;
	weightUnit: WeightUnit;
	/** Null for roles that may not see money. */
	declaredValueCents: number | null;
	/** Where it is now (the customer, once returned). */
	holder: Holder;
	checkedInAt: string;
	checkedInBy: string;
	returnedAt: string | null;
	version: number;
	/** Every hand-off, oldest first: the check-in from the customer is the first. */
	trail: Handoff[];
	/** Some weighing in the trail differed from the one before beyond the tolerance. */
	flagged: boolean;
}

export interface Board {
	shopName: string;
	timeZone: string;
	/** Today in the shop's time zone, YYYY-MM-DD. */
	today: string;
	/** The last event included in `orders`: catch up from here. */
	seq: number;
	/** How many open orders each column has, whether or not `orders` holds them all. */
	stageCounts: Record<BoardStage, number>;
	/** Days in each stage after which a card is flagged stuck. */
	stageThresholds: StageThresholds;
	/** Work-in-progress limits (a wall display's board: the stages' only). */
	wipLimits: WipLimits;
	/** False when `orders` holds only the top of each column (a page's first paint). */
	complete: boolean;
	orders: OrderCard[];
	/** The shop's locations, to name them on cards and filter by them. */
	locations: LocationSummary[];
	/** Hours after which a piece in transit is flagged as not received. */
	transferAlertHours: number;
	/**
	 * A wall display limited to one location: that location, whose orders alone `orders` and
	 * `stageCounts` hold. Absent: every location's.
	 */
	limitedTo?: number;
	/**
	 * The filters and sort `orders` was read with, as the board's URL writes them (`GET /board?...`);
	 * absent when it holds every open order in board order. `stageCounts` counts every open order.
	 */
	view?: string;
}
