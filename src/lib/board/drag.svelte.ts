import { isBoardStage, type BoardStage } from '../stages';

/**
 * Where a dragged card would land: a stage, its index among the column's other cards shown (for
 * the gap), and the card it would follow (null: the top), which is what a drop sends.
 */
export interface DropTarget {
	stage: BoardStage;
	index: number;
	afterId: number | null;
}

export interface DragOptions {
	/** May a drag start now (false while offline)? */
	enabled(): boolean;
	/** The card was dropped: place it directly after `afterId` (null: the top) in `stage`. */
	drop(id: number, stage: BoardStage, afterId: number | null): void;
}

const MOUSE_THRESHOLD_PX = 5;
const TOUCH_HOLD_MS = 220;
const TOUCH_SLOP_PX = 10;

/**
 * Card dragging with pointer events, so mouse, pen and touch work alike (the HTML5 drag API has no
 * touch). A mouse drag starts after a few pixels; a touch drag after a short hold, so that a swipe
 * still scrolls the column. Columns are `[data-drop-stage]` lists of `[data-card-id]` items.
 */
export class CardDrag {
	/** The card being dragged, and where the pointer is. */
	active = $state<{
		id: number;
		x: number;
		y: number;
		dx: number;
		dy: number;
		width: number;
	} | null>(null);
	target = $state<DropTarget | null>(null);

	#options: DragOptions;

	constructor(options: DragOptions) {
		this.#options = options;
	}

	/** For a card's onpointerdown. */
	start(event: PointerEvent, id: number): void {
		if (event.button !== 0 || !event.isPrimary || this.active || !this.#options.enabled()) return;
		// The card's own number is a link (to open it in a new tab) and a handle like the rest.
		const control = 'button, a:not([data-order-link]), input, select, textarea, [role="menu"]';
		if ((event.target as Element).closest(control)) return;
		const element = event.currentTarget as HTMLElement;
		const startX = event.clientX;
		const startY = event.clientY;
		const touch = event.pointerType === 'touch';
		let holdTimer: ReturnType<typeof setTimeout> | undefined;
		let lastX = startX;
		let lastY = startY;

		const begin = () => {
			const rect = element.getBoundingClientRect();
			try {
				element.setPointerCapture(event.pointerId);
			} catch {
				// the pointer may already be gone; the drag still follows document events
			}
			this.active = {
				id,
				x: lastX,
				y: lastY,
				dx: startX - rect.left,
				dy: startY - rect.top,
				width: rect.width
			};
			this.#updateTarget(lastX, lastY);
			if (touch) navigator.vibrate?.(10);
		};
		const move = (e: PointerEvent) => {
			if (e.pointerId !== event.pointerId) return;
			lastX = e.clientX;
			lastY = e.clientY;
			if (!this.active) {
				const distance = Math.hypot(lastX - startX, lastY - startY);
				if (touch && distance > TOUCH_SLOP_PX)
					finish(); // a swipe: let the browser scroll
				else if (!touch && distance > MOUSE_THRESHOLD_PX) begin();
				return;
			}
			this.active = { ...this.active, x: lastX, y: lastY };
			this.#updateTarget(lastX, lastY);
		};
		const up = (e: PointerEvent) => {
			if (e.pointerId !== event.pointerId) return;
			const dragged = this.active !== null;
			const drop = this.active ? this.target : null;
			finish();
			if (dragged) swallowNextClick();
			if (drop) this.#options.drop(id, drop.stage, drop.afterId);
		};
		const cancel = () => finish();
		const key = (e: KeyboardEvent) => {
			if (e.key === 'Escape' && this.active) finish();
		};
		// While a touch drag is on, the finger must not scroll the page instead.
		const blockScroll = (e: TouchEvent) => {
			if (this.active) e.preventDefault();
		};
		const finish = () => {
			clearTimeout(holdTimer);
			document.removeEventListener('pointermove', move);
			document.removeEventListener('pointerup', up);
			document.removeEventListener('pointercancel', cancel);
			document.removeEventListener('keydown', key);
			document.removeEventListener('touchmove', blockScroll);
			this.active = null;
			this.target = null;
		};
		document.addEventListener('pointermove', move);
		document.addEventListener('pointerup', up);
		document.addEventListener('pointercancel', cancel);
		document.addEventListener('keydown', key);
		document.addEventListener('touchmove', blockScroll, { passive: false });
		if (touch) holdTimer = setTimeout(begin, TOUCH_HOLD_MS);
	}

	#updateTarget(x: number, y: number): void {
		const list = document
			.elementsFromPoint(x, y)
			.map((element) => element.closest<HTMLElement>('[data-drop-stage]'))
			.find((element) => element !== null);
		const stage = list?.dataset.dropStage;
		if (!list || !stage || !isBoardStage(stage)) {
			this.target = null;
			return;
		}
		// The cards above the pointer's height; the drop goes after the last of them.
		const above = [...list.querySelectorAll<HTMLElement>(':scope > [data-card-id]')].filter(
			(card) => {
				if (Number(card.dataset.cardId) === this.active?.id) return false;
				const rect = card.getBoundingClientRect();
				return rect.top + rect.height / 2 < y;
			}
		);
		const index = above.length;
		const last = above.at(-1);
		const afterId = last ? Number(last.dataset.cardId) : null;
		if (this.target?.stage !== stage || this.target.afterId !== afterId) {
			this.target = { stage, index, afterId };
		}
	}
}

/**
 * A drag ends with a click on whatever is under the pointer (the card, a link, a panel's backdrop):
 * it was a drop, not a click, so it goes nowhere.
 */
function swallowNextClick(): void {
	const swallow = (event: MouseEvent) => {
		event.stopPropagation();
		event.preventDefault();
	};
	window.addEventListener('click', swallow, { capture: true, once: true });
	setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 400);
}
