import type { ChartName } from './charts';

export interface PageScope {
	from: string;
	to: string;
	pieceType: string | null;
	/** One location's orders only (a shop of several); absent or null: the whole shop's. */
	locationId?: number | null;
}

function query(scope: PageScope, extra: Record<string, string> = {}): string {
	const params = new URLSearchParams({ from: scope.from, to: scope.to });
	if (scope.pieceType) params.set('pieceType', scope.pieceType);
	if (scope.locationId) params.set('location', String(scope.locationId));
	for (const [name, value] of Object.entries(extra)) params.set(name, value);
	return params.toString();
}

/** The chart's numbers as a spreadsheet, for the page's period, piece type and location. */
export const csvHref = (chart: ChartName, scope: PageScope) =>
	`/api/v1/insights/${chart}?${query(scope, { format: 'csv' })}`;

/** The list of the orders behind one bar, day or kind. */
export const ordersHref = (chart: ChartName, bucket: string, scope: PageScope) =>
	`/insights/orders?${query(scope, { chart, bucket })}`;

export const insightsHref = (scope: PageScope) => `/insights?${query(scope)}`;
