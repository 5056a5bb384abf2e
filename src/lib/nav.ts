/** What the top navigation needs to know about the signed-in person. */
export interface NavViewer {
	id: number;
	name: string;
	role: string;
	/** Customer pages and customer results in search. */
	customers: boolean;
	/** Settings: staff and displays (owners), when orders count as stuck (owners, managers). */
	settings: boolean;
	/** The Insights page: owners and managers. */
	insights: boolean;
}
