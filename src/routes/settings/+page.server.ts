import { error, fail, redirect } from '@sveltejs/kit';
import {
	changeRole,
	createAccount,
	disableAccount,
	listAccounts,
	resetPassword
} from '$lib/server/auth/accounts';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/auth/api-tokens';
import { recentAuthEvents } from '$lib/server/auth/audit';
import { describeReport, verifyEventLogFor } from '$lib/server/audit-chain';
import { clientAddress } from '$lib/server/auth/cookies';
import {
	createDisplay,
	listDisplays,
	revokeDisplay,
	updateDisplayOptions
} from '$lib/server/auth/displays';
import { listSessions, revokeSession } from '$lib/server/auth/session-admin';
import { setHomeLocation } from '$lib/server/auth/home-location';
import {
	createLocation,
	readLocations,
	readTransferAlertHours,
	updateLocation,
	updateTransferAlertHours
} from '$lib/server/locations';
import { can } from '$lib/server/auth/roles';
import { DomainError } from '$lib/server/errors';
import { actorOf } from '$lib/server/http';
import { leaveDemo } from '$lib/server/leave-demo';
import { readSettings, updateStageThresholds } from '$lib/server/settings';
import { listJewelerNames, readWipLimits, updateWipLimits } from '$lib/server/wip-limits';
import { wipLimitsInput } from './wip-limits-input';
import { amountsRecorded, updateShopProfile } from '$lib/server/shop-profile';
import { listSettingsChanges } from '$lib/server/settings-trail';
import { removeShopLogo, setShopLogo } from '$lib/server/shop-logo';
import { invalid } from '$lib/server/errors';
import { getMessageSettings, updateMessageSettings } from '$lib/server/updates/message-settings';
import { savedTemplate } from '$lib/customer-updates';
import { MESSAGE_KINDS } from '$lib/words/message-templates';
import { publicUrlProblem } from '$lib/server/public-url';
import { BOARD_STAGES } from '$lib/stages';
import { readLocationSummaries } from '$lib/server/locations';
import type { Actions, PageServerLoad } from './$types';
import { readSamplePickupPlace } from '$lib/server/updates/pickup-place';

/** The owner sees everything here; a manager sees when orders count as stuck and the WIP limits. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = actorOf(locals);
	const owner = can(actor.role, 'accounts.manage');
	if (!owner && !can(actor.role, 'settings.manage'))
		error(403, 'Only the owner manages staff and displays.');
	const { stageThresholds, demo } = await readSettings(locals.services.db.sql);
	const wipLimits = await readWipLimits(locals.services.db.sql);
	const jewelers = await listJewelerNames(locals.services.db.sql, wipLimits);
	const messages = can(actor.role, 'messages.manage')
		? await getMessageSettings(locals.services, actor)
		: null;
	// The pickup placeholders' preview (a shop of several locations only: null offers none).
	const pickupSample = messages ? await readSamplePickupPlace(locals.services.db.sql) : null;
	const [
		accounts,
		displays,
		apiTokens,
		sessions,
		audit,
		settingsChanges,
		currencyLocked,
		locations,
		transferAlertHours
	] = owner
		? await Promise.all([
				listAccounts(locals.services, actor),
				listDisplays(locals.services, actor),
				listApiTokens(locals.services, actor),
				listSessions(locals.services, actor),
				recentAuthEvents(locals.services.db.sql, 50),
				listSettingsChanges(locals.services, actor),
				amountsRecorded(locals.services.db.sql),
				readLocations(locals.services.db.sql),
				readTransferAlertHours(locals.services.db.sql)
			])
		: [[], [], [], [], [], [], true, [], 24];
	return {
		owner,
		canImport: can(actor.role, 'orders.import'),
		// Only the owner may clear the demo; the others need not be told how.
		demo: owner && demo ? { backupDir: locals.services.demoExit?.backup.dir ?? null } : null,
		stageThresholds,
		wipLimits,
		jewelers,
		messages,
		pickupSample,
		accounts,
		displays,
		// For a display's location (only offered when there are several).
		displayLocations: owner ? await readLocationSummaries(locals.services.db.sql) : [],
		apiTokens,
		sessions,
		audit,
		settingsChanges,
		currencyLocked,
		locations,
		transferAlertHours,
		// The origin this page came by, as the proxy headers say: customers' links should match it.
		publicUrlWarning: owner ? publicUrlProblem(locals.services.publicUrl, url.origin) : null,
		// Only its fingerprint: enough to tell which key signs, nothing to sign with.
		auditKeyFingerprint: owner ? locals.services.auditKey.fingerprint : null,
		me: actor.id,
		mySession: locals.session?.id
	};
};

/** Each action: the owner's check is in the domain function; a refusal comes back as a message. */
async function attempt(work: () => Promise<Record<string, unknown> | void>) {
	try {
		return (await work()) ?? { done: true };
	} catch (error) {
		if (error instanceof DomainError) return fail(error.status, { message: error.message });
		throw error;
	}
}

