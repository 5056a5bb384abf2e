import type uPlot from 'uplot';
import { BOARD_STAGES, type BoardStage } from '$lib/stages';

/** Calm colours from the app's own (app.css): the brand green, its gold, slate blue. */
export const INK = '#1f3a34';
export const GOLD = '#b08d3c';
export const SLATE = '#36527a';
export const LATE = '#a8321e';
export const GRID = '#e2ddd2';
export const SOFT = '#56615b';

export const STAGE_COLOURS: Record<BoardStage, string> = {
	intake: '#c9b98f',
	design: '#b08d3c',
	casting: '#8a6d2f',
	setting: '#36527a',
	polishing: '#5b7fa6',
	inspection: '#3f6b5e',
	ready: '#1f3a34'
};

export const stageIndex = (stage: BoardStage) => BOARD_STAGES.indexOf(stage);

/** An axis in the app's quiet greys. */
export const axis = (extra: Partial<uPlot.Axis> = {}): uPlot.Axis => ({
	stroke: SOFT,
	grid: { stroke: GRID, width: 1 },
	ticks: { stroke: GRID, width: 1 },
	font: '12px Inter, system-ui, sans-serif',
	...extra
});

/** Category labels on an x axis of indexes 0..n-1. */
export const categories = (labels: string[], extra: Partial<uPlot.Axis> = {}): uPlot.Axis =>
	axis({
		values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? (labels[i] ?? '') : '')),
		splits: () => labels.map((_, i) => i),
		grid: { show: false },
		...extra
	});

/**
 * The stages' names under a chart: level while each has room (about 80 px), else turned to a slant
 * so they still fit side by side on a phone (cut to four letters they read as "Inta" and "Desi").
 */
export const stageLabelAxis = (
	room: number,
	extra: Partial<uPlot.Axis> = {}
): Partial<uPlot.Axis> => (room < 80 ? { rotate: -40, size: 64, ...extra } : extra);
