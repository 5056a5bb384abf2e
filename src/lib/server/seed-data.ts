// Over 300 lines on purpose: this is data, not code (the demo shop's customers, orders, stones
// and vendors, written out so a reader sees exactly what the first run shows).
import type { BoardStage } from '../stages';
import type {
	ContactPreference,
	ItemKind,
	PaymentMethod,
	PieceType,
	SizeScale,
	StoneRole,
	StoneSource,
	StoneState,
	VendorKind,
	WeightUnit
} from '../words/vocabulary';

/** The demo shop's data: what a real week at a custom jeweler looks like. */

interface DemoStone {
	role: StoneRole;
	source: StoneSource;
	gem: string;
	shape?: string;
	count?: number;
	carats?: number;
	dimensionsMm?: string;
	colour?: string;
	clarity?: string;
	certLab?: string;
	certNumber?: string;
	declaredValueCents?: number;
	state: StoneState;
	vendor?: string;
}

/** Something else the customer left with the store, and where it went since. */
interface DemoItem {
	kind: ItemKind;
	description: string;
	weight: number;
	weightUnit: WeightUnit;
	declaredValueCents?: number;
	/** Places or vendors it went to after the safe, each weighed. */
	handoffs?: { to: { place: string } | { vendor: string }; weight?: number; note?: string }[];
}

export interface DemoOrder {
	customer: [given: string, family: string, phone: string, email: string];
	contact?: ContactPreference;
	title: string;
	stage: BoardStage;
	/** Days from today; negative is overdue; null is no due date. */
	due: number | null;
	rush?: boolean;
	assignee?: string;
	piece: {
		pieceType: PieceType;
		metal?: string;
		sizeValue?: string;
		sizeScale?: SizeScale;
		finish?: string;
		engravingText?: string;
		engravingFont?: string;
		occasion?: string;
		designNotes?: string;
		customerRequests?: string;
	};
	/** In whole currency units. */
	quote: number;
	items?: DemoItem[];
	deposit?: number;
	depositMethod?: PaymentMethod;
	stones?: DemoStone[];
	jobs?: { vendor: string; description: string; sent: number; expected: number; cost: number }[];
	waitingOn?: string[];
}

export const DEMO_VENDORS: {
	name: string;
	kind: VendorKind;
	contactName: string;
	phone: string;
	email: string;
}[] = [
	{
		name: 'Pacific Casting House',
		kind: 'casting',
		contactName: 'Rob Tanaka',
		phone: '555-0301',
		email: 'orders@pacificcasting.example'
	},
	{
		name: 'Meridian Diamonds',
		kind: 'stones',
		contactName: 'Lena Weiss',
		phone: '555-0312',
		email: 'memo@meridiandiamonds.example'
	},
	{
		name: 'Fine Line Engraving',
		kind: 'engraving',
		contactName: 'Tom Hale',
		phone: '555-0323',
		email: 'tom@finelineengraving.example'
	},
	{
		name: 'Brightwork Plating',
		kind: 'plating',
		contactName: 'Ana Souza',
		phone: '555-0334',
		email: 'ana@brightwork.example'
	}
];

