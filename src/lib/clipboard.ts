/**
 * Copies text for the person to paste elsewhere. Without the clipboard API (a page over plain http)
 * the old way: `field`, which shows the text, is selected and copied.
 */
export async function copyText(text: string, field?: HTMLInputElement): Promise<void> {
	try {
		await navigator.clipboard.writeText(text);
	} catch {
		field?.select();
		document.execCommand('copy');
	}
}