/**
 * The account, display or location a form names: anything that is not an id the database can hold
 * is 0, which names nothing, so the command answers "not found" as it does for a missing one.
 */
function id(form: FormData): number {
	const raw = String(form.get('id') ?? '');
	return /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : 0;
}

/**
 * For the forms whose messages sit beside their fields: which form (and which display) a refusal
 * is about, and the field it names.
 */
async function attemptFor(
	scope:
		| { form: 'displayOptions'; displayId: number }
		| { form: 'stageThresholds' }
		| { form: 'wipLimits' }
		| { form: 'messages' }
		| { form: 'profile' }
		| { form: 'startShop' }
		| { form: 'location'; locationId: number | null; action: 'add' | 'edit' | 'archive' }
		| { form: 'transferAlertHours' },
	work: () => Promise<unknown>
) {
	try {
		await work();
		return { ...scope, saved: true };
	} catch (error) {
		if (!(error instanceof DomainError)) throw error;
		return fail(error.status, {
			...scope,
			field: error.details.field ?? null,
			message: error.message
		});
	}
}

/** A number as typed: a blank keeps the stage's current value, anything else goes to the check. */
function daysOf(value: FormDataEntryValue | null): unknown {
	const text = String(value ?? '').trim();
	if (!text) return undefined;
	return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** A location's fields as the form sends them (a textarea's lines with CRLF: kept with plain newlines). */
function locationFields(form: FormData) {
	const field = (name: string) => String(form.get(name) ?? '').replace(/\r\n?/g, '\n');
	return {
		name: field('name'),
		kind: field('kind'),
		address: field('address'),
		phone: field('phone'),
		hours: field('hours'),
		timeZone: field('timeZone').trim()
	};
}