export const DEMO: DemoOrder[] = [
	{
		customer: ['Olivia', 'Bennett', '555-0142', 'olivia.bennett@example.com'],
		contact: 'text',
		title: 'Oval 1.5 ct lab diamond engagement ring, 14k yellow gold',
		stage: 'intake',
		due: 38,
		piece: {
			pieceType: 'engagement_ring',
			metal: '14k yellow gold',
			sizeValue: '6',
			sizeScale: 'US',
			finish: 'High polish',
			occasion: 'Proposal in Paris',
			designNotes: 'Hidden halo, four claw prongs, thin 1.8 mm band.',
			customerRequests: 'Wants the stone to sit low so it does not catch on gloves.'
		},
		quote: 4800,
		deposit: 2400,
		stones: [
			{
				role: 'center',
				source: 'store',
				gem: 'Lab-grown diamond',
				shape: 'oval',
				carats: 1.52,
				colour: 'E',
				clarity: 'VS1',
				certLab: 'IGI',
				certNumber: 'LG612345678',
				state: 'expected',
				vendor: 'Meridian Diamonds'
			}
		],
		waitingOn: ['Center stone from Meridian Diamonds']
	},
	{
		customer: ['Marcus', 'Delgado', '555-0178', 'marcus.d@example.com'],
		title: 'Matching wedding bands, platinum',
		stage: 'intake',
		due: 52,
		piece: {
			pieceType: 'wedding_band',
			metal: 'Platinum 950',
			sizeValue: '10',
			sizeScale: 'US',
			finish: 'Brushed',
			occasion: 'Wedding on the 20th'
		},
		quote: 3200,
		waitingOn: ['Deposit']
	},
	{
		customer: ['Hannah', 'Okafor', '555-0119', 'hannah.okafor@example.com'],
		title: "Repair and resize grandmother's ring to 6.5",
		stage: 'intake',
		due: 9,
		assignee: 'Sam',
		piece: { pieceType: 'repair', metal: '18k yellow gold', sizeValue: '6.5', sizeScale: 'US' },
		quote: 180,
		items: [
			{
				kind: 'jewelry',
				description: "Grandmother's ring, 18k yellow gold, thin worn shank",
				weight: 3.86,
				weightUnit: 'g',
				declaredValueCents: 120000,
				handoffs: [{ to: { place: 'Bench 2' }, weight: 3.86, note: 'For sizing' }]
			}
		],
		deposit: 90,
		depositMethod: 'cash',
		stones: [
			{
				role: 'center',
				source: 'customer',
				gem: 'Diamond',
				shape: 'round',
				carats: 0.45,
				declaredValueCents: 150000,
				state: 'received'
			}
		]
	},
	{
		customer: ['Ethan', 'Cho', '555-0155', 'ethan.cho@example.com'],
		title: 'Emerald-cut sapphire ring with side baguettes, platinum',
		stage: 'design',
		due: 4,
		rush: true,
		assignee: 'Priya',
		piece: {
			pieceType: 'engagement_ring',
			metal: 'Platinum 950',
			sizeValue: '5.5',
			sizeScale: 'US',
			occasion: 'Proposal on the beach',
			designNotes: 'Three-stone layout, baguettes tapered, cathedral shoulders.'
		},
		quote: 6900,
		deposit: 3450,
		stones: [
			{
				role: 'center',
				source: 'store',
				gem: 'Blue sapphire',
				shape: 'emerald',
				carats: 2.01,
				dimensionsMm: '8.1 x 6.2',
				certLab: 'GIA',
				certNumber: '2141438765',
				state: 'received',
				vendor: 'Meridian Diamonds'
			},
			{
				role: 'side',
				source: 'store',
				gem: 'Diamond',
				shape: 'baguette',
				count: 2,
				carats: 0.3,
				colour: 'F',
				clarity: 'VS2',
				state: 'expected',
				vendor: 'Meridian Diamonds'
			}
		],
		waitingOn: ['Customer approval of the CAD']
	},
	{
		customer: ['Grace', 'Whitfield', '555-0133', 'grace.w@example.com'],
		contact: 'email',
		title: "Pendant from grandmother's 0.8 ct diamond, 18k white gold",
		stage: 'design',
		due: 24,
		assignee: 'Priya',
		piece: {
			pieceType: 'pendant',
			metal: '18k white gold',
			sizeValue: '18',
			sizeScale: 'in',
			customerRequests: 'Keep it simple: bezel, no halo. Chain included.'
		},
		quote: 1350,
		deposit: 700,
		stones: [
			{
				role: 'center',
				source: 'customer',
				gem: 'Diamond',
				shape: 'round',
				carats: 0.8,
				colour: 'H',
				clarity: 'SI1',
				declaredValueCents: 320000,
				state: 'received'
			}
		]
	},
	{
		customer: ['Daniel', 'Ruiz', '555-0161', 'druiz@example.com'],
		title: 'Halo engagement ring, cushion 1.2 ct, 14k rose gold',
		stage: 'design',
		due: 31,
		piece: {
			pieceType: 'engagement_ring',
			metal: '14k rose gold',
			sizeValue: 'N',
			sizeScale: 'UK'
		},
		quote: 5200,
		deposit: 2600,
		stones: [
			{
				role: 'center',
				source: 'store',
				gem: 'Diamond',
				shape: 'cushion',
				carats: 1.2,
				colour: 'G',
				clarity: 'VS2',
				certLab: 'GIA',
				certNumber: '6224501188',
				state: 'expected',
				vendor: 'Meridian Diamonds'
			}
		]
	},
	{
		customer: ['Sofia', 'Lindqvist', '555-0187', 'sofia.l@example.com'],
		title: 'Reset heirloom ring into a bezel solitaire',
		stage: 'design',
		due: -3,
		assignee: 'Priya',
		piece: { pieceType: 'remount', metal: '14k yellow gold', sizeValue: '53', sizeScale: 'EU' },
		quote: 1650,
		deposit: 800,
		items: [
			{
				kind: 'jewelry',
				description: 'Heirloom ring mounting, 14k yellow gold (to be melted for the new bezel)',
				weight: 5.12,
				weightUnit: 'g',
				handoffs: [
					{ to: { vendor: 'Pacific Casting House' }, weight: 5.11, note: 'Metal for the casting' }
				]
			}
		],
		stones: [
			{
				role: 'center',
				source: 'customer',
				gem: 'Diamond',
				shape: 'old European',
				carats: 1.05,
				declaredValueCents: 600000,
				state: 'received'
			}
		],
		waitingOn: ['Customer approval of the sketch']
	},
	{
		customer: ['James', 'Abernathy', '555-0104', 'j.abernathy@example.com'],
		title: "Men's wedding band, 18k yellow gold, hammered finish",
		stage: 'casting',
		due: 12,
		assignee: 'Luis',
		piece: {
			pieceType: 'wedding_band',
			metal: '18k yellow gold',
			sizeValue: '11',
			sizeScale: 'US',
			finish: 'Hammered',
			engravingText: 'J & M 06.14.27',
			engravingFont: 'Script'
		},
		quote: 1900,
		deposit: 950,
		jobs: [
			{
				vendor: 'Pacific Casting House',
				description: 'Resin print for casting, 18k yellow',
				sent: -4,
				expected: 2,
				cost: 240
			}
		],
		waitingOn: ['Casting back from Pacific Casting House']
	},
	{
		customer: ['Amara', 'Nwosu', '555-0126', 'amara.n@example.com'],
		title: 'Pear-shaped morganite ring, 14k rose gold',
		stage: 'casting',
		due: 2,
		assignee: 'Luis',
		piece: {
			pieceType: 'engagement_ring',
			metal: '14k rose gold',
			sizeValue: '7',
			sizeScale: 'US'
		},
		quote: 1450,
		deposit: 725,
		stones: [
			{
				role: 'center',
				source: 'store',
				gem: 'Morganite',
				shape: 'pear',
				carats: 2.4,
				dimensionsMm: '10 x 7',
				state: 'received',
				vendor: 'Meridian Diamonds'
			}
		],
		jobs: [
			{
				vendor: 'Pacific Casting House',
				description: 'Wax for casting, 14k rose',
				sent: -6,
				expected: -1,
				cost: 180
			}
		],
		waitingOn: ['Casting back from Pacific Casting House (a day late)']
	},
	{
		customer: ['Chloe', 'Martin', '555-0148', 'chloe.martin@example.com'],
		title: 'Emerald engagement ring, 18k yellow gold',
		stage: 'setting',
		due: 6,
		assignee: 'Elena',
		piece: {
			pieceType: 'engagement_ring',
			metal: '18k yellow gold',
			sizeValue: '6.25',
			sizeScale: 'US'
		},
		quote: 4100,
		deposit: 2050,
		stones: [
			{
				role: 'center',
				source: 'store',
				gem: 'Emerald',
				shape: 'emerald',
				carats: 1.1,
				certLab: 'GCAL',
				certNumber: 'GC33019',
				state: 'received',
				vendor: 'Meridian Diamonds'
			}
		]
	},
	{
		customer: ['Noah', 'Feldman', '555-0170', 'noah.feldman@example.com'],
		title: 'Three-stone anniversary ring, platinum',
		stage: 'setting',
		due: -1,
		assignee: 'Elena',
		piece: {
			pieceType: 'engagement_ring',
			metal: 'Platinum 950',
			sizeValue: '6.5',
			sizeScale: 'US',
			occasion: '10th anniversary'
		},
		quote: 5600,
		deposit: 2800,
		stones: [
			{
				role: 'center',
				source: 'customer',
				gem: 'Diamond',
				shape: 'round',
				carats: 0.9,
				declaredValueCents: 450000,
				state: 'received'
			},
			{
				role: 'side',
				source: 'store',
				gem: 'Diamond',
				shape: 'round',
				count: 2,
				carats: 0.5,
				colour: 'G',
				clarity: 'VS2',
				state: 'expected',
				vendor: 'Meridian Diamonds'
			}
		],
		waitingOn: ['Side stones from Meridian Diamonds']
	},
	{
		customer: ['Isabella', 'Rossi', '555-0183', 'isabella.rossi@example.com'],
		title: 'Diamond stud earrings, 1 ct total, 14k white gold',
		stage: 'setting',
		due: 15,
		piece: { pieceType: 'earrings', metal: '14k white gold' },
		quote: 2600,
		deposit: 1300,
		stones: [
			{
				role: 'center',
				source: 'store',
				gem: 'Diamond',
				shape: 'round',
				count: 2,
				carats: 1.0,
				colour: 'G',
				clarity: 'SI1',
				state: 'received',
				vendor: 'Meridian Diamonds'
			}
		]
	},
	{
		customer: ['Liam', "O'Connor", '555-0112', 'liam.oconnor@example.com'],
		contact: 'text',
		title: 'Round brilliant solitaire for a proposal',
		stage: 'setting',
		due: 3,
		rush: true,
		assignee: 'Elena',
		piece: {
			pieceType: 'engagement_ring',
			metal: 'Platinum 950',
			sizeValue: '5',
			sizeScale: 'US',
			occasion: 'Proposal on Saturday'
		},
		quote: 7400,
		deposit: 3700,
		stones: [
			{
				role: 'center',
				source: 'store',
				gem: 'Diamond',
				shape: 'round',
				carats: 1.31,
				colour: 'F',
				clarity: 'VVS2',
				certLab: 'GIA',
				certNumber: '7391127740',
				state: 'received',
				vendor: 'Meridian Diamonds'
			}
		]
	},
	{
		customer: ['Maya', 'Patel', '555-0138', 'maya.patel@example.com'],
		title: 'Eternity band with pavé melee, 18k white gold',
		stage: 'polishing',
		due: 0,
		assignee: 'Sam',
		piece: {
			pieceType: 'wedding_band',
			metal: '18k white gold',
			sizeValue: '5.75',
			sizeScale: 'US'
		},
		quote: 2950,
		deposit: 1500,
		stones: [
			{
				role: 'melee',
				source: 'store',
				gem: 'Diamond',
				shape: 'round',
				count: 24,
				carats: 0.72,
				colour: 'G',
				clarity: 'VS',
				state: 'set',
				vendor: 'Meridian Diamonds'
			}
		],
		jobs: [
			{
				vendor: 'Brightwork Plating',
				description: 'Rhodium plating',
				sent: -1,
				expected: 0,
				cost: 35
			}
		],
		waitingOn: ['Rhodium plating from Brightwork']
	},
	{
		customer: ['Benjamin', 'Hart', '555-0191', 'ben.hart@example.com'],
		title: 'Signet ring with engraved family crest, 14k yellow gold',
		stage: 'polishing',
		due: 8,
		assignee: 'Sam',
		piece: {
			pieceType: 'other',
			metal: '14k yellow gold',
			sizeValue: '9.5',
			sizeScale: 'US',
			engravingText: 'Family crest (drawing on file)'
		},
		quote: 1750,
		deposit: 875,
		jobs: [
			{
				vendor: 'Fine Line Engraving',
				description: 'Hand-engrave crest on face',
				sent: -3,
				expected: 1,
				cost: 150
			}
		]
	},
	{
		customer: ['Zoe', 'Kaplan', '555-0165', 'zoe.kaplan@example.com'],
		title: 'Tennis bracelet clasp repair and rhodium plating',
		stage: 'inspection',
		due: -2,
		assignee: 'Luis',
		piece: { pieceType: 'bracelet', metal: '14k white gold', sizeValue: '7', sizeScale: 'in' },
		quote: 220,
		deposit: 100
	},
	{
		customer: ['Aiden', 'Brooks', '555-0109', 'aiden.brooks@example.com'],
		title: 'Asscher-cut diamond ring, platinum 950',
		stage: 'inspection',
		due: 1,
		piece: { pieceType: 'engagement_ring', metal: 'Platinum 950', sizeValue: '8', sizeScale: 'US' },
		quote: 8900,
		deposit: 4450,
		depositMethod: 'bank_transfer',
		stones: [
			{
				role: 'center',
				source: 'store',
				gem: 'Diamond',
				shape: 'asscher',
				carats: 1.6,
				colour: 'E',
				clarity: 'VS1',
				certLab: 'GIA',
				certNumber: '5192264013',
				state: 'set',
				vendor: 'Meridian Diamonds'
			}
		]
	},
	{
		customer: ['Ella', 'Nakamura', '555-0152', 'ella.nakamura@example.com'],
		contact: 'email',
		title: 'Pearl drop earrings, 14k yellow gold',
		stage: 'ready',
		due: -5,
		piece: { pieceType: 'earrings', metal: '14k yellow gold' },
		quote: 640,
		deposit: 320
	},
	{
		customer: ['Ruth', 'Goldberg', '555-0174', 'ruth.goldberg@example.com'],
		title: "Remount of mother's ruby into a new setting",
		stage: 'ready',
		due: 0,
		piece: { pieceType: 'remount', metal: '18k yellow gold', sizeValue: '7', sizeScale: 'US' },
		quote: 1250,
		deposit: 625,
		stones: [
			{
				role: 'center',
				source: 'customer',
				gem: 'Ruby',
				shape: 'oval',
				carats: 1.3,
				declaredValueCents: 280000,
				state: 'set'
			}
		]
	},
	{
		customer: ['Owen', 'Fischer', '555-0199', 'owen.fischer@example.com'],
		title: 'Marquise diamond wedding set, 14k white gold',
		stage: 'ready',
		due: null,
		piece: { pieceType: 'wedding_band', metal: '14k white gold', sizeValue: '9', sizeScale: 'US' },
		quote: 3900,
		deposit: 3900
	}
];

/** The demo shop's contact details, so its customers' pages show how to reach it. */
export const DEMO_SHOP = {
	phone: '(555) 201-0100',
	address: '214 Market Street, Springfield'
};
