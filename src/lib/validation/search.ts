import { z } from 'zod';
import { text } from './fields';

export const searchQuerySchema = z.object({
	q: text(100),
	limit: z
		.string()
		.regex(/^\d{1,3}$/, 'must be a whole number from 1 to 50')
		.transform(Number)
		.refine((value) => value >= 1 && value <= 50, 'must be a whole number from 1 to 50')
		.default(10)
});
