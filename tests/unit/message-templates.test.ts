import { describe, expect, it } from 'vitest';
import { customerPieceHeading } from '../../src/lib/words/message-templates';

describe("the status page's heading", () => {
	it('names the piece as the customer would, with its metal, and never the staff title', () => {
		expect(customerPieceHeading('engagement_ring', '18k yellow gold')).toBe(
			'Your engagement ring, 18k yellow gold'
		);
		expect(customerPieceHeading('earrings', null)).toBe('Your pair of earrings');
		expect(customerPieceHeading('remount', '  ')).toBe('Your remounted piece');
	});
});
