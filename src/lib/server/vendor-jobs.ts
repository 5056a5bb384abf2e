import type { VendorJob } from '../types';
import { addVendorJobSchema, updateVendorJobSchema, VENDOR_JOB_FIELDS } from '../validation';
import { can, requirePermission } from './auth/roles';
import { changedFields, changeInsideOrder } from './commands';
import type { Tx } from './db';
import { conflict, invalid, notFound, parseInput } from './errors';
import type { Actor } from './events';
import type { Services } from './services';

type JobRow = Omit<VendorJob, 'vendorName'>;

async function requireVendor(tx: Tx, vendorId: number | undefined): Promise<void> {
	if (vendorId === undefined) return;
	const [vendor] = await tx`select 1 from vendors where id = ${vendorId}`;
	if (!vendor) throw invalid('vendorId', `${vendorId} is not a vendor`);
}

/** A piece cannot come back before it went out. */
function checkDates(job: Partial<JobRow>): void {
	if (job.sentOn && job.receivedOn && job.receivedOn < job.sentOn) {
		throw invalid('receivedOn', 'must not be before the day it was sent');
	}
	if (job.sentOn && job.expectedOn && job.expectedOn < job.sentOn) {
		throw invalid('expectedOn', 'must not be before the day it was sent');
	}
}

/** Outside work: what went to which vendor, when it is expected back, when it came back. */
export async function addVendorJob(
	services: Services,
	actor: Actor,
	orderId: number,
	input: unknown
): Promise<number | null> {
	requirePermission(actor, 'vendorJobs.edit');
	const data = parseInput(addVendorJobSchema, input);
	if (data.costCents != null) requirePermission(actor, 'money.edit');
	checkDates(data);
	return changeInsideOrder(services, actor, orderId, 'vendor_job.added', async (tx) => {
		await requireVendor(tx, data.vendorId);
		const [job] = await tx<JobRow[]>`
			insert into vendor_jobs ${tx({ ...data, orderId } as Record<string, unknown>)}
			returning id, order_id, vendor_id, description, sent_on, expected_on, received_on, cost_cents,
				version`;
		return { before: null, after: job };
	});
}

export async function updateVendorJob(
	services: Services,
	actor: Actor,
	orderId: number,
	jobId: number,
	input: unknown
): Promise<number | null> {
	requirePermission(actor, 'vendorJobs.edit');
	const { version, ...fields } = parseInput(updateVendorJobSchema, input);
	if (fields.costCents !== undefined) requirePermission(actor, 'money.edit');
	return changeInsideOrder(services, actor, orderId, 'vendor_job.updated', async (tx) => {
		const [job] = await tx<JobRow[]>`
			select id, order_id, vendor_id, description, sent_on, expected_on, received_on, cost_cents,
				version
			from vendor_jobs where id = ${jobId} and order_id = ${orderId} for update`;
		if (!job) throw notFound(`Outside job ${jobId} of order ${orderId}`);
		if (job.version !== version) {
			throw conflict(
				`This outside job was changed by someone else since you saw it (version ${version}, now ${job.version})`,
				can(actor.role, 'money.read') ? job : { ...job, costCents: null }
			);
		}
		const { before, after } = changedFields(job, fields as Partial<JobRow>, VENDOR_JOB_FIELDS);
		if (Object.keys(after).length === 0) return null;
		checkDates({ ...job, ...after });
		await requireVendor(tx, after.vendorId);
		await tx`
			update vendor_jobs set ${tx(after as Record<string, unknown>)}, version = version + 1, updated_at = now()
			where id = ${jobId}`;
		return { before: { id: jobId, ...before }, after: { id: jobId, ...after } };
	});
}
