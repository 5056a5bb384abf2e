import { describe, expect, it } from 'vitest';
import { publicUrlProblem } from '../../src/lib/server/public-url';

describe("customers' links", () => {
	it('are flagged when they point to localhost while the shop is reached by its name', () => {
		expect(publicUrlProblem('http://localhost:3000', 'https://board.marlowe.example')).toMatch(
			/point to http:\/\/localhost:3000, which works only on the server itself.*PUBLIC_URL=https:\/\/board\.marlowe\.example/
		);
		expect(publicUrlProblem('http://127.0.0.1:3000', 'http://192.168.1.20:3000')).toContain(
			'PUBLIC_URL=http://192.168.1.20:3000'
		);
	});

	it('are flagged when they are plain http for a shop served over https', () => {
		expect(
			publicUrlProblem('http://board.marlowe.example', 'https://board.marlowe.example')
		).toMatch(/plain http/);
	});

	it('are fine when they match, or when the page itself is opened on the server', () => {
		expect(
			publicUrlProblem('https://board.marlowe.example', 'https://board.marlowe.example')
		).toBeNull();
		expect(publicUrlProblem('http://localhost:3000', 'http://127.0.0.1:3000')).toBeNull();
	});
});
