/** Where the board's floating notice sits along the foot of the screen. */
export type ToastSide = 'center' | 'left' | 'right';

interface Box {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

/**
 * The first place at the foot of the screen (centre, then the side away from the card) where the
 * notice does not cover the card just moved, so the person sees where it landed while its Undo is
 * offered. Centre when every place would cover it (a phone's one column): the card is scrolled to.
 */
export function toastSide(
	card: Box | null,
	toast: { width: number; height: number },
	viewport: { width: number; height: number },
	margin = 16
): ToastSide {
	if (!card) return 'center';
	const top = viewport.height - margin - toast.height;
	const boxes: Record<ToastSide, Box> = {
		center: {
			left: (viewport.width - toast.width) / 2,
			right: (viewport.width + toast.width) / 2,
			top,
			bottom: top + toast.height
		},
		left: { left: margin, right: margin + toast.width, top, bottom: top + toast.height },
		right: {
			left: viewport.width - margin - toast.width,
			right: viewport.width - margin,
			top,
			bottom: top + toast.height
		}
	};
	const cardMiddle = (card.left + card.right) / 2;
	const order: ToastSide[] =
		cardMiddle < viewport.width / 2 ? ['center', 'right', 'left'] : ['center', 'left', 'right'];
	return order.find((side) => !overlaps(boxes[side], card)) ?? 'center';
}

const overlaps = (a: Box, b: Box) =>
	a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
