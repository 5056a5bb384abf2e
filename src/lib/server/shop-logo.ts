import type { ShopProfile } from '../shop';
import { lockFile } from './attachments';
import { requirePermission } from './auth/roles';
import { DomainError, notFound } from './errors';
import type { Actor } from './events';
import type { Services } from './services';
import { changeShopProfile } from './shop-profile';

const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/** Sets (an image's bytes) or removes (null) the logo, recorded like any change to the profile. */
const putLogo = (
	services: Services,
	actor: Actor,
	logo: { sha256: string; mediaType: string } | null
) =>
	changeShopProfile(services, actor, async (tx, before) => {
		if (logo) await lockFile(tx, logo.sha256);
		if (before.logo === (logo && `/shop/logo/${logo.sha256}`)) return [];
		await tx`update settings set logo_hash = ${logo?.sha256 ?? null}, logo_type = ${logo?.mediaType ?? null}`;
		return ['logo'];
	});

/**
 * The owner uploads the shop's logo (PNG, JPEG or WebP, up to 2 MB; the bytes decide the type),
 * shown on the customer's status page, the envelope and the receipt.
 */
export async function setShopLogo(
	services: Services,
	actor: Actor,
	body: ReadableStream<Uint8Array> | null
): Promise<ShopProfile> {
	requirePermission(actor, 'shop.manage');
	const stored = await services.files.save(body);
	try {
		if (!stored.mediaType.startsWith('image/'))
			throw new DomainError(400, 'invalid', 'logo must be an image: PNG, JPEG or WebP', {
				field: 'logo'
			});
		if (stored.byteSize > MAX_LOGO_BYTES)
			throw new DomainError(413, 'too_large', 'logo must be at most 2 MB', { field: 'logo' });
		return await putLogo(services, actor, stored);
	} finally {
		// Bytes no row names are swept later, like a refused upload's.
		stored.release();
	}
}

export async function removeShopLogo(services: Services, actor: Actor): Promise<ShopProfile> {
	requirePermission(actor, 'shop.manage');
	return putLogo(services, actor, null);
}

/** The current logo's file, for anyone (customers see it): no other stored file is reachable so. */
export async function locateLogo(services: Services, hash: string) {
	const [row] = await services.db.sql<{ logoHash: string | null; logoType: string | null }[]>`
		select logo_hash, logo_type from settings`;
	if (!row.logoHash || row.logoHash !== hash) throw notFound('That logo');
	return {
		path: services.files.pathOf(hash),
		mediaType: row.logoType ?? 'application/octet-stream'
	};
}