export const actions: Actions = {
	addAccount: async (event) => {
		const form = await event.request.formData();
		return attempt(async () => {
			const account = await createAccount(
				event.locals.services,
				actorOf(event.locals),
				{
					name: String(form.get('name') ?? ''),
					username: String(form.get('username') ?? ''),
					role: String(form.get('role') ?? ''),
					password: String(form.get('password') ?? '')
				},
				clientAddress(event)
			);
			return { notice: `${account.displayName} can now sign in as ${account.username}.` };
		});
	},
	changeRole: async (event) => {
		const form = await event.request.formData();
		return attempt(() =>
			changeRole(
				event.locals.services,
				actorOf(event.locals),
				id(form),
				form.get('role'),
				clientAddress(event)
			)
		);
	},
	disable: async (event) => {
		const form = await event.request.formData();
		return attempt(() =>
			disableAccount(event.locals.services, actorOf(event.locals), id(form), clientAddress(event))
		);
	},
	resetPassword: async (event) => {
		const form = await event.request.formData();
		return attempt(async () => {
			await resetPassword(
				event.locals.services,
				actorOf(event.locals),
				id(form),
				form.get('password'),
				clientAddress(event)
			);
			return { notice: 'Password changed; that account was signed out everywhere.' };
		});
	},
	addDisplay: async (event) => {
		const form = await event.request.formData();
		return attempt(async () => {
			const { display, linkToken } = await createDisplay(
				event.locals.services,
				actorOf(event.locals),
				{ name: form.get('name') },
				clientAddress(event)
			);
			return {
				displayLink: `${event.url.origin}/display/connect/${linkToken}`,
				displayName: display.name
			};
		});
	},
	addToken: async (event) => {
		const form = await event.request.formData();
		const days = Number(form.get('expiresInDays') ?? 0);
		return attempt(async () => {
			const { token, secret } = await createApiToken(
				event.locals.services,
				actorOf(event.locals),
				{
					name: String(form.get('name') ?? ''),
					role: String(form.get('role') ?? ''),
					expiresAt: days > 0 ? new Date(Date.now() + days * 86_400_000).toISOString() : null
				},
				clientAddress(event)
			);
			return { tokenSecret: secret, tokenName: token.name };
		});
	},
	revokeToken: async (event) => {
		const form = await event.request.formData();
		return attempt(async () => {
			const token = await revokeApiToken(
				event.locals.services,
				actorOf(event.locals),
				id(form),
				clientAddress(event)
			);
			return { notice: `${token.name} was revoked: its next request is refused.` };
		});
	},
	revokeSession: async (event) => {
		const form = await event.request.formData();
		return attempt(() =>
			revokeSession(
				event.locals.services,
				actorOf(event.locals),
				String(form.get('id') ?? ''),
				clientAddress(event)
			)
		);
	},
	displayOptions: async (event) => {
		const form = await event.request.formData();
		const displayId = id(form);
		return attemptFor({ form: 'displayOptions', displayId }, () =>
			updateDisplayOptions(event.locals.services, actorOf(event.locals), displayId, {
				stages: form.getAll('stages').map(String),
				sort: String(form.get('sort') ?? ''),
				// An unticked checkbox sends nothing.
				showAssignee: form.get('showAssignee') === 'on',
				// Offered only in a shop of several locations; empty: every location.
				...(form.has('locationId')
					? { locationId: form.get('locationId') ? Number(form.get('locationId')) : null }
					: {})
			})
		);
	},
	stageThresholds: async (event) => {
		const form = await event.request.formData();
		const input = Object.fromEntries(
			BOARD_STAGES.map((stage) => [stage, daysOf(form.get(stage))]).filter(
				([, days]) => days !== undefined
			)
		);
		return attemptFor({ form: 'stageThresholds' }, () =>
			updateStageThresholds(event.locals.services, actorOf(event.locals), input)
		);
	},
	wipLimits: async (event) => {
		const form = await event.request.formData();
		return attemptFor({ form: 'wipLimits' }, () =>
			updateWipLimits(event.locals.services, actorOf(event.locals), wipLimitsInput(form))
		);
	},
	messages: async (event) => {
		const form = await event.request.formData();
		// A textarea sends its lines with CRLF; the words are kept with plain newlines.
		const text = (name: string) =>
			String(form.get(name) ?? '')
				.replace(/\r\n?/g, '\n')
				.trim();
		const templates = Object.fromEntries(
			MESSAGE_KINDS.map((kind) => [
				kind,
				savedTemplate(kind, { subject: text(`${kind}.subject`), body: text(`${kind}.body`) })
			])
		);
		return attemptFor({ form: 'messages' }, () =>
			updateMessageSettings(event.locals.services, actorOf(event.locals), {
				enabled: form.get('enabled') === 'on',
				openingHours: text('openingHours'),
				templates
			})
		);
	},
	profile: async (event) => {
		const form = await event.request.formData();
		const field = (name: string) => String(form.get(name) ?? '').replace(/\r\n?/g, '\n');
		return attemptFor({ form: 'profile' }, () =>
			updateShopProfile(event.locals.services, actorOf(event.locals), {
				name: field('shopName'),
				address: field('address'),
				phone: field('phone'),
				email: field('email'),
				website: field('website'),
				timeZone: field('timeZone'),
				currency: field('currency'),
				locale: field('locale')
			})
		);
	},
	logo: async (event) => {
		const form = await event.request.formData();
		const file = form.get('logo');
		return attemptFor({ form: 'profile' }, async () => {
			if (!(file instanceof File) || file.size === 0)
				throw invalid('logo', 'must be an image file');
			await setShopLogo(event.locals.services, actorOf(event.locals), file.stream());
		});
	},
	removeLogo: async (event) =>
		attemptFor({ form: 'profile' }, () =>
			removeShopLogo(event.locals.services, actorOf(event.locals))
		),
	startShop: async (event) => {
		const form = await event.request.formData();
		const result = await attemptFor({ form: 'startShop' }, async () => {
			if (form.get('confirm') !== 'on')
				throw invalid('confirm', 'must be ticked: it says the demo orders are cleared');
			await leaveDemo(event.locals.services, actorOf(event.locals), event.locals.services.demoExit);
		});
		if ('saved' in result) redirect(303, '/setup');
		return result;
	},
	addLocation: async (event) => {
		const form = await event.request.formData();
		return attemptFor({ form: 'location', locationId: null, action: 'add' }, () =>
			createLocation(event.locals.services, actorOf(event.locals), locationFields(form))
		);
	},
	editLocation: async (event) => {
		const form = await event.request.formData();
		const locationId = id(form);
		return attemptFor({ form: 'location', locationId, action: 'edit' }, () =>
			updateLocation(event.locals.services, actorOf(event.locals), locationId, {
				version: Number(form.get('version')),
				...locationFields(form)
			})
		);
	},
	archiveLocation: async (event) => {
		const form = await event.request.formData();
		const locationId = id(form);
		return attemptFor({ form: 'location', locationId, action: 'archive' }, () =>
			updateLocation(event.locals.services, actorOf(event.locals), locationId, {
				version: Number(form.get('version')),
				archived: form.get('archived') === 'true'
			})
		);
	},
	transferAlertHours: async (event) => {
		const form = await event.request.formData();
		return attemptFor({ form: 'transferAlertHours' }, () =>
			updateTransferAlertHours(event.locals.services, actorOf(event.locals), {
				transferAlertHours: daysOf(form.get('transferAlertHours'))
			})
		);
	},
	homeLocation: async (event) => {
		const form = await event.request.formData();
		const chosen = String(form.get('homeLocationId') ?? '');
		return attempt(() =>
			setHomeLocation(event.locals.services, actorOf(event.locals), id(form), {
				homeLocationId: chosen ? Number(chosen) : null
			}).then(() => undefined)
		);
	},
	verifyLog: async (event) => {
		const report = await verifyEventLogFor(event.locals.services, actorOf(event.locals));
		return { chain: { ok: report.ok, words: describeReport(report) } };
	},
	revokeDisplay: async (event) => {
		const form = await event.request.formData();
		return attempt(() =>
			revokeDisplay(event.locals.services, actorOf(event.locals), id(form), clientAddress(event))
		);
	}
};
