import { describe, expect, it } from 'vitest';
import { Notices } from '../../src/lib/notices.svelte';

describe('notices', () => {
	it('keeps a question waiting for an answer when news comes, and lets the next question or an error through', () => {
		const notices = new Notices();
		const action = { label: 'Apply mine anyway', run: () => {} };
		notices.show('conflict', 'Avery changed CO-1021 while you were offline', 0, action);
		notices.show('info', 'Avery Stone changed the stone’s weight', 8000);
		expect(notices.current).toMatchObject({ kind: 'conflict', action });
		notices.show('error', 'The change could not be sent', 8000);
		expect(notices.current).toMatchObject({ kind: 'error' });
		notices.dismiss();
		notices.show('info', 'Moved to Design.', 5000);
		expect(notices.current).toMatchObject({ kind: 'info', text: 'Moved to Design.' });
	});
});
