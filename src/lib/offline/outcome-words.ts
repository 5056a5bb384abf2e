import { getHistory } from '../api/orders';
import { STAGE_LABELS, type BoardStage } from '../stages';
import type { Outcome } from './replay';

/** Who changed an order last, and when: its history's newest entry (null when it cannot be read). */
async function lastChange(orderId: number): Promise<{ actor: string; at: string } | null> {
	const entry = (await getHistory(orderId).catch(() => null))?.entries.at(-1);
	return entry ? { actor: entry.actor, at: entry.at } : null;
}

/**
 * What a screen says once its queue was sent: how many changes went through, and for each one that
 * was not applied, whose change came first ("Sam Ortiz moved CO-1021 to Setting at 2:05 PM while
 * you were offline; your move to Polishing was not applied.").
 */
export async function outcomeWords(
	outcomes: Outcome[],
	time: (moment: string) => string
): Promise<string> {
	const applied = outcomes.filter((outcome) => outcome.kind === 'applied').length;
	const parts: string[] = [];
	if (applied)
		parts.push(
			`${applied === 1 ? '1 change' : `${applied} changes`} made offline ${applied === 1 ? 'was' : 'were'} sent.`
		);
	for (const outcome of outcomes) {
		if (outcome.kind === 'applied') continue;
		const { change } = outcome;
		const yours =
			change.kind === 'move'
				? `your move to ${STAGE_LABELS[change.stage]} was not applied.`
				: `your ${lowerFirst(change.label)} was not applied.`;
		if (outcome.kind === 'refused') {
			parts.push(`${change.number}: ${sentence(outcome.message)} ${capitalize(yours)}`);
			continue;
		}
		const last = await lastChange(change.orderId);
		const who = last?.actor || 'Someone';
		const when = last ? ` at ${time(last.at)}` : '';
		const current = outcome.current;
		const what =
			change.kind === 'move' && current && current.stage !== change.from
				? `moved ${change.number} to ${STAGE_LABELS[current.stage as BoardStage] ?? current.stage}`
				: `changed ${change.number}`;
		parts.push(`${who} ${what}${when} while you were offline; ${yours}`);
	}
	return parts.join(' ');
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
