/**
 * The API starts a field's message with the field's name ("givenName is required"); a form shows
 * it with the label the person sees ("First name is required"). Only a leading name is swapped, so
 * "a vendor named…" keeps its words.
 */
export function labelled(message: string, field: string, label: string | undefined): string {
	if (!label || !message.startsWith(`${field} `)) return message;
	return `${label}${message.slice(field.length)}`;
}
