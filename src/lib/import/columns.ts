/** The fields a spreadsheet's columns can fill, and a guess of which column is which from its header. */

export const IMPORT_FIELDS = [
	'externalRef',
	'customerName',
	'givenName',
	'familyName',
	'phone',
	'email',
	'title',
	'description',
	'pieceType',
	'stage',
	'dueDate',
	'rush',
	'ringSize',
	'quotedPrice',
	'deposit',
	'assignee',
	'notes'
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
	externalRef: 'Reference (their order number)',
	customerName: 'Customer full name',
	givenName: 'Customer first name',
	familyName: 'Customer last name',
	phone: 'Phone',
	email: 'Email',
	title: 'Title',
	description: 'Description',
	pieceType: 'Piece type',
	stage: 'Stage',
	dueDate: 'Due date',
	rush: 'Rush',
	ringSize: 'Ring size',
	quotedPrice: 'Quoted price',
	deposit: 'Deposit paid',
	assignee: 'Assigned to',
	notes: 'Notes'
};

/** Money fields: left out of the mapping for a role that may not see money. */
export const MONEY_FIELDS: readonly ImportField[] = ['quotedPrice', 'deposit'];

/** Each field's header names, compared without case, spaces or punctuation. */
const SYNONYMS: Record<ImportField, string[]> = {
	externalRef: [
		'reference',
		'ref',
		'externalref',
		'externalreference',
		'orderno',
		'ordernumber',
		'order',
		'jobno',
		'jobnumber',
		'ticket',
		'ticketno',
		'ticketnumber',
		'envelope',
		'id',
		'orderid'
	],
	customerName: ['customer', 'customername', 'name', 'client', 'clientname', 'fullname'],
	givenName: ['firstname', 'givenname', 'first', 'forename'],
	familyName: ['lastname', 'familyname', 'surname', 'last'],
	phone: ['phone', 'phonenumber', 'tel', 'telephone', 'mobile', 'cell', 'cellphone', 'contact'],
	email: ['email', 'emailaddress', 'mail'],
	title: ['title', 'item', 'piece', 'job', 'summary', 'subject', 'work'],
	description: ['description', 'details', 'desc', 'workdescription', 'jobdescription'],
	pieceType: ['piecetype', 'type', 'category', 'itemtype', 'kind'],
	stage: ['stage', 'status', 'step', 'state', 'column'],
	dueDate: [
		'due',
		'duedate',
		'promised',
		'promisedate',
		'promiseddate',
		'deadline',
		'pickupdate',
		'readyby'
	],
	rush: ['rush', 'urgent', 'priority', 'express'],
	ringSize: ['ringsize', 'size', 'fingersize'],
	quotedPrice: ['price', 'quote', 'quoted', 'quotedprice', 'total', 'amount', 'estimate'],
	deposit: ['deposit', 'paid', 'depositpaid', 'amountpaid', 'downpayment'],
	assignee: [
		'assignee',
		'assignedto',
		'jeweler',
		'jeweller',
		'bench',
		'craftsman',
		'staff',
		'owner'
	],
	notes: ['notes', 'note', 'comments', 'comment', 'remarks', 'instructions']
};

/** "Job #" is "jobno"; "E-mail" is "email". */
export const normalHeader = (header: string) =>
	header
		.toLowerCase()
		.replace(/#/g, 'no')
		.replace(/[^\p{L}\p{N}]/gu, '');

/** Which column each field comes from (a column index), or null for none. */
export type Mapping = Partial<Record<ImportField, number | null>>;

/**
 * A first guess from the header names: an exact synonym first, then a header that contains one
 * ("Customer phone", "Due (promised)"); each column fills one field at most.
 */
export function guessMapping(headers: string[], options: { money: boolean }): Mapping {
	const mapping: Mapping = {};
	const taken = new Set<number>();
	const names = headers.map(normalHeader);
	const fields = IMPORT_FIELDS.filter((field) => options.money || !MONEY_FIELDS.includes(field));
	const take = (field: ImportField, index: number) => {
		mapping[field] = index;
		taken.add(index);
	};
	for (const field of fields) {
		const index = names.findIndex((name, i) => !taken.has(i) && SYNONYMS[field].includes(name));
		if (index >= 0) take(field, index);
	}
	for (const field of fields) {
		if (mapping[field] != null) continue;
		const index = names.findIndex(
			(name, i) =>
				!taken.has(i) &&
				name.length > 0 &&
				SYNONYMS[field].some((synonym) => synonym.length >= 4 && name.includes(synonym))
		);
		if (index >= 0) take(field, index);
	}
	// A full name and separate first/last names are two ways to say one thing: keep the split one.
	if (mapping.givenName != null && mapping.familyName != null && mapping.customerName != null) {
		delete mapping.customerName;
	}
	return mapping;
}
