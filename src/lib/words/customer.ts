import type { Customer } from '../types';

export const fullName = (customer: Pick<Customer, 'givenName' | 'familyName'>) =>
	`${customer.givenName} ${customer.familyName}`;

/** Digits and a leading + only: what a tel: link needs. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/** "1.5 ct"; melee is counted and weighed together: "24 stones, 0.36 ct total". */
export function formatCarats(carats: number | string | null, count = 1): string {
	const weight =
		carats == null
			? null
			: `${Number(carats)
					.toFixed(3)
					.replace(/\.?0+$/, '')} ct`;
	if (count > 1) return weight ? `${count} stones, ${weight} total` : `${count} stones`;
	return weight ?? '—';
}
