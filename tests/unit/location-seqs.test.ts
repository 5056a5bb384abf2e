import { describe, expect, it } from 'vitest';
import { LocationSeqs } from '../../src/lib/server/location-events';

describe("each location's prevSeq, as one process sends its events", () => {
	it("is the location's last event this process saw, else the seq before the first it saw", () => {
		const seqs = new LocationSeqs();
		// Before 40 this process saw nothing: any of 1..39 may have been either location's.
		expect(seqs.see({ seq: 40, locationIds: [1] }, [1, 2])).toEqual(new Map([[1, 39]]));
		expect(seqs.see({ seq: 41, locationIds: [2] }, [1, 2])).toEqual(new Map([[2, 39]]));
		expect(seqs.see({ seq: 45, locationIds: [1, 2] }, [1, 2])).toEqual(
			new Map([
				[1, 40],
				[2, 41]
			])
		);
		// A location with no screen here is still followed, for when one opens.
		expect(seqs.see({ seq: 46, locationIds: [3] }, [1, 2])).toEqual(new Map());
		expect(seqs.see({ seq: 50, locationIds: [3] }, [3])).toEqual(new Map([[3, 46]]));
	});

	it("counts an event of every location (written before locations) as each one's", () => {
		const seqs = new LocationSeqs();
		seqs.see({ seq: 10, locationIds: [1] }, []);
		expect(seqs.see({ seq: 12, locationIds: null }, [1, 2])).toEqual(
			new Map([
				[1, 10],
				[2, 9]
			])
		);
		expect(seqs.see({ seq: 13, locationIds: [2] }, [2])).toEqual(new Map([[2, 12]]));
		expect(seqs.see({ seq: 14, locationIds: [1] }, [1])).toEqual(new Map([[1, 12]]));
	});
});
