import { describe, expect, it } from 'vitest';
import { createLog } from '../../src/lib/server/log';

describe('the server log', () => {
	it('writes one JSON line with time, level and message, and hides secrets and contact details', () => {
		const lines: string[] = [];
		const log = createLog({ write: (line: string) => void lines.push(line) }, 'info');
		log.debug('not at info level');
		log.info(
			{
				route: '/login',
				password: 'lantern over the quiet harbour',
				customer: { phone: '555-0199', email: 'isadora@example.com' },
				headers: { cookie: 'bb_session=abc' }
			},
			'signed in'
		);
		expect(lines).toHaveLength(1);
		const line = JSON.parse(lines[0]);
		expect(line).toMatchObject({ level: 'info', msg: 'signed in', route: '/login' });
		expect(Date.parse(line.time)).not.toBeNaN();
		expect(lines[0]).not.toMatch(/lantern|555-0199|isadora|abc/);
		expect(line.customer).toEqual({ phone: '[hidden]', email: '[hidden]' });
		expect(line.password).toBe('[hidden]');
	});
});
