import { z } from 'zod';
import { PIECE_TYPES, type PieceType } from '../words/vocabulary';
import type { BoardStage } from '../stages';

/** The Insights page's charts, each answered by `GET /api/v1/insights/<chart>`. */
export const CHARTS = ['cycle-time', 'throughput', 'flow', 'aging', 'on-time', 'waits'] as const;
export type ChartName = (typeof CHARTS)[number];

const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
	.refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'must be a real date');

/** One location's orders only, by its id (`?location=3`). */
export const locationParam = z
	.string()
	.regex(/^[1-9]\d{0,8}$/, "must be a location's id")
	.transform(Number);

/** `GET /api/v1/forecasts`: every open order's, or one location's. */
export const forecastsQuerySchema = z.strictObject({ location: locationParam.optional() });

/** The period and piece type every chart is read for (the page keeps them in its URL). */
export const insightsQuerySchema = z
	.strictObject({
		from: isoDate.optional(),
		to: isoDate.optional(),
		pieceType: z
			.enum(PIECE_TYPES, { error: `must be one of ${PIECE_TYPES.join(', ')}` })
			.optional(),
		/** Only the orders of one location (taken in, picked up or now there): its id. */
		location: locationParam.optional(),
		format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).optional(),
		/** Which bar, day or kind's orders (see `ordersBehind`). */
		bucket: z.string().min(1).max(200).optional()
	})
	.refine((query) => !query.from || !query.to || query.from <= query.to, {
		message: 'must not be after to',
		path: ['from']
	});

export interface InsightsScope {
	/** First and last day of the period, in the shop's time zone (inclusive). */
	from: string;
	to: string;
	pieceType: PieceType | null;
	/** Only this location's orders; null: the whole shop's. */
	locationId: number | null;
	timeZone: string;
	/** The moment "now" is read at (aging, open blockers): fixed in tests. */
	now: Date;
}

export interface Spread {
	count: number;
	/** Business days; null when there is nothing to measure. */
	median: number | null;
	p85: number | null;
}

export interface CycleTimeChart {
	chart: 'cycle-time';
	stages: ({ stage: BoardStage } & Spread)[];
	/** From intake to first ready, for all pieces (pieceType null) and each piece type. */
	endToEnd: ({ pieceType: PieceType | null } & Spread)[];
}

export interface ThroughputChart {
	chart: 'throughput';
	/** Pieces finished (first reached Ready) per week, weeks starting Monday. */
	weeks: { week: string; finished: number }[];
}

export interface FlowChart {
	chart: 'flow';
	/** Orders in each stage at the end of each day. */
	days: { day: string; counts: Record<BoardStage, number> }[];
}

export interface AgingChart {
	chart: 'aging';
	/** Each stage's usual time: the 85th percentile of its completed visits in the period. */
	usual: Record<BoardStage, number | null>;
	orders: {
		id: number;
		number: string;
		title: string;
		pieceType: PieceType;
		stage: BoardStage;
		days: number;
	}[];
}

export interface OnTimeChart {
	chart: 'on-time';
	/** Orders with a due date finished (first reached Ready) each month, and how many by the due date. */
	months: { month: string; finished: number; onTime: number; rate: number | null }[];
}

export interface WaitsChart {
	chart: 'waits';
	/** Time blocked per kind of blocker (its words), most first. */
	blockers: {
		kind: string;
		count: number;
		open: number;
		totalDays: number;
		median: number | null;
	}[];
	/** Time at each vendor, from sent to received (or today), most first. */
	vendors: {
		vendorId: number;
		vendor: string;
		count: number;
		open: number;
		totalDays: number;
		median: number | null;
	}[];
}

export type Chart =
	CycleTimeChart | ThroughputChart | FlowChart | AgingChart | OnTimeChart | WaitsChart;

export type ChartOf<N extends ChartName> = Extract<Chart, { chart: N }>;

/** One of the orders behind a bar, a day or a kind. */
export interface OrderBehind {
	id: number;
	number: string;
	title: string;
	pieceType: PieceType;
	stage: string;
	dueDate: string | null;
	/** What this order adds to the bar (its days in the stage, blocked, at the vendor...). */
	days: number | null;
}
