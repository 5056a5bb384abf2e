import { z } from 'zod';

/** One person's own choices for their board. */
export const boardPreferencesSchema = z.strictObject({
	lateFirst: z.boolean({ error: 'must be true or false' })
});

export type BoardPreferences = z.infer<typeof boardPreferencesSchema>;
