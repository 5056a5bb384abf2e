import {
	DEFAULT_TEMPLATES,
	MESSAGE_KINDS,
	type MessageKind,
	type MessageTemplate
} from '../../words/message-templates';
import { messageSettingsSchema } from '../../validation';
import { requirePermission } from '../auth/roles';
import type { Sql, Tx } from '../db';
import { parseInput } from '../errors';
import type { Actor } from '../events';
import type { Services } from '../services';
import { recordSettingsChange } from '../settings-trail';
import { transaction } from '../transaction';

/** The owner's choices: messages on or off, opening hours, and the words of each kind. */
export interface MessageSettings {
	enabled: boolean;
	openingHours: string;
	templates: Record<MessageKind, MessageTemplate>;
}

export async function readMessageSettings(q: Sql | Tx): Promise<MessageSettings> {
	const [row] = await q<
		{
			notificationsEnabled: boolean;
			openingHours: string;
			messageTemplates: Partial<Record<MessageKind, MessageTemplate>>;
		}[]
	>`select notifications_enabled, opening_hours, message_templates from settings`;
	return {
		enabled: row.notificationsEnabled,
		openingHours: row.openingHours,
		templates: { ...DEFAULT_TEMPLATES, ...row.messageTemplates }
	};
}

/** Message settings as the settings trail compares them: one field per template. */
const trailOf = (settings: MessageSettings) => ({
	enabled: settings.enabled,
	openingHours: settings.openingHours,
	...Object.fromEntries(MESSAGE_KINDS.map((kind) => [`template:${kind}`, settings.templates[kind]]))
});

/** The shop's message settings, for those who manage them. */
export async function getMessageSettings(
	services: Services,
	actor: Actor
): Promise<MessageSettings> {
	requirePermission(actor, 'messages.manage');
	return readMessageSettings(services.db.sql);
}

export async function updateMessageSettings(
	services: Services,
	actor: Actor,
	input: unknown
): Promise<MessageSettings> {
	requirePermission(actor, 'messages.manage');
	const data = parseInput(messageSettingsSchema, input);
	return transaction(services.db.sql, async (tx) => {
		const [row] = await tx<{ messageTemplates: Partial<Record<MessageKind, MessageTemplate>> }[]>`
			select message_templates from settings for update`;
		const before = await readMessageSettings(tx);
		const templates = { ...row.messageTemplates };
		for (const [kind, template] of Object.entries(data.templates ?? {})) {
			// null: back to the built-in wording.
			if (template) templates[kind as MessageKind] = template as MessageTemplate;
			else delete templates[kind as MessageKind];
		}
		await tx`
			update settings set
				notifications_enabled = ${data.enabled ?? tx`notifications_enabled`},
				opening_hours = ${data.openingHours ?? tx`opening_hours`},
				message_templates = ${tx.json(templates as never)}`;
		const after = await readMessageSettings(tx);
		await recordSettingsChange(tx, actor, 'messages', trailOf(before), trailOf(after));
		return after;
	});
}
